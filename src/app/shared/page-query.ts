import { getEngine } from '../engine-client.ts';
import type { Query } from '../filters/filters.ts';
import { browserStore } from '../storage/last-view.ts';
import { createViewCache } from './view-cache.ts';

export { numberOrNull } from '../../engine/arrow-rows.ts';

/** Runs a page's SQL builder output in the engine worker, its values bound as parameters. */
export const runQuery = (q: Query) => getEngine().rows(q.sql, q.params);

/** Results kept across reloads, for a first paint while the database opens (see view-cache.ts). */
export const viewCache = createViewCache(browserStore());

/** `runQuery`, keeping the rows for the next visit's first paint. */
export const runCachedQuery = (q: Query) =>
  runQuery(q).then((rows) => {
    viewCache.put(q, rows);
    return rows;
  });
