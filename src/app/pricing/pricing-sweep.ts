import type { SweepResult } from '../../ml/sweep.ts';

/**
 * The paid prices of the what-if sweep: `steps` prices spaced evenly on a log scale from
 * `low` × to `high` × the current price, kept inside the prices the model was trained on
 * (the card's training range), with the current price itself included.
 */
export function sweepPrices(
  price: number,
  range: readonly [number, number],
  steps = 31,
  low = 0.5,
  high = 2,
): number[] {
  if (!(price > 0)) throw new RangeError('the price must be above 0');
  const lo = Math.max(price * low, range[0]);
  const hi = Math.min(price * high, range[1]);
  if (!(hi > lo)) return [round2(price)];
  const out = new Set<number>([round2(price)]);
  for (let i = 0; i < steps; i++) {
    out.add(round2(lo * Math.pow(hi / lo, i / (steps - 1))));
  }
  return [...out].filter((p) => p > 0).sort((a, b) => a - b);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface PricePoint {
  price: number;
  units: number;
  revenue: number;
}

export interface PriceSweep {
  points: PricePoint[];
  best: PricePoint;
  current: PricePoint;
  /** The best price is the sweep's lowest or highest: the true optimum may lie beyond it. */
  atEdge: 'low' | 'high' | null;
}

/**
 * A price sweep from the model's what-if grid run with one discount: `paidPrices[i]` was sent as
 * list price paidPrices[i] / (1 − discount), so the grid's revenue (list × (1 − discount) × units)
 * is the paid price × units.
 */
export function priceSweep(result: SweepResult, paidPrices: number[], current: number): PriceSweep {
  const points = paidPrices.map((price, i) => ({
    price,
    units: result.units[i]?.[0] ?? NaN,
    revenue: result.revenue[i]?.[0] ?? NaN,
  }));
  if (!points.length) throw new RangeError('empty sweep');
  let k = 0;
  points.forEach((p, i) => {
    if (p.revenue > (points[k] as PricePoint).revenue) k = i;
  });
  const best = points[k] as PricePoint;
  const now = points.reduce((a, b) =>
    Math.abs(b.price - current) < Math.abs(a.price - current) ? b : a,
  );
  const atEdge =
    points.length < 2 ? null : k === 0 ? 'low' : k === points.length - 1 ? 'high' : null;
  return { points, best, current: now, atEdge };
}

/** List prices that give these paid prices at a discount (percent). */
export const listPricesFor = (paidPrices: readonly number[], discount: number): number[] =>
  paidPrices.map((p) => p / (1 - discount / 100));
