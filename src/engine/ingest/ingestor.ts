import { generateDemo, type DemoRecipe, type DemoSummary } from '../../data/generator/index.ts';
import { formatTimestamp, type PlainRow } from '../arrow-rows.ts';
import { EngineError } from '../errors.ts';
import type { SqlDriver } from '../sql-driver.ts';
import { ingestCsv, type IngestOutcome } from './load-csv.ts';
import { blobSource, bytesSource } from './sources.ts';
import { createTaskQueue, type TaskQueue } from '../task-queue.ts';

export interface TaskProgress {
  phase: 'generate' | 'load';
  /** What is being worked on, for people: a file name or "orders". */
  label: string;
  done: number;
  total: number | null;
  unit: 'bytes' | 'orders';
  /** Rows loaded so far in the current file. */
  rows: number;
  fileIndex: number;
  fileCount: number;
}

export type NamedBytes = { name: string; bytes: Uint8Array };

export interface DemoOutcome {
  summary: DemoSummary;
  files: IngestOutcome[];
}

/** Loads files and the demo data set into bronze, one task at a time, each cancellable. */
export function createIngestor(deps: {
  driver(): Promise<SqlDriver>;
  interrupt(): Promise<void>;
  /** Shared with the other long tasks, so a load never interleaves with a build. */
  serial?: TaskQueue;
}) {
  let cancelled = false;
  const serial = deps.serial ?? createTaskQueue();
  const checkCancelled = () => {
    if (cancelled)
      throw new EngineError(
        'cancelled',
        'Loading was cancelled; nothing from the file in progress was kept.',
      );
  };

  async function loadAll(
    sources: Array<File | NamedBytes>,
    onProgress?: (p: TaskProgress) => void,
  ): Promise<IngestOutcome[]> {
    const driver = await deps.driver();
    const outcomes: IngestOutcome[] = [];
    for (const [index, item] of sources.entries()) {
      checkCancelled();
      const source =
        item instanceof Blob ? blobSource(item.name, item) : bytesSource(item.name, [item.bytes]);
      outcomes.push(
        await ingestCsv(driver, source, {
          ingestedAt: formatTimestamp(Date.now()),
          isCancelled: () => cancelled,
          onProgress: (p) =>
            onProgress?.({
              phase: 'load',
              label: p.file,
              done: p.bytes,
              total: p.totalBytes,
              unit: 'bytes',
              rows: p.rows,
              fileIndex: index,
              fileCount: sources.length,
            }),
        }),
      );
    }
    return outcomes;
  }

  return {
    ingestFiles(files: Array<File | NamedBytes>, onProgress?: (p: TaskProgress) => void) {
      return serial(async () => {
        cancelled = false;
        return loadAll(files, onProgress);
      });
    },

    /** Generates the demo data set of `recipe` in this worker and loads it. */
    loadDemo(recipe: DemoRecipe, onProgress?: (p: TaskProgress) => void): Promise<DemoOutcome> {
      return serial(async () => {
        cancelled = false;
        const encoder = new TextEncoder();
        const files = new Map<string, Uint8Array[]>();
        const controller = new AbortController();
        let lastYield = performance.now();
        const summary = await generateDemo(
          recipe,
          {
            async write(file, chunk) {
              let parts = files.get(file);
              if (!parts) files.set(file, (parts = []));
              parts.push(encoder.encode(chunk));
              // Let the worker take messages (a cancel) between chunks of generation.
              if (performance.now() - lastYield > 50) {
                await new Promise((resolve) => setTimeout(resolve, 0));
                lastYield = performance.now();
                if (cancelled) controller.abort();
              }
            },
          },
          {
            signal: controller.signal,
            onProgress: (p) =>
              onProgress?.({
                phase: 'generate',
                label: 'orders',
                done: p.ordersDone,
                total: p.ordersTotal,
                unit: 'orders',
                rows: 0,
                fileIndex: 0,
                fileCount: 0,
              }),
          },
        ).catch((error: unknown) => {
          checkCancelled();
          throw error;
        });
        const driver = await deps.driver();
        const outcomes: IngestOutcome[] = [];
        const entries = [...files.entries()];
        for (const [index, [name, parts]] of entries.entries()) {
          checkCancelled();
          files.delete(name);
          outcomes.push(
            await ingestCsv(driver, bytesSource(name, parts), {
              ingestedAt: formatTimestamp(Date.now()),
              isCancelled: () => cancelled,
              onProgress: (p) =>
                onProgress?.({
                  phase: 'load',
                  label: name,
                  done: p.bytes,
                  total: p.totalBytes,
                  unit: 'bytes',
                  rows: p.rows,
                  fileIndex: index,
                  fileCount: entries.length,
                }),
            }),
          );
        }
        return { summary, files: outcomes };
      });
    },

    async cancel(): Promise<void> {
      cancelled = true;
      await deps.interrupt();
    },

    /** What bronze holds: one row per batch, one per table with its row count. */
    async status(): Promise<{ batches: PlainRow[]; rejects: number }> {
      const driver = await deps.driver();
      const exists = await driver.rows(
        "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE schema_name = 'bronze' AND table_name = '_batches'",
      );
      if (exists[0]?.n === 0) return { batches: [], rejects: 0 };
      const batches = await driver.rows(
        'SELECT batch_id, format, source_file, bytes, rows_loaded, rows_rejected, ingested_at FROM bronze._batches ORDER BY batch_id',
      );
      const [rejects] = await driver.rows('SELECT count(*)::BIGINT AS n FROM bronze._rejects');
      return { batches, rejects: Number(rejects?.n ?? 0) };
    },
  };
}
