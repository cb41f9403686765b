import type { Progress } from './checkpoint.ts';
import type { FunnelRow, GmvRow, WindowRows } from './outputs.ts';
import type { StreamSettings } from './settings.ts';

export type Speed = number | 'max';
export type ReplayState = 'idle' | 'preparing' | 'running' | 'paused' | 'done' | 'error';

/** What the Live page receives, at most ~10 times a second: compact, plain data. */
export interface StreamSnapshot {
  state: ReplayState;
  message: string | null;
  settings: StreamSettings | null;
  speed: Speed;
  /** Arrivals in the log (events plus duplicates). */
  logEvents: number;
  progress: Progress;
  /** Simulated clock and its range (epoch ms). */
  clockMs: number | null;
  startMs: number | null;
  endMs: number | null;
  watermarkMs: number | null;
  maxEventMs: number | null;
  /** Simulated clock − max event time processed. */
  lagMs: number | null;
  /** Events processed per wall-clock second, over the last second. */
  eventsPerSec: number;
  /** The last micro-batch; its commit may have held several (commitBatches). */
  lastBatch: {
    batchId: number;
    events: number;
    operatorMs: number;
    commitMs: number;
    commitBatches: number;
  } | null;
  /** Micro-batch time (operators + the commit that made it durable) over the last 5,000 batches. */
  batchMs: Percentiles | null;
  /** Commits (transactions) since the start; a commit may hold several micro-batches. */
  commits: number;
  commitMs: Percentiles | null;
  /** [clock, max event time, watermark] per committed batch, thinned to at most 400 points. */
  timeline: Array<[number, number, number]>;
  /** The latest final windows (append mode). */
  recent: { funnel: FunnelRow[]; gmv: GmvRow[] };
  /** Open windows changed by the last batch (update mode). */
  live: WindowRows;
  /** Sums over all final windows so far. */
  dropoff: Array<{ orderStatus: string; orders: number; droppedOrders: number }>;
  paymentMix: Array<{ paymentType: string; payments: number; totalValue: number }>;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}
