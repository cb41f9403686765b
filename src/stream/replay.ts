import type { SqlDriver } from '../engine/sql-driver.ts';
import {
  commitStatements,
  freshProgress,
  readCheckpoint,
  resetSinks,
  runCommit,
  type Progress,
  type StagedBatch,
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
  /** Time of the commit that made this batch durable (shared by every batch of that commit). */
  commitMs: number;
  /** Micro-batches in that commit. */
  commitBatches: number;
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

/** How many due micro-batches one commit may take (`step` takes one). */
export interface GroupLimit {
  /** Take further batches only while they are due by this point of the simulated clock. */
  untilMs: number;
  /** Stop taking batches once the group's operator work has lasted this long (ms). */
  budgetMs: number;
  maxBatches: number;
}

/**
 * A query restored from the last commit: each step reads micro-batches, runs the operators and
 * commits their sink rows, late events, state and new offset in one transaction.
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

  async function nextDueMs(): Promise<number | null> {
    if (progress.done) return null;
    const id = await source.peek();
    return id === null ? Infinity : (id + 1) * settings.triggerMs;
  }

  /** Runs the next micro-batch (or the end-of-log flush) through the operators; not committed yet. */
  async function stage(): Promise<StagedBatch> {
    const batch = await source.next();
    const started = now();
    if (!batch) {
      const final = rowsOf(operators.flush());
      progress.done = true;
      progress.commits++;
      const operatorMs = now() - started;
      const live = rowsOf([]);
      return {
        out: null,
        final,
        live,
        lateSeqs: [],
        progress: { ...progress },
        firstSeq: progress.nextSeq,
        operatorMs,
      };
    }
    const out = operators.processBatch(batch);
    const final = rowsOf(out.closed);
    const live = rowsOf(out.updated);
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
    return { out, final, live, lateSeqs, progress: { ...progress }, firstSeq, operatorMs };
  }

  /**
   * Processes the next due micro-batches, at least one and at most `limit` allows, and commits
   * them together: one transaction, so offsets, state and sinks still move as one. Empty once done.
   */
  async function stepGroup(limit: GroupLimit): Promise<BatchReport[]> {
    const staged: StagedBatch[] = [];
    let work = 0;
    while (staged.length < limit.maxBatches && (staged.length === 0 || work < limit.budgetMs)) {
      const due = await nextDueMs();
      if (due === null || (staged.length > 0 && due > limit.untilMs)) break;
      const s = await stage();
      staged.push(s);
      work += s.operatorMs;
      if (!s.out) break;
    }
    if (staged.length === 0) return [];
    const started = now();
    await runCommit(driver, commitStatements(staged, state));
    const commitMs = now() - started;
    return staged.map((s) => ({
      batchId: s.out?.batchId ?? s.progress.lastBatch ?? 0,
      clockMs: s.out ? (s.out.batchId + 1) * settings.triggerMs : Infinity,
      output: s.out,
      final: s.final,
      live: s.live,
      progress: s.progress,
      operatorMs: s.operatorMs,
      commitMs,
      commitBatches: staged.length,
    }));
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
    nextDueMs,
    stepGroup,
    /** Processes and commits the next micro-batch; at the end of the log emits every open window; null once done. */
    async step(): Promise<BatchReport | null> {
      const [report] = await stepGroup({ untilMs: Infinity, budgetMs: 0, maxBatches: 1 });
      return report ?? null;
    },
  };
}

export type Replay = Awaited<ReturnType<typeof openReplay>>;

/**
 * Runs a prepared replay to the end (the CLI, tests and benchmark): one commit per micro-batch, or
 * up to `group.maxBatches` per commit.
 */
export async function runToEnd(
  replay: Replay,
  onBatch?: (report: BatchReport) => void,
  group: Pick<GroupLimit, 'maxBatches'> = { maxBatches: 1 },
): Promise<Progress> {
  for (;;) {
    const reports = await replay.stepGroup({ untilMs: Infinity, budgetMs: Infinity, ...group });
    if (reports.length === 0) return replay.progress;
    if (onBatch) reports.forEach(onBatch);
  }
}

export { freshProgress };
