import { Rng } from './prng.ts';
import { DAY, epoch, HOUR } from './time.ts';

export const SCENARIOS = ['normal_day', 'flash_sale', 'fraud_attack', 'promotion_blast'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface DemoRecipe {
  readonly seed: number;
  readonly orders: number;
  readonly scenario: Scenario;
}

export const MIN_ORDERS = 1;
export const MAX_ORDERS = 5_000_000;

export function validateRecipe(recipe: DemoRecipe): DemoRecipe {
  const { seed, orders, scenario } = recipe;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  }
  if (!Number.isInteger(orders) || orders < MIN_ORDERS || orders > MAX_ORDERS) {
    throw new RangeError(
      `orders must be an integer from ${MIN_ORDERS} to ${MAX_ORDERS}, got ${orders}`,
    );
  }
  if (!SCENARIOS.includes(scenario)) {
    throw new RangeError(
      `unknown scenario "${String(scenario)}"; expected one of ${SCENARIOS.join(', ')}`,
    );
  }
  return { seed, orders, scenario };
}

/** Half-open window [start, end) in epoch seconds. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

export const inWindow = (w: Window, t: number): boolean => t >= w.start && t < w.end;

/** flash_sale: a 48-hour sale with 40–70% discounts on a tenth of the catalogue. */
export const FLASH_WINDOW: Window = { start: epoch(2018, 5, 15), end: epoch(2018, 5, 17) };
/** promotion_blast: a one-week multi-channel campaign. */
export const BLAST_WINDOW: Window = { start: epoch(2018, 7, 9), end: epoch(2018, 7, 16) };

/** Share of all orders that the scenario adds on top of the normal pattern. */
export const SCENARIO_EXTRA_SHARE: Record<Scenario, number> = {
  normal_day: 0,
  flash_sale: 0.06,
  fraud_attack: 0.025,
  promotion_blast: 0.05,
};

/** fraud_attack: eight two-hour bursts at night (01:00–05:00) between February and August 2018. */
export function fraudBursts(seed: number): Window[] {
  const rng = new Rng(seed, 'fraud-bursts');
  const first = epoch(2018, 2, 1) / DAY;
  const span = epoch(2018, 8, 25) / DAY - first;
  const days = new Set<number>();
  while (days.size < 8) days.add(first + rng.int(span));
  return [...days]
    .sort((a, b) => a - b)
    .map((day) => {
      const start = day * DAY + (1 + rng.int(3)) * HOUR;
      return { start, end: start + 2 * HOUR };
    });
}
