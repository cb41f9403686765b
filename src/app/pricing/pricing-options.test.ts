import { describe, expect, it } from 'vitest';
import { sweepResult } from '../../ml/sweep.ts';
import {
  describeCorrelation,
  fitSummary,
  scatterOption,
  sweepOption,
  upliftOption,
} from './pricing-options.ts';
import { listPricesFor, priceSweep, sweepPrices } from './pricing-sweep.ts';

type Series = {
  name: string;
  type: string;
  data: unknown[];
  markLine?: { data: { xAxis: number }[] };
};

describe('pricing option builders', () => {
  it('scatter: one point per product and the least-squares line over the price range', () => {
    const option = scatterOption(
      [
        { productId: 'a', category: 'toys', price: 10, rating: 4 },
        { productId: 'b', category: 'toys', price: 30, rating: 5 },
      ],
      { products: 2, correlation: 1, slope: 0.05, intercept: 3.5, minPrice: 10, maxPrice: 30 },
    ) as { series: Series[] };
    expect(option.series[0]!.data).toEqual([
      [10, 4],
      [30, 5],
    ]);
    // The line is sampled along the log price axis; its ends are the range's ends.
    const line = option.series[1]!.data as [number, number][];
    expect(line).toHaveLength(40);
    expect(line[0]).toEqual([10, 4]);
    expect(line[39]![0]).toBeCloseTo(30, 9);
    expect(line[39]![1]).toBeCloseTo(5, 9);
    for (const [x, y] of line) expect(y).toBeCloseTo(0.05 * x + 3.5, 9);
    const flat = scatterOption([], {
      products: 0,
      correlation: null,
      slope: null,
      intercept: null,
      minPrice: null,
      maxPrice: null,
    }) as { series: Series[] };
    expect(flat.series[1]!.data).toEqual([]);
  });

  it('uplift: percent bars with a gap where there is no baseline', () => {
    const option = upliftOption([
      {
        band: '0%',
        products: 1,
        units: 5,
        revenue: 50,
        unitsPerProduct: 5,
        revenuePerProduct: 50,
        uplift: 0,
      },
      {
        band: '1-10%',
        products: 1,
        units: 7,
        revenue: 63,
        unitsPerProduct: 7,
        revenuePerProduct: 63,
        uplift: 0.4,
      },
      {
        band: '>50%',
        products: 1,
        units: 1,
        revenue: 5,
        unitsPerProduct: 1,
        revenuePerProduct: 5,
        uplift: null,
      },
    ]) as { series: Series[] };
    expect(option.series[0]!.data).toEqual([0, 40, null]);
    expect(option.series[1]!.data).toEqual([50, 63, 5]);
  });

  it('the fit in words, with the line per R$100', () => {
    const fit = {
      products: 9,
      correlation: -0.2,
      slope: -0.0004,
      intercept: 4.2,
      minPrice: 1,
      maxPrice: 9,
    };
    expect(fitSummary(fit)).toBe(
      'Weak negative: dearer products are rated lower. Least-squares line: rating = 4.20 − 0.040' +
        ' per R$100 of price. Pearson r over the raw prices; the axis is logarithmic to spread them.',
    );
  });

  it('correlation in words', () => {
    expect(describeCorrelation(null)).toMatch(/^undefined/);
    expect(describeCorrelation(0.05)).toMatch(/^negligible/);
    expect(describeCorrelation(-0.2)).toBe('weak negative: dearer products are rated lower');
    expect(describeCorrelation(0.45)).toBe('moderate positive: dearer products are rated higher');
    expect(describeCorrelation(-0.95)).toMatch(/^very strong negative/);
  });
});

describe('price sweep', () => {
  it('prices from half to twice the current one, log-spaced, current included, inside the training range', () => {
    const prices = sweepPrices(100, [1, 1000], 5);
    // 50 × 4^(i/4): 50, 70.71, 100, 141.42, 200
    expect(prices).toEqual([50, 70.71, 100, 141.42, 200]);
    expect(sweepPrices(100, [80, 150], 3)).toEqual([80, 100, 109.54, 150]);
    expect(sweepPrices(100, [200, 300])).toEqual([100]);
    expect(() => sweepPrices(0, [1, 2])).toThrow(RangeError);
  });

  it('the revenue-maximising price of a hand-made demand curve, and whether it sits at an edge', () => {
    const paid = [10, 20, 30, 40];
    const discount = 20;
    const lists = listPricesFor(paid, discount);
    expect(lists).toEqual([12.5, 25, 37.5, 50]);
    // Units 10, 8, 5, 2 → revenue 100, 160, 150, 80: best at 20.
    const result = sweepResult([discount], lists, [10, 8, 5, 2]);
    const sweep = priceSweep(result, paid, 31);
    expect(sweep.best).toEqual({ price: 20, units: 8, revenue: 160 });
    expect(sweep.current.price).toBe(30);
    expect(sweep.atEdge).toBeNull();
    const rising = priceSweep(sweepResult([discount], lists, [10, 9, 8, 7]), paid, 10);
    expect(rising.best.price).toBe(40);
    expect(rising.atEdge).toBe('high');
  });

  it('marks the best and the current price on the revenue line', () => {
    const paid = [10, 20, 30];
    const sweep = priceSweep(sweepResult([0], paid, [10, 8, 1]), paid, 30);
    const option = sweepOption(sweep) as { series: Series[] };
    expect(option.series[1]!.markLine!.data.map((d) => d.xAxis)).toEqual([20, 30]);
    expect(option.series[0]!.data).toEqual([
      [10, 10],
      [20, 8],
      [30, 1],
    ]);
  });
});
