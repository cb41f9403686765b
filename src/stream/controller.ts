import { numberOrNull } from '../engine/arrow-rows.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import type { Progress } from './checkpoint.ts';
import { freshProgress, readCheckpoint } from './checkpoint.ts';
import { buildEventLog, OP } from './event-log.ts';
import type { FunnelRow, GmvRow, WindowRows } from './outputs.ts';
import { openReplay, restartReplay, type BatchReport, type Replay } from './replay.ts';
import type { StreamSettings } from './settings.ts';
import { validateSettings } from './settings.ts';
import type { ReplayState, Speed, StreamSnapshot } from './snapshot.ts';

export interface ControllerDeps {
  driver(): Promise<SqlDriver>;
  /** Runs database work one task at a time with the app's other long tasks. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /**
   * Saves what is committed (the storage's CHECKPOINT or snapshot; the engine throttles it), called
   * inside the serial task after each commit. Without it the controller runs CHECKPOINT itself.
   */
  durable?(): Promise<unknown>;
}

const SNAPSHOT_EVERY_MS = 100;
/**
 * A commit takes the due micro-batches that fit in this much wall time, at most GROUP_MAX of them:
 * a commit has a fixed cost (a transaction, and a save every few seconds) plus ~2 ms per micro-batch it
 * holds (bench/STREAM_RESULTS.md), so a few dozen per commit take most of the fixed cost off each
 * batch and keep a commit well under a second.
 */
const GROUP_BUDGET_MS = 40;
const GROUP_MAX = 64;
const RECENT = 60;
const TIMELINE_POINTS = 400;
const KEPT_DURATIONS = 5000;
const emptyRows = (): WindowRows => ({ funnel: [], gmv: [], dropoff: [], payments: [] });

/**
 * Drives a replay in the engine worker: a simulated clock that runs `speed` times faster than the
 * wall clock (or as fast as possible), cutting micro-batches as it passes their end; pause, step,
 * seek and reset; compact snapshots to the page. Speed only changes when results appear.
 */
