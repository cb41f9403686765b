import type { PlainRow } from '../../engine/arrow-rows.ts';
import { dataState } from '../data/data-state.svelte.ts';
import type { Query } from '../filters/filters.ts';
import { storageState } from '../storage/storage-state.svelte.ts';
import { runCachedQuery, viewCache } from './page-query.ts';

/**
 * One `$effect`'s queries on a dashboard page; returns the effect's cleanup, which drops an answer
 * that comes after the view changed. Once the layers are built the queries run and their rows are
 * kept for the next visit (view-cache.ts). While the database opens on a reload, the rows the last
 * visit kept are shown at once instead (`fromCache`), when every query of the effect has them.
 */
export function pageRows(
  queries: readonly Query[],
  show: (rows: PlainRow[][], fromCache: boolean) => void,
  fail: (message: string) => void,
): (() => void) | undefined {
  if (!dataState.lastRun) {
    // Read again when the storage reports its save: rows of another save are dropped then.
    void storageState.status;
    if (!dataState.opening) return undefined;
    const cached = queries.map((q) => viewCache.get(q));
    if (cached.every((rows) => rows !== undefined)) show(cached as PlainRow[][], true);
    return undefined;
  }
  let stale = false;
  Promise.all(queries.map(runCachedQuery))
    .then((rows) => {
      if (!stale) show(rows, false);
    })
    .catch((e: Error) => {
      if (!stale) fail(e.message);
    });
  return () => {
    stale = true;
  };
}
