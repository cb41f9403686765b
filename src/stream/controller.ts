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
}

const SNAPSHOT_EVERY_MS = 100;
const RECENT = 60;
const TIMELINE_POINTS = 400;
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
  let durations: number[] = [];
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
    const sorted = [...durations].sort((a, b) => a - b);
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
      batchP95Ms: sorted.length
        ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!
        : null,
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
      };
      durations.push(report.operatorMs + report.commitMs);
      if (durations.length > 500) durations = durations.slice(-500);
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

  async function processOne(): Promise<boolean> {
    if (!replay) return false;
    const r = replay;
    const report = await deps.serial(() => r.step());
    if (!report) {
      state = 'done';
      return false;
    }
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
          break;
        }
        const r = replay;
        const due = await deps.serial(() => r.nextDueMs());
        if (due === null) {
          state = 'done';
          break;
        }
        if (!fast && due > target) {
          clockMs = target;
          break;
        }
        await processOne();
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

  /** After resuming from a checkpoint, the page's running sums come back from the sink tables. */
  async function reloadTotals(driver: SqlDriver) {
    await deps.serial(async () => {
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
  };
}

export type StreamController = ReturnType<typeof createStreamController>;

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

function thin<T>(points: readonly T[]): T[] {
  if (points.length <= TIMELINE_POINTS) return [...points];
  const step = points.length / TIMELINE_POINTS;
  const out: T[] = [];
  for (let i = 0; i < TIMELINE_POINTS; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}