export function createStreamController(deps: ControllerDeps) {
  let replay: Replay | null = null;
  let state: ReplayState = 'idle';
  let message: string | null = null;
  let speed: Speed = 'max';
  let listener: ((s: StreamSnapshot) => void) | null = null;
  let timer: unknown = null;
  let generation = 0;
  let clockMs: number | null = null;
  let range: { startMs: number; endMs: number; events: number } | null = null;
  let seekTarget: number | null = null;
  let lastTick = 0;
  let lastSent = -Infinity;
  let progress: Progress = freshProgress();
  let watermarkMs: number | null = null;
  let maxEventMs: number | null = null;
  let lastBatch: StreamSnapshot['lastBatch'] = null;
  /** Per micro-batch: its operator time plus the time of the commit that made it durable. */
  let durations: number[] = [];
  let commitTimes: number[] = [];
  let rate: Array<[number, number]> = [];
  let timeline: Array<[number, number, number]> = [];
  let recent = { funnel: [] as FunnelRow[], gmv: [] as GmvRow[] };
  let live = emptyRows();
  let dropoff = new Map<string, { orders: number; droppedOrders: number }>();
  let payments = new Map<string, { payments: number; totalValue: number }>();

  function clearView() {
    progress = freshProgress();
    watermarkMs = maxEventMs = null;
    lastBatch = null;
    durations = [];
    commitTimes = [];
    rate = [];
    timeline = [];
    recent = { funnel: [], gmv: [] };
    live = emptyRows();
    dropoff = new Map();
    payments = new Map();
    seekTarget = null;
  }

  function snapshot(): StreamSnapshot {
    const t = deps.now();
    const window = rate.filter(([at]) => at >= t - 1000);
    const events = window.reduce((sum, [, n]) => sum + n, 0);
    return {
      state,
      message,
      settings: replay?.settings ?? null,
      speed,
      logEvents: range?.events ?? 0,
      progress: { ...progress },
      clockMs,
      startMs: range?.startMs ?? null,
      endMs: range?.endMs ?? null,
      watermarkMs,
      maxEventMs,
      lagMs: clockMs !== null && maxEventMs !== null ? Math.max(0, clockMs - maxEventMs) : null,
      eventsPerSec: window.length ? events / Math.max(0.1, (t - window[0]![0]) / 1000 || 1) : 0,
      lastBatch,
      batchMs: percentiles(durations),
      commits: commitTimes.length,
      commitMs: percentiles(commitTimes),
      timeline: thin(timeline),
      recent,
      live,
      dropoff: [...dropoff].map(([orderStatus, v]) => ({ orderStatus, ...v })),
      paymentMix: [...payments].map(([paymentType, v]) => ({ paymentType, ...v })),
    };
  }

  function publish(force = false) {
    const t = deps.now();
    if (!listener || (!force && t - lastSent < SNAPSHOT_EVERY_MS)) return;
    lastSent = t;
    listener(snapshot());
  }

  function absorb(report: BatchReport) {
    progress = report.progress;
    const out = report.output;
    if (out) {
      watermarkMs = Number.isFinite(out.watermark) ? out.watermark : null;
      maxEventMs = out.maxEventMs;
      clockMs = report.clockMs;
      timeline.push([
        report.clockMs,
        out.maxEventMs,
        Number.isFinite(out.watermark) ? out.watermark : out.maxEventMs,
      ]);
      lastBatch = {
        batchId: report.batchId,
        events: out.events,
        operatorMs: report.operatorMs,
        commitMs: report.commitMs,
        commitBatches: report.commitBatches,
      };
      durations.push(report.operatorMs + report.commitMs);
      if (durations.length > KEPT_DURATIONS) durations = durations.slice(-KEPT_DURATIONS);
      rate.push([deps.now(), out.events]);
      if (rate.length > 2000) rate = rate.slice(-1000);
    } else {
      clockMs = range?.endMs ?? clockMs;
    }
    recent = {
      funnel: [...recent.funnel, ...report.final.funnel].slice(-RECENT),
      gmv: [...recent.gmv, ...report.final.gmv].slice(-RECENT),
    };
    live = report.live;
    for (const r of report.final.dropoff) {
      const v = dropoff.get(r.orderStatus) ?? { orders: 0, droppedOrders: 0 };
      v.orders += r.orders;
      v.droppedOrders += r.droppedOrders;
      dropoff.set(r.orderStatus, v);
    }
    for (const r of report.final.payments) {
      const v = payments.get(r.paymentType) ?? { payments: 0, totalValue: 0 };
      v.payments += r.payments;
      v.totalValue += r.totalValue;
      payments.set(r.paymentType, v);
    }
    if (progress.done) state = 'done';
  }

  /** Runs a commit and makes it durable in one serial task; the durable step counts as commit time. */
  async function committed<T extends BatchReport | BatchReport[] | null>(
    work: () => Promise<T>,
  ): Promise<T> {
    return deps.serial(async () => {
      const out = await work();
      const started = deps.now();
      await makeDurable();
      const ms = deps.now() - started;
      for (const r of Array.isArray(out) ? out : out ? [out] : []) r.commitMs += ms;
      return out;
    });
  }

  async function makeDurable() {
    const driver = await deps.driver();
    // Best effort: a CHECKPOINT refused while another connection's transaction is open leaves the
    // commit in the WAL, and the next commit's checkpoint takes it along.
    await (deps.durable ? deps.durable() : driver.exec('CHECKPOINT')).catch(() => undefined);
  }

  async function processOne(): Promise<boolean> {
    if (!replay) return false;
    const r = replay;
    const report = await committed(() => r.step());
    if (!report) {
      state = 'done';
      return false;
    }
    commitTimes.push(report.commitMs);
    absorb(report);
    return !progress.done;
  }

  function stopTimer() {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
  }

  function schedule(ms: number) {
    stopTimer();
    const gen = generation;
    timer = deps.setTimer(() => {
      timer = null;
      if (gen === generation) void tick(gen);
    }, ms);
  }

  async function tick(gen: number) {
    const started = deps.now();
    const elapsed = started - lastTick;
    lastTick = started;
    try {
      const fast = speed === 'max' || seekTarget !== null;
      const target = fast || clockMs === null ? Infinity : clockMs + (speed as number) * elapsed;
      // Work for at most ~50 ms, then yield so pause/step/seek messages get in.
      while (gen === generation && state === 'running' && deps.now() - started < 50) {
        if (!replay) break;
        if (seekTarget !== null && clockMs !== null && clockMs >= seekTarget) {
          seekTarget = null;
          state = 'paused';
          // The timings describe the replay as it runs from here, not the fast-forward to here.
          durations = [];
          commitTimes = [];
          break;
        }
        const r = replay;
        const due = await deps.serial(() => r.nextDueMs());
        if (due === null) {
          state = 'done';
          break;
        }
        // Only the end-of-log flush left (due = Infinity): it is due once the clock passes the log's end.
        if (!fast && Math.min(due, range?.endMs ?? due) > target) {
          clockMs = target;
          break;
        }
        // Every batch already due goes into one commit (a commit costs far more than the well
        // under 1 ms of operator work per batch), so high speeds are not bounded by one commit
        // per batch.
        const until = seekTarget ?? (fast ? Infinity : target);
        const reports = await committed(() =>
          r.stepGroup({ untilMs: until, budgetMs: GROUP_BUDGET_MS, maxBatches: GROUP_MAX }),
        );
        if (reports.length === 0) state = 'done';
        else commitTimes.push(reports[0]!.commitMs);
        reports.forEach(absorb);
      }
    } catch (error) {
      state = 'error';
      message = error instanceof Error ? error.message : String(error);
    }
    if (gen !== generation) return;
    publish(state !== 'running');
    if (state === 'running') schedule(speed === 'max' || seekTarget !== null ? 0 : 50);
  }

  async function loadRange(driver: SqlDriver) {
    const [row] = await driver.rows(
      `SELECT min(batch)::BIGINT AS first, max(batch)::BIGINT AS last, count(*)::BIGINT AS n FROM stream.arrivals`,
    );
    const trigger = replay!.settings.triggerMs;
    range = {
      startMs: Number(row?.first ?? 0) * trigger,
      endMs: (Number(row?.last ?? 0) + 1) * trigger,
      events: Number(row?.n ?? 0),
    };
  }

  /** Opens the replay at its last commit; `fresh` rebuilds the arrival order and clears the sinks first. */
  async function open(settings: StreamSettings, fresh: boolean) {
    const driver = await deps.driver();
    await deps.serial(async () => {
      const checkpoint = fresh ? null : await readCheckpoint(driver).catch(() => null);
      const same =
        checkpoint &&
        JSON.stringify(checkpoint.settings) === JSON.stringify(settings) &&
        (await logIsCurrent(driver));
      if (!same) {
        await buildEventLog(driver);
        await restartReplay(driver, settings);
      }
      replay = await openReplay(driver, deps.now);
      await loadRange(driver);
      if (!same) await makeDurable();
    });
    clearView();
    progress = { ...replay!.progress };
    const st = replay!.state;
    watermarkMs = Number.isFinite(st.watermark) ? st.watermark : null;
    maxEventMs = Number.isFinite(st.maxEventMs) ? st.maxEventMs : null;
    clockMs =
      progress.lastBatch !== null ? (progress.lastBatch + 1) * settings.triggerMs : range!.startMs;
    if (progress.commits > 0) await reloadTotals(driver);
    state = progress.done ? 'done' : 'paused';
  }

  /** After resuming from a checkpoint, the page's sums, latest final windows and clocks come back from the sinks. */
  async function reloadTotals(driver: SqlDriver) {
    const trigger = replay!.settings.triggerMs;
    await deps.serial(async () => {
      const funnel = await driver.rows(
        `SELECT epoch_ms(window_start) AS s, epoch_ms(window_end) AS e, orders, orders_with_items,
           orders_with_payment, items_conversion_rate, payment_conversion_rate, dropped_after_order,
           dropped_after_items
         FROM stream.funnel ORDER BY window_start DESC LIMIT ${RECENT}`,
      );
      const gmv = await driver.rows(
        `SELECT epoch_ms(window_start) AS s, epoch_ms(window_end) AS e, gmv, item_events
         FROM stream.gmv ORDER BY window_start DESC LIMIT ${RECENT}`,
      );
      recent = {
        funnel: funnel.reverse().map((r) => ({
          windowStart: Number(r.s),
          windowEnd: Number(r.e),
          orders: Number(r.orders),
          ordersWithItems: Number(r.orders_with_items),
          ordersWithPayment: Number(r.orders_with_payment),
          itemsConversionRate: numberOrNull(r.items_conversion_rate),
          paymentConversionRate: numberOrNull(r.payment_conversion_rate),
          droppedAfterOrder: Number(r.dropped_after_order),
          droppedAfterItems: Number(r.dropped_after_items),
        })),
        gmv: gmv.reverse().map((r) => ({
          windowStart: Number(r.s),
          windowEnd: Number(r.e),
          gmv: Number(r.gmv),
          itemEvents: Number(r.item_events),
        })),
      };
      timeline = (
        await driver.rows(
          `SELECT batch_id, max_event_ms, coalesce(watermark_ms, max_event_ms) AS wm
           FROM stream.batches WHERE batch_id IS NOT NULL AND max_event_ms IS NOT NULL ORDER BY commit_no`,
        )
      ).map((r): [number, number, number] => [
        (Number(r.batch_id) + 1) * trigger,
        Number(r.max_event_ms),
        Number(r.wm),
      ]);
      for (const r of await driver.rows(
        'SELECT order_status, sum(orders)::BIGINT AS o, sum(dropped_orders)::BIGINT AS d FROM stream.dropoff GROUP BY 1',
      )) {
        dropoff.set(String(r.order_status), { orders: Number(r.o), droppedOrders: Number(r.d) });
      }
      for (const r of await driver.rows(
        'SELECT payment_type, sum(payments)::BIGINT AS n, sum(total_value)::DOUBLE AS v FROM stream.payments GROUP BY 1',
      )) {
        payments.set(String(r.payment_type), { payments: Number(r.n), totalValue: Number(r.v) });
      }
    });
  }

  function run() {
    if (state !== 'paused' || !replay) return;
    state = 'running';
    lastTick = deps.now();
    schedule(0);
  }

  function halt() {
    generation++;
    stopTimer();
  }

  return {
    /** Starts (or resumes, when the last run had the same settings) a replay; snapshots go to onSnapshot. */
    async start(
      settings: StreamSettings,
      options: { speed?: Speed; fresh?: boolean; paused?: boolean } = {},
      onSnapshot?: (s: StreamSnapshot) => void,
    ): Promise<StreamSnapshot> {
      const invalid = validateSettings(settings);
      if (invalid) throw new Error(`Replay settings: ${invalid}.`);
      halt();
      if (onSnapshot) listener = onSnapshot;
      speed = options.speed ?? speed;
      state = 'preparing';
      message = null;
      publish(true);
      try {
        await open(settings, options.fresh ?? false);
      } catch (error) {
        state = 'error';
        message = error instanceof Error ? error.message : String(error);
        publish(true);
        throw error;
      }
      if (!options.paused) run();
      publish(true);
      return snapshot();
    },
    setSpeed(next: Speed) {
      speed = next;
      lastTick = deps.now();
      publish(true);
    },
    pause() {
      if (state !== 'running') return snapshot();
      halt();
      state = 'paused';
      publish(true);
      return snapshot();
    },
    resume() {
      run();
      publish(true);
      return snapshot();
    },
    /** Processes exactly one micro-batch (when paused). */
    async step(): Promise<StreamSnapshot> {
      if (state !== 'paused') return snapshot();
      const gen = ++generation;
      try {
        await processOne();
      } catch (error) {
        state = 'error';
        message = error instanceof Error ? error.message : String(error);
      }
      if (gen === generation && state === 'paused' && progress.done) state = 'done';
      publish(true);
      return snapshot();
    },
    /** Runs as fast as possible until the simulated clock reaches `ms`, then pauses; earlier: replays from the start. */
    async seek(ms: number): Promise<StreamSnapshot> {
      if (!replay) return snapshot();
      halt();
      if (clockMs !== null && ms < clockMs) await open(replay.settings, true);
      if (state === 'done') return snapshot();
      state = 'paused';
      seekTarget = ms;
      run();
      return snapshot();
    },
    /** Clears the sinks and puts the replay back at its first batch, paused. */
    async reset(): Promise<StreamSnapshot> {
      halt();
      if (replay) await open(replay.settings, true);
      publish(true);
      return snapshot();
    },
    /** Sends snapshots to `onSnapshot` from now on (a page that opens while a replay exists). */
    watch(onSnapshot: (s: StreamSnapshot) => void): StreamSnapshot {
      listener = onSnapshot;
      return snapshot();
    },
    /** Stops sending snapshots and halts the clock (the page went away). */
    detach() {
      halt();
      if (state === 'running') state = 'paused';
      listener = null;
    },
    status: (): StreamSnapshot => snapshot(),
    /** The last committed run (after a reload or a browser restart): what a start with its settings resumes. */
    async saved(): Promise<SavedRun | null> {
      const driver = await deps.driver();
      const checkpoint = await deps.serial(() => readCheckpoint(driver)).catch(() => null);
      if (!checkpoint) return null;
      const { settings, progress: p } = checkpoint;
      return { settings, commits: p.commits, events: p.events, done: p.done };
    },
  };
}

export type StreamController = ReturnType<typeof createStreamController>;

export interface SavedRun {
  settings: StreamSettings;
  commits: number;
  events: number;
  done: boolean;
}

/** The event log still describes silver (the data was not reloaded since it was built). */
async function logIsCurrent(driver: SqlDriver): Promise<boolean> {
  const [row] = await driver
    .rows(
      `SELECT (SELECT count(*) FROM stream.events WHERE op = ${OP.created}) =
       (SELECT count(*) FROM silver.orders WHERE purchased_at IS NOT NULL)
     AND (SELECT count(*) FROM stream.events WHERE op = ${OP.item}) =
       (SELECT count(*) FROM silver.order_items JOIN silver.orders USING (order_id)
        WHERE purchased_at IS NOT NULL) AS current`,
    )
    .catch(() => []);
  return row?.current === true;
}

function percentiles(values: readonly number[]): StreamSnapshot['batchMs'] {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
    n: sorted.length,
  };
}

function thin<T>(points: readonly T[]): T[] {
  if (points.length <= TIMELINE_POINTS) return [...points];
  const step = points.length / TIMELINE_POINTS;
  const out: T[] = [];
  for (let i = 0; i < TIMELINE_POINTS; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}
