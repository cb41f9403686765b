/**
 * Hands chart updates to the page one at a time, each in its own task (by default one per animation
 * frame), so that redrawing the Live page's five charts never adds up to one long main-thread task.
 * A chart whose content signature has not changed is not redrawn; of several updates queued for
 * the same chart only the newest is built.
 */
export function createChartPacer<K extends string, V>(
  apply: (key: K, value: V) => void,
  schedule: (run: () => void) => void = (run) => requestAnimationFrame(() => setTimeout(run, 0)),
) {
  const shown = new Map<K, string>();
  const pending = new Map<K, { signature: string; build: () => V }>();
  let scheduled = false;

  function drain() {
    scheduled = false;
    const next = pending.entries().next();
    if (next.done) return;
    const [key, { signature, build }] = next.value;
    pending.delete(key);
    shown.set(key, signature);
    apply(key, build());
    if (pending.size > 0) wake();
  }

  function wake() {
    if (scheduled) return;
    scheduled = true;
    schedule(drain);
  }

  return {
    /** Queues `build` for chart `key` unless the chart already shows (or will show) `signature`. */
    offer(key: K, signature: string, build: () => V) {
      if (shown.get(key) === signature) {
        pending.delete(key);
        return;
      }
      if (pending.get(key)?.signature === signature) return;
      // Re-queued at the back: a chart that changes every snapshot does not starve the others.
      pending.delete(key);
      pending.set(key, { signature, build });
      wake();
    },
    /** Forgets what is shown, so the next offers redraw everything (after a reset). */
    clear() {
      shown.clear();
      pending.clear();
    },
  };
}
