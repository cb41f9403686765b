import type { SqlDriver } from '../engine/sql-driver.ts';
import {
  commitStatements,
  freshProgress,
  readCheckpoint,
  resetSinks,
  runCommit,
  type Progress,
} from './checkpoint.ts';
import { buildArrivals, buildEventLog } from './event-log.ts';
import { createOperators, type BatchOutput, type WindowAgg } from './operators.ts';
import { windowRows, type WindowRows } from './outputs.ts';
import type { StreamSettings } from './settings.ts';
import { createSource } from './source.ts';

export interface BatchReport {
  batchId: number;
  /** End of the batch on the simulated clock (ms). */
  clockMs: number;
  output: BatchOutput | null;
  /** Final windows emitted by this batch (append mode). */
  final: WindowRows;
  /** Open windows this batch changed, as they stand now (update mode). */
  live: WindowRows;
  progress: Progress;
  operatorMs: number;
  commitMs: number;
}

/** Builds the event log and arrival order for `settings` and starts a new run (no checkpoint). */
export async function prepareReplay(driver: SqlDriver, settings: StreamSettings): Promise<void> {
  await buildEventLog(driver);
  await buildArrivals(driver, settings);
  await resetSinks(driver, settings);
}

/** Rebuilds the arrival order and clears the sinks, keeping the event log (settings changed). */
export async function restartReplay(driver: SqlDriver, settings: StreamSettings): Promise<void> {
  await buildArrivals(driver, settings);
  await resetSinks(driver, settings);
}

/**
 * A query restored from the last commit: each `step()` reads one micro-batch, runs the operators
 * and commits sink rows, late events, the state delta and the new offset in one transaction.
 */
export async function openReplay(driver: SqlDriver, now: () => number) {
  const checkpoint = await readCheckpoint(driver);
  if (!checkpoint) throw new Error('No replay has been prepared: start one first.');
  const { settings, state } = checkpoint;
  const progress = { ...checkpoint.progress };
  const spec = { sizeMs: settings.windowMs, slideMs: settings.slideMs };
  const operators = createOperators(spec, settings.latenessMs, state);
  const names = (await driver.rows('SELECT acode, attr FROM stream.dict ORDER BY acode')).map((r) =>
    String(r.attr),
  );
  const source = createSource(driver, progress.nextSeq);
  const rowsOf = (w: readonly WindowAgg[]) => windowRows(w, settings.windowMs, names);

  async function commit(
    out: BatchOutput | null,
    final: WindowRows,
    lateSeqs: number[],
    meta: { firstSeq: number; operatorMs: number },
  ): Promise<number> {
    const started = now();
    await runCommit(driver, commitStatements(out, final, lateSeqs, progress, state, meta));
    return now() - started;
  }

  return {
    settings,
    names,
    get progress(): Progress {
      return progress;
    },
    get state() {
      return state;
    },
    /** End on the simulated clock of the next micro-batch (Infinity: only the end-of-log flush is left). */
    async nextDueMs(): Promise<number | null> {
      if (progress.done) return null;
      const id = await source.peek();
      return id === null ? Infinity : (id + 1) * settings.triggerMs;
    },
    /** Processes the next micro-batch; at the end of the log emits every open window; null once done. */
    async step(): Promise<BatchReport | null> {
      if (progress.done) return null;
      const batch = await source.next();
      if (!batch) {
        const started = now();
        const final = rowsOf(operators.flush());
        const operatorMs = now() - started;
        progress.done = true;
        progress.commits++;
        const commitMs = await commit(null, final, [], { firstSeq: progress.nextSeq, operatorMs });
        return {
          batchId: progress.lastBatch ?? 0,
          clockMs: Infinity,
          output: null,
          final,
          live: rowsOf([]),
          progress: { ...progress },
          operatorMs,
          commitMs,
        };
      }
      const started = now();
      const out = operators.processBatch(batch);
      const final = rowsOf(out.closed);
      const operatorMs = now() - started;
      const firstSeq = batch.seq[0]!;
      progress.nextSeq = batch.seq[batch.length - 1]! + 1;
      progress.lastBatch = batch.batchId;
      progress.commits++;
      progress.events += out.events;
      progress.accepted += out.accepted;
      progress.late += out.late.length;
      progress.duplicates += out.duplicates;
      const lateSeqs = out.late.map((i) => batch.seq[i]!);
      const commitMs = await commit(out, final, lateSeqs, { firstSeq, operatorMs });
      return {
        batchId: batch.batchId,
        clockMs: (batch.batchId + 1) * settings.triggerMs,
        output: out,
        final,
        live: rowsOf(out.updated),
        progress: { ...progress },
        operatorMs,
        commitMs,
      };
    },
  };
}

export type Replay = Awaited<ReturnType<typeof openReplay>>;

/** Runs a prepared replay to the end (the CLI, tests and benchmark). */
export async function runToEnd(
  replay: Replay,
  onBatch?: (report: BatchReport) => void,
): Promise<Progress> {
  for (;;) {
    const report = await replay.step();
    if (!report) return replay.progress;
    onBatch?.(report);
  }
}

export { freshProgress };
