import type { PlainRow } from '../../engine/arrow-rows.ts';
import type { PipelineRun } from '../../pipeline/types.ts';
import { dataState } from '../data/data-state.svelte.ts';
import type { Query } from '../filters/filters.ts';
import { storageState } from '../storage/storage-state.svelte.ts';
import { runCachedQuery, viewCache } from './page-query.ts';

/** One list of rows per query, in the order of the queries. */
type RowsOf<Q extends ReadonlyArray<unknown>> = { -readonly [K in keyof Q]: PlainRow[] };

/**
 * One `$effect`'s queries on a dashboard page; returns the effect's cleanup, which drops an answer
 * that comes after the view changed. Once the layers are built the queries run and their rows are
 * kept for the next visit (view-cache.ts), with the build they came from. While the database opens
 * on a reload, the rows the last visit kept are shown at once instead (`fromCache`), when every
 * query of the effect has them. A `null` query (a table this build lacks) answers no rows.
 */
export function pageRows<const Q extends ReadonlyArray<Query | null>>(
  queries: Q,
  show: (rows: RowsOf<Q>, fromCache: boolean) => void,
  fail: (message: string) => void,
): (() => void) | undefined {
  if (!dataState.lastRun) {
    // Read again when the storage reports its save: rows of another save are dropped then.
    void storageState.status;
    if (!dataState.opening) return undefined;
    const cached = queries.map((q) => (q ? viewCache.get(q) : []));
    if (cached.every((rows) => rows !== undefined)) show(cached as RowsOf<Q>, true);
    return undefined;
  }
  const run = dataState.lastRun;
  let stale = false;
  Promise.all(queries.map((q) => (q ? runCachedQuery(q) : Promise.resolve([]))))
    .then((rows) => {
      // Only what picks a page's queries and notes: which models were built, with how many rows.
      viewCache.putRun({ ...run, bronze: [], tests: [] });
      if (!stale) show(rows as RowsOf<Q>, false);
    })
    .catch((e: Error) => {
      if (!stale) fail(e.message);
    });
  return () => {
    stale = true;
  };
}

/**
 * The build a page stands for: the database's, or while it opens on a reload the one the last
 * visit's kept rows came from (so a page picks the same queries, and finds them kept).
 */
export function pageRun(): PipelineRun | null {
  if (dataState.lastRun) return dataState.lastRun;
  void storageState.status;
  return dataState.opening ? ((viewCache.getRun() as PipelineRun | undefined) ?? null) : null;
}
