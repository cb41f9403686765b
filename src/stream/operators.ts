import type { ArrivalBatch } from './batch.ts';
import { OP } from './event-log.ts';
import { advanceWatermark, type WindowSpec } from './windows.ts';

/** Running aggregates of one window: the four processors of seed 001 share one state per window. */
export interface WindowAgg {
  start: number;
  /** order_created events (one per order). */
  orders: number;
  /** Distinct order keys with an item event / a payment event in the window. */
  itemKeys: Set<number>;
  payKeys: Set<number>;
  gmv: number;
  items: number;
  /** Created orders per order-status code. */
  status: Map<number, number>;
  /** Payments per payment-type code: [count, value, installments]. */
  pay: Map<number, [number, number, number]>;
}

export interface OperatorState {
  watermark: number;
  maxEventMs: number;
  windows: Map<number, WindowAgg>;
  /** Dedupe state: event ids kept until every window of the event has closed, by that last end. */
  expiries: Map<number, number[]>;
  seen: IdSet;
}

/** A set of small non-negative integers (event ids are dense): one byte per id, grown as needed. */
export class IdSet {
  private bits = new Uint8Array(1024);
  has(id: number): boolean {
    return id < this.bits.length && this.bits[id] === 1;
  }
  add(id: number): void {
    if (id >= this.bits.length) {
      const next = new Uint8Array(Math.max(id + 1, this.bits.length * 2));
      next.set(this.bits);
      this.bits = next;
    }
    this.bits[id] = 1;
  }
  delete(id: number): void {
    if (id < this.bits.length) this.bits[id] = 0;
  }
}

export interface BatchOutput {
  batchId: number;
  events: number;
  accepted: number;
  duplicates: number;
  /** Indexes (into the batch) of the events whose windows had all closed. */
  late: number[];
  watermarkBefore: number;
  watermark: number;
  maxEventMs: number;
  /** Windows that became final in this batch (append mode), oldest first. */
  closed: WindowAgg[];
  /** Open windows this batch changed (update mode, and the state to checkpoint). */
  updated: WindowAgg[];
}

export function newWindow(start: number): WindowAgg {
  return {
    start,
    orders: 0,
    itemKeys: new Set(),
    payKeys: new Set(),
    gmv: 0,
    items: 0,
    status: new Map(),
    pay: new Map(),
  };
}

export function emptyState(): OperatorState {
  return {
    watermark: -Infinity,
    maxEventMs: -Infinity,
    windows: new Map(),
    expiries: new Map(),
    seen: new IdSet(),
  };
}

/**
 * The stateful operators of one query: watermark filter (late events), dedupe within the watermark,
 * window assignment and the four aggregations. Input is one micro-batch in arrival order; the
 * watermark used for the whole batch is the one computed after the previous batch.
 */
export function createOperators(
  spec: WindowSpec,
  latenessMs: number,
  state: OperatorState = emptyState(),
) {
  const { sizeMs, slideMs } = spec;
  const perEvent = Math.round(sizeMs / slideMs);
  const { expiries, seen } = state;

  function bucket(end: number): number[] {
    let list = expiries.get(end);
    if (!list) expiries.set(end, (list = []));
    return list;
  }

  function windowAt(start: number, dirty: Set<WindowAgg>): WindowAgg {
    let w = state.windows.get(start);
    if (!w) state.windows.set(start, (w = newWindow(start)));
    dirty.add(w);
    return w;
  }

  function processBatch(b: ArrivalBatch): BatchOutput {
    const wm = state.watermark;
    const late: number[] = [];
    const dirty = new Set<WindowAgg>();
    let duplicates = 0;
    let accepted = 0;
    let maxEvent = state.maxEventMs;
    let cachedStart = NaN;
    let cached: WindowAgg | null = null;
    let cachedEnd = NaN;
    let cachedBucket: number[] = [];
    for (let i = 0; i < b.length; i++) {
      const t = b.eventMs[i]!;
      if (t > maxEvent) maxEvent = t;
      const lastStart = Math.floor(t / slideMs) * slideMs;
      const lastEnd = lastStart + sizeMs;
      if (lastEnd <= wm) {
        late.push(i);
        continue;
      }
      const eid = b.eid[i]!;
      if (seen.has(eid)) {
        duplicates++;
        continue;
      }
      seen.add(eid);
      if (lastEnd !== cachedEnd) {
        cachedEnd = lastEnd;
        cachedBucket = bucket(lastEnd);
      }
      cachedBucket.push(eid);
      accepted++;
      const op = b.op[i]!;
      if (op === OP.status || op === OP.click) continue;
      for (let k = 0; k < perEvent; k++) {
        const start = lastStart - k * slideMs;
        if (start + sizeMs <= wm) break;
        let w: WindowAgg;
        if (start === cachedStart && cached) w = cached;
        else {
          w = windowAt(start, dirty);
          cachedStart = start;
          cached = w;
        }
        const key = b.kid[i]!;
        if (op === OP.created) {
          w.orders++;
          const code = b.acode[i]!;
          w.status.set(code, (w.status.get(code) ?? 0) + 1);
        } else if (op === OP.item) {
          w.itemKeys.add(key);
          w.gmv += b.amount[i]!;
          w.items++;
        } else {
          w.payKeys.add(key);
          const code = b.acode[i]!;
          let p = w.pay.get(code);
          if (!p) w.pay.set(code, (p = [0, 0, 0]));
          p[0]++;
          p[1] += b.amount[i]!;
          p[2] += b.installments[i]!;
        }
      }
    }
    state.maxEventMs = maxEvent;
    state.watermark = advanceWatermark(wm, maxEvent, latenessMs);
    const closed = closeUpTo(state.watermark);
    const updated = [...dirty].filter((w) => state.windows.get(w.start) === w);
    return {
      batchId: b.batchId,
      events: b.length,
      accepted,
      duplicates,
      late,
      watermarkBefore: wm,
      watermark: state.watermark,
      maxEventMs: maxEvent,
      closed,
      updated,
    };
  }

  /** Removes and returns the windows whose end the watermark has reached; evicts their dedupe ids. */
  function closeUpTo(watermark: number): WindowAgg[] {
    const closed: WindowAgg[] = [];
    for (const [start, w] of state.windows) {
      if (start + sizeMs <= watermark) {
        closed.push(w);
        state.windows.delete(start);
      }
    }
    for (const [end, ids] of expiries) {
      if (end > watermark) continue;
      for (const id of ids) seen.delete(id);
      expiries.delete(end);
    }
    return closed.sort((a, b) => a.start - b.start);
  }

  return {
    state,
    processBatch,
    /** The end of the log: the watermark moves past every window, which all become final. */
    flush: (): WindowAgg[] => closeUpTo(Infinity),
  };
}

export type Operators = ReturnType<typeof createOperators>;
