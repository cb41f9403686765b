import type { SalesInput } from './features.ts';

/** What-if grid: list prices × discounts; the model sees the paid price list × (1 − discount). */
export interface SweepResult {
  discounts: number[];
  listPrices: number[];
  /** [price index][discount index] */
  units: number[][];
  revenue: number[][];
  /** Per list price, the discount with the highest predicted revenue. */
  best: { listPrice: number; discount: number; units: number; revenue: number }[];
}

/** The list price behind an input: its price is after its discount. */
export const listPriceOf = (base: SalesInput): number =>
  base.price / (1 - base.discount_percentage / 100);

/** The inputs of the grid, row-major by list price then discount. */
export function sweepInputs(
  base: SalesInput,
  discounts: readonly number[],
  listPrices: readonly number[],
): SalesInput[] {
  return listPrices.flatMap((list) =>
    discounts.map((d) => ({ ...base, price: list * (1 - d / 100), discount_percentage: d })),
  );
}

/** Folds the grid's predicted units into units, revenue and the revenue-maximising discount. */
export function sweepResult(
  discounts: readonly number[],
  listPrices: readonly number[],
  units: ArrayLike<number>,
): SweepResult {
  const n = discounts.length;
  const grid = listPrices.map((_, p) =>
    Array.from({ length: n }, (_, d) => units[p * n + d] as number),
  );
  const revenue = grid.map((row, p) =>
    row.map((u, d) => u * (listPrices[p] as number) * (1 - (discounts[d] as number) / 100)),
  );
  const best = listPrices.map((listPrice, p) => {
    const rev = revenue[p] as number[];
    let k = 0;
    for (let d = 1; d < n; d++) if ((rev[d] as number) > (rev[k] as number)) k = d;
    return {
      listPrice,
      discount: discounts[k] as number,
      units: grid[p]?.[k] as number,
      revenue: rev[k] as number,
    };
  });
  return { discounts: [...discounts], listPrices: [...listPrices], units: grid, revenue, best };
}
