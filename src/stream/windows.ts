/** Window assignment on event time (pure; times in epoch ms, windows [start, start + size)). */
export interface WindowSpec {
  sizeMs: number;
  /** Equal to sizeMs for tumbling windows. */
  slideMs: number;
}

/** Start of the latest window that contains t. */
export function lastWindowStart(t: number, spec: WindowSpec): number {
  return Math.floor(t / spec.slideMs) * spec.slideMs;
}

/** End of the latest window that contains t: once the watermark reaches it, t can no longer count. */
export function lastWindowEnd(t: number, spec: WindowSpec): number {
  return lastWindowStart(t, spec) + spec.sizeMs;
}

/** Starts of every window containing t, latest first (one for tumbling windows). */
export function windowStarts(t: number, spec: WindowSpec): number[] {
  const last = lastWindowStart(t, spec);
  const out: number[] = [];
  for (let s = last; s > last - spec.sizeMs; s -= spec.slideMs) out.push(s);
  return out;
}

/** A window is closed (final, emitted in append mode) once the watermark has reached its end. */
export function isClosed(windowStart: number, spec: WindowSpec, watermark: number): boolean {
  return windowStart + spec.sizeMs <= watermark;
}

/** The watermark after a batch: the max event time seen so far minus the allowed lateness, never lower. */
export function advanceWatermark(
  watermark: number,
  maxEventMs: number,
  latenessMs: number,
): number {
  return Math.max(watermark, maxEventMs - latenessMs);
}
