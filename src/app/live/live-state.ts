import {
  DEFAULT_SETTINGS,
  formatDuration,
  parseDuration,
  validateSettings,
  type StreamSettings,
} from '../../stream/settings.ts';
import type { Speed } from '../../stream/snapshot.ts';

/** The Live page's URL keys (short; only values that differ from the defaults are written). */
export const KEYS = {
  speed: 'sp',
  window: 'w',
  slide: 'sl',
  lateness: 'la',
  delay: 'dl',
  lateShare: 'lt',
  dupShare: 'du',
  seed: 'sd',
  trigger: 'tr',
} as const;

export const DEFAULT_SPEED: Speed = 1_000_000;
export const WINDOW_CHOICES = ['1m', '1h', '1d'] as const;
export const TRIGGER_CHOICES = ['10m', '1h', '6h', '1d', '7d'] as const;

/** The micro-batch choices, with a link's own value among them (in duration order) if it is not one. */
export function triggerChoices(current: string): string[] {
  const choices: string[] = [...TRIGGER_CHOICES];
  const ms = parseDuration(current);
  if (choices.includes(current) || ms === null) return choices;
  return [...choices, current].sort((a, b) => (parseDuration(a) ?? 0) - (parseDuration(b) ?? 0));
}

export interface LiveView {
  settings: StreamSettings;
  speed: Speed;
}

const share = (text: string | undefined, fallback: number) => {
  const v = text === undefined ? NaN : Number(text);
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : fallback;
};
const duration = (text: string | undefined, fallback: number) =>
  (text !== undefined && parseDuration(text)) || fallback;

function parseSpeed(text: string | undefined): Speed {
  if (text === 'max') return 'max';
  const v = Number(text);
  return Number.isFinite(v) && v >= 1 && v <= 1_000_000 ? v : DEFAULT_SPEED;
}

/** URL values → replay settings and speed; anything unreadable falls back to its default. */
export function fromPageState(state: Record<string, string>): LiveView {
  const d = DEFAULT_SETTINGS;
  const windowMs = duration(state[KEYS.window], d.windowMs);
  const seed = Number(state[KEYS.seed]);
  const settings: StreamSettings = {
    seed: Number.isInteger(seed) && seed >= 0 ? seed : d.seed,
    windowMs,
    slideMs: duration(state[KEYS.slide], windowMs),
    latenessMs: state[KEYS.lateness] === '0' ? 0 : duration(state[KEYS.lateness], d.latenessMs),
    maxDelayMs: state[KEYS.delay] === '0' ? 0 : duration(state[KEYS.delay], d.maxDelayMs),
    lateShare: share(state[KEYS.lateShare], d.lateShare),
    dupShare: share(state[KEYS.dupShare], d.dupShare),
    triggerMs: duration(state[KEYS.trigger], d.triggerMs),
  };
  return {
    settings: validateSettings(settings) ? { ...settings, slideMs: windowMs } : settings,
    speed: parseSpeed(state[KEYS.speed]),
  };
}

/** Replay settings and speed → the URL values that differ from the defaults. */
export function toPageState(view: LiveView): Record<string, string> {
  const d = DEFAULT_SETTINGS;
  const s = view.settings;
  const out: Record<string, string> = {};
  if (view.speed !== DEFAULT_SPEED) out[KEYS.speed] = String(view.speed);
  if (s.windowMs !== d.windowMs) out[KEYS.window] = formatDuration(s.windowMs);
  if (s.slideMs !== s.windowMs) out[KEYS.slide] = formatDuration(s.slideMs);
  if (s.latenessMs !== d.latenessMs)
    out[KEYS.lateness] = s.latenessMs === 0 ? '0' : formatDuration(s.latenessMs);
  if (s.maxDelayMs !== d.maxDelayMs)
    out[KEYS.delay] = s.maxDelayMs === 0 ? '0' : formatDuration(s.maxDelayMs);
  if (s.lateShare !== d.lateShare) out[KEYS.lateShare] = String(s.lateShare);
  if (s.dupShare !== d.dupShare) out[KEYS.dupShare] = String(s.dupShare);
  if (s.seed !== d.seed) out[KEYS.seed] = String(s.seed);
  if (s.triggerMs !== d.triggerMs) out[KEYS.trigger] = formatDuration(s.triggerMs);
  return out;
}

/** Slider position (0–6) ↔ speed 1×–1,000,000× on a log scale. */
export const speedFromSlider = (position: number): number => Math.round(10 ** position);
export const sliderFromSpeed = (speed: number): number => Math.log10(speed);
