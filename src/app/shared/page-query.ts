import { getEngine } from '../engine-client.ts';
import type { Query } from '../filters/filters.ts';

export { numberOrNull } from '../../engine/arrow-rows.ts';

/** Runs a page's SQL builder output in the engine worker, its values bound as parameters. */
export const runQuery = (q: Query) => getEngine().rows(q.sql, q.params);
