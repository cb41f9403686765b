import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { ResultStream } from './duck/types.ts';

export interface QueryResult {
  /** Arrow IPC stream bytes of the first `maxRows` rows. */
  ipc: Uint8Array;
  /** Rows the query produced, counted to the end even when fewer were kept. */
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
}

export interface CollectOptions {
  maxRows: number;
  isCancelled(): boolean;
  onRows?: ((rows: number) => void) | undefined;
  elapsedMs(): number;
}

/** A whole result (from a prepared statement) seen as a stream. */
export function tableStream(table: Table): ResultStream {
  async function* batches(): AsyncIterable<RecordBatch> {
    yield* table.batches;
  }
  return { schema: table.schema, batches: batches() };
}

const PROGRESS_EVERY_ROWS = 100_000;

/** Keeps the first `maxRows` rows of a streamed result and counts the rest without holding them. */
export async function collectResult(
  result: ResultStream,
  options: CollectOptions,
): Promise<QueryResult> {
  const kept: RecordBatch[] = [];
  let keptRows = 0;
  let rowCount = 0;
  let nextReport = PROGRESS_EVERY_ROWS;
  for await (const batch of result.batches) {
    if (options.isCancelled()) break;
    rowCount += batch.numRows;
    if (keptRows < options.maxRows) {
      const take = Math.min(batch.numRows, options.maxRows - keptRows);
      kept.push(take === batch.numRows ? batch : batch.slice(0, take));
      keptRows += take;
    }
    if (rowCount >= nextReport) {
      options.onRows?.(rowCount);
      nextReport = rowCount + PROGRESS_EVERY_ROWS;
    }
  }
  const table = kept.length ? new Table(kept) : new Table(result.schema);
  return {
    ipc: tableToIPC(table, 'stream'),
    rowCount,
    truncated: rowCount > keptRows,
    elapsedMs: options.elapsedMs(),
  };
}
