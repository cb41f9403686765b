import { dexp } from './detmath.ts';
import { Rng } from './prng.ts';
import {
  BLAST_WINDOW,
  FLASH_WINDOW,
  fraudBursts,
  inWindow,
  SCENARIO_EXTRA_SHARE,
} from './scenarios.ts';
import type { DemoRecipe, Window } from './scenarios.ts';
import { daysFromCivil, DAY, epoch, HOUR, weekday } from './time.ts';

/** Purchases fall in [PERIOD_START, PERIOD_END); deliveries and reviews run on into October 2018. */
export const PERIOD_START = epoch(2016, 9, 4);
export const PERIOD_END = epoch(2018, 9, 1);
export const DATA_END = epoch(2018, 10, 17, 23, 59, 59);
const HOURS = (PERIOD_END - PERIOD_START) / HOUR;

/** Orders per hour of day (Olist's shape: quiet 02–06, busy 10–22). */
export const HOUR_WEIGHTS = [
  2.4, 1.1, 0.5, 0.27, 0.21, 0.19, 0.5, 1.2, 3.0, 4.8, 6.2, 6.6, 6.0, 6.5, 6.7, 6.4, 6.7, 6.2, 5.8,
  5.9, 6.2, 6.2, 5.8, 4.3,
];
/** Monday … Sunday (Olist: weekdays busier, Saturday quietest). */
export const WEEKDAY_WEIGHTS = [1.14, 1.13, 1.1, 1.04, 1.0, 0.76, 0.84];

/** Relative daily level on the first of each month: growth through 2017, plateau in 2018. */
const MONTH_LEVELS: readonly (readonly [number, number, number])[] = [
  [2016, 9, 0.03],
  [2016, 10, 0.05],
  [2016, 11, 0.07],
  [2016, 12, 0.09],
  [2017, 1, 0.14],
  [2017, 2, 0.26],
  [2017, 3, 0.36],
  [2017, 4, 0.4],
  [2017, 5, 0.48],
  [2017, 6, 0.5],
  [2017, 7, 0.55],
  [2017, 8, 0.6],
  [2017, 9, 0.62],
  [2017, 10, 0.66],
  [2017, 11, 0.72],
  [2017, 12, 0.8],
  [2018, 1, 0.95],
  [2018, 2, 1.0],
  [2018, 3, 1.0],
  [2018, 4, 0.98],
  [2018, 5, 0.96],
  [2018, 6, 0.92],
  [2018, 7, 0.92],
  [2018, 8, 0.93],
  [2018, 9, 0.93],
];

/** Black Friday weeks (2017-11-24 was Olist's busiest day by far). */
const SPECIAL_DAYS = new Map<number, number>([
  [daysFromCivil(2016, 11, 25), 2.5],
  [daysFromCivil(2017, 11, 23), 1.3],
  [daysFromCivil(2017, 11, 24), 4.5],
  [daysFromCivil(2017, 11, 25), 1.9],
  [daysFromCivil(2017, 11, 26), 1.5],
  [daysFromCivil(2017, 11, 27), 2.0],
  [daysFromCivil(2017, 11, 28), 1.3],
]);

function monthLevel(day: number): number {
  for (let k = 0; k < MONTH_LEVELS.length - 1; k++) {
    const [y0, m0, l0] = MONTH_LEVELS[k] as readonly [number, number, number];
    const [y1, m1, l1] = MONTH_LEVELS[k + 1] as readonly [number, number, number];
    const d0 = daysFromCivil(y0, m0, 1);
    const d1 = daysFromCivil(y1, m1, 1);
    if (day < d1) return l0 + ((l1 - l0) * Math.max(0, day - d0)) / (d1 - d0);
  }
  return (MONTH_LEVELS[MONTH_LEVELS.length - 1] as readonly number[])[2] as number;
}

export interface Calendar {
  /** Cumulative order mass per hour since PERIOD_START. */
  readonly cumulative: Float64Array;
  /** Mass added by the scenario in each hour. */
  readonly extra: Float64Array;
  readonly bursts: readonly Window[];
}

export function buildCalendar(recipe: DemoRecipe): Calendar {
  const rng = new Rng(recipe.seed, 'calendar');
  const base = new Float64Array(HOURS);
  const extra = new Float64Array(HOURS);
  const firstDay = PERIOD_START / DAY;
  for (let d = 0; d < HOURS / 24; d++) {
    const day = firstDay + d;
    const level =
      monthLevel(day) *
      (WEEKDAY_WEIGHTS[weekday(day)] as number) *
      (SPECIAL_DAYS.get(day) ?? 1) *
      dexp(0.1 * rng.normal());
    for (let h = 0; h < 24; h++) base[d * 24 + h] = level * (HOUR_WEIGHTS[h] as number);
  }
  const bursts = recipe.scenario === 'fraud_attack' ? fraudBursts(recipe.seed) : [];
  for (let i = 0; i < HOURS; i++) {
    const t = PERIOD_START + i * HOUR;
    const hod = i % 24;
    if (recipe.scenario === 'flash_sale' && inWindow(FLASH_WINDOW, t)) {
      extra[i] = (HOUR_WEIGHTS[hod] as number) * (t < FLASH_WINDOW.start + 3 * HOUR ? 3 : 1);
    } else if (recipe.scenario === 'promotion_blast' && inWindow(BLAST_WINDOW, t)) {
      extra[i] = HOUR_WEIGHTS[hod] as number;
    } else if (bursts.some((w) => inWindow(w, t))) {
      extra[i] = 1;
    }
  }
  const share = SCENARIO_EXTRA_SHARE[recipe.scenario];
  const baseTotal = base.reduce((a, b) => a + b, 0);
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  const scale = extraTotal > 0 ? (baseTotal * share) / (1 - share) / extraTotal : 0;
  const cumulative = new Float64Array(HOURS);
  let sum = 0;
  for (let i = 0; i < HOURS; i++) {
    extra[i] = (extra[i] as number) * scale;
    sum += (base[i] as number) + (extra[i] as number);
    cumulative[i] = sum;
  }
  return { cumulative, extra, bursts };
}

export interface OrderTime {
  readonly t: number;
  /** True when the order belongs to the scenario's added mass (e.g. a fraud order). */
  readonly extra: boolean;
}

/**
 * Stratified inverse-CDF sampling: order i's time is F⁻¹((i + u)/n), so times come out sorted
 * and the daily totals follow the calendar without storing anything per order.
 */
export class OrderClock {
  private hour = 0;
  private readonly total: number;

  constructor(
    private readonly calendar: Calendar,
    private readonly orders: number,
    private readonly rng: Rng,
  ) {
    this.total = calendar.cumulative[calendar.cumulative.length - 1] as number;
  }

  next(i: number): OrderTime {
    const { cumulative, extra } = this.calendar;
    const q = ((i + this.rng.float()) / this.orders) * this.total;
    while (this.hour < cumulative.length - 1 && (cumulative[this.hour] as number) <= q) this.hour++;
    const before = this.hour === 0 ? 0 : (cumulative[this.hour - 1] as number);
    const mass = (cumulative[this.hour] as number) - before;
    const frac = mass > 0 ? Math.min(0.99999, Math.max(0, (q - before) / mass)) : 0;
    const t = PERIOD_START + this.hour * HOUR + Math.floor(frac * HOUR);
    return { t, extra: this.rng.float() < (extra[this.hour] as number) / mass };
  }
}
