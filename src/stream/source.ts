import type { SqlDriver } from '../engine/sql-driver.ts';
import { batchFromRows, type ArrivalBatch } from './batch.ts';

const PAGE = 65_536;

/**
 * Reads stream.arrivals from an offset (seq), like a consumer reading a topic, and cuts it into
 * micro-batches: all arrivals that share a batch number (one trigger interval of the simulated clock).
 */
export function createSource(driver: SqlDriver, fromSeq: number) {
  let buffer: Record<string, unknown>[] = [];
  let at = 0;
  let nextPageSeq = fromSeq;
  let exhausted = false;

  async function fill(): Promise<boolean> {
    if (exhausted) return false;
    const page = await driver.rows(
      `SELECT seq, eid, op, event_ms, arrival_ms, batch, kid, acode, amount, installments
       FROM stream.arrivals WHERE seq >= ? AND seq < ? ORDER BY seq`,
      [nextPageSeq, nextPageSeq + PAGE],
    );
    nextPageSeq += PAGE;
    if (page.length < PAGE) exhausted = true;
    buffer = at < buffer.length ? buffer.slice(at).concat(page) : page;
    at = 0;
    return page.length > 0;
  }

  return {
    /** The batch number of the next micro-batch without taking it, or null at the end of the log. */
    async peek(): Promise<number | null> {
      if (at >= buffer.length && !(await fill())) return null;
      return Number(buffer[at]!.batch);
    },
    /** The next micro-batch, or null at the end of the log. */
    async next(): Promise<ArrivalBatch | null> {
      if (at >= buffer.length && !(await fill())) return null;
      const batchId = Number(buffer[at]!.batch);
      let end = at;
      for (;;) {
        while (end < buffer.length && Number(buffer[end]!.batch) === batchId) end++;
        if (end < buffer.length || exhausted) break;
        const offset = end - at;
        if (!(await fill())) break;
        end = at + offset;
      }
      const rows = buffer.slice(at, end);
      at = end;
      return batchFromRows(batchId, rows);
    },
  };
}

export type Source = ReturnType<typeof createSource>;
