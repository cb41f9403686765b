import { nextFrame } from '../charts/next-frame.ts';

export interface PacerOptions {
  /** Runs `run` in a task of its own, no sooner than `afterMs` from now. */
  schedule?: (run: () => void, afterMs: number) => void;
  now?: () => number;
  /** How long the pacer rests after a draw, as a multiple of the time the draw took. */
  rest?: number;
}

/**
 * Hands chart updates to the page one at a time, each in its own task after a frame, so that
 * redrawing the Live page's five charts never adds up to one long main-thread task. A chart whose
 * content signature has not changed is not redrawn; of several updates queued for the same chart
 * only the newest is built; the chart drawn longest ago goes first, so one that changes with every
 * snapshot does not starve the others.
 *
 * After each draw the pacer rests `rest` times as long as the draw took, so charts keep at most
 * 1 / (1 + rest) of the main thread. Where a draw takes a few milliseconds this changes nothing
 * (every chart still follows the ~10 snapshots a second). On a busy machine charts redraw less
 * often: on the 2-core bench machine a draw costs 5–20 ms of CPU, but while the replay's worker
 * and other processes keep both cores busy a main thread that always has a draw to run gets
 * preempted inside its tasks, which then last 50–300 ms.
 */
export function createChartPacer<K extends string, V>(
  apply: (key: K, value: V) => void,
  { schedule = nextFrame, now = () => performance.now(), rest = 2 }: PacerOptions = {},
) {
  const shown = new Map<K, string>();
  const pending = new Map<K, { signature: string; build: () => V }>();
  /** When each chart was last drawn: the one drawn longest ago goes first. */
  const drawnAt = new Map<K, number>();
  let scheduled = false;
  let readyAt = -Infinity;

  const lastDrawn = (key: K) => drawnAt.get(key) ?? -Infinity;

  function oldest(): K | undefined {
    let first: K | undefined;
    for (const key of pending.keys())
      if (first === undefined || lastDrawn(key) < lastDrawn(first)) first = key;
    return first;
  }

  function drain() {
    scheduled = false;
    const key = oldest();
    if (key === undefined) return;
    const { signature, build } = pending.get(key)!;
    pending.delete(key);
    shown.set(key, signature);
    const start = now();
    try {
      apply(key, build());
    } finally {
      const end = now();
      drawnAt.set(key, end);
      readyAt = end + (end - start) * rest;
      if (pending.size > 0) wake();
    }
  }

  function wake() {
    if (scheduled) return;
    scheduled = true;
    schedule(drain, Math.max(0, readyAt - now()));
  }

  return {
    /** Queues `build` for chart `key` unless the chart already shows (or will show) `signature`. */
    offer(key: K, signature: string, build: () => V) {
      if (shown.get(key) === signature) {
        pending.delete(key);
        return;
      }
      pending.set(key, { signature, build });
      wake();
    },
    /** Forgets what is shown, so the next offers redraw everything (after a reset). */
    clear() {
      shown.clear();
      pending.clear();
      drawnAt.clear();
    },
  };
}
