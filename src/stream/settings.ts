/** Replay settings: every stream result is a pure function of the event log and these values. */
export interface StreamSettings {
  /** Seed of the arrival order (delays, late events, duplicates). */
  seed: number;
  /** Window length in ms (tumbling when slideMs equals it). */
  windowMs: number;
  /** Distance between window starts in ms; less than windowMs makes the windows slide. */
  slideMs: number;
  /** Allowed lateness: watermark = max event time of earlier batches − this. */
  latenessMs: number;
  /** Bound of the out-of-order delay of ordinary events. */
  maxDelayMs: number;
  /** Share of events delayed beyond the allowed lateness (0–1). */
  lateShare: number;
  /** Share of events delivered twice with the same event_id (0–1). */
  dupShare: number;
  /** Micro-batch length on the simulated (arrival-time) clock, in ms. */
  triggerMs: number;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const DEFAULT_SETTINGS: StreamSettings = {
  seed: 1,
  windowMs: HOUR,
  slideMs: HOUR,
  latenessMs: 10 * MINUTE,
  maxDelayMs: 5 * MINUTE,
  lateShare: 0.01,
  dupShare: 0.01,
  triggerMs: DAY,
};

const UNITS: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY };

/** Parses `90s`, `10m`, `1h`, `1d` or a bare number of ms; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]);
  const unit = match[2];
  return Math.round(unit === undefined || unit === 'ms' ? value : value * UNITS[unit]!);
}

/** The shortest exact spelling of a duration: 3600000 → `1h`, 90000 → `90s`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    const size = UNITS[unit]!;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Rejects settings the operators cannot run with, naming the setting. */
export function validateSettings(s: StreamSettings): string | null {
  const positive = (v: number) => Number.isFinite(v) && v > 0;
  if (!Number.isInteger(s.seed) || s.seed < 0) return 'seed must be a non-negative integer';
  if (!positive(s.windowMs)) return 'window must be longer than 0';
  if (!positive(s.slideMs) || s.slideMs > s.windowMs || s.windowMs % s.slideMs !== 0)
    return 'slide must divide the window length';
  if (!(s.latenessMs >= 0) || !(s.maxDelayMs >= 0)) return 'lateness and delay cannot be negative';
  if (!(s.lateShare >= 0 && s.lateShare <= 1)) return 'late share must be between 0 and 1';
  if (!(s.dupShare >= 0 && s.dupShare <= 1)) return 'duplicate share must be between 0 and 1';
  if (!positive(s.triggerMs)) return 'micro-batch interval must be longer than 0';
  return null;
}
