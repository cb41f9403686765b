import { describe, expect, it } from 'vitest';
import {
  categoryBarOption,
  categoryTrendOption,
  discountOption,
  discountReading,
  sortRows,
  type BandRow,
  type CategoryRow,
} from './sales-options.ts';

type Series = { name: string; type: string; stack?: string; data: number[] };

const band = (
  b: string,
  products: number,
  units: number,
  revenue: number,
  uplift: number | null,
): BandRow => ({
  band: b,
  products,
  units,
  revenue,
  unitsPerProduct: units / products,
  revenuePerProduct: revenue / products,
  uplift,
});

const row = (category: string, revenue: number, rating: number | null): CategoryRow => ({
  category,
  revenue,
  orders: 1,
  units: 1,
  aov: revenue,
  share: 0,
  rating,
  reviews: 0,
});

describe('sales option builders', () => {
  const trend = [
    { bucket: '2018-02-01', category: 'toys', revenue: 5 },
    { bucket: '2018-01-01', category: 'Other', revenue: 50 },
    { bucket: '2018-01-01', category: 'books', revenue: 10 },
    { bucket: '2018-02-01', category: 'books', revenue: 20 },
  ];

  it('trend: buckets in order, categories by revenue with Other last, zeros for missing buckets', () => {
    const option = categoryTrendOption(trend, 'stack') as {
      xAxis: { data: string[] };
      series: Series[];
    };
    expect(option.xAxis.data).toEqual(['2018-01-01', '2018-02-01']);
    expect(option.series.map((s) => [s.name, s.type, s.stack, s.data])).toEqual([
      ['books', 'bar', 'revenue', [10, 20]],
      ['toys', 'bar', 'revenue', [0, 5]],
      ['Other', 'bar', 'revenue', [50, 0]],
    ]);
    const lines = categoryTrendOption(trend, 'lines') as { series: Series[] };
    expect(lines.series.every((s) => s.type === 'line' && s.stack === undefined)).toBe(true);
  });

  it('category bars: the first rows, largest on top', () => {
    const option = categoryBarOption([row('a', 30, 4), row('b', 20, 4), row('c', 10, 4)], 2) as {
      yAxis: { data: string[] };
      series: Series[];
    };
    expect(option.yAxis.data).toEqual(['b', 'a']);
    expect(option.series[0]!.data).toEqual([20, 30]);
  });

  it('discount: revenue bars and a units line on the second axis', () => {
    const option = discountOption([band('0%', 2, 10, 100, 0), band('1-10%', 1, 8, 40, 0.6)]) as {
      xAxis: { data: string[] };
      series: (Series & { yAxisIndex?: number })[];
    };
    expect(option.xAxis.data).toEqual(['0%', '1-10%']);
    expect(option.series.map((s) => [s.type, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['bar', [100, 40], 0],
      ['line', [10, 8], 1],
    ]);
  });

  it('discount reading: revenue share of discounted products and the best band against full price', () => {
    // 0 %: 5 units per product; 1-10 %: 8 (1.60×); 11-20 %: 4 (0.80×). Discounted revenue 60 of 160.
    const text = discountReading([
      band('0%', 2, 10, 100, 0),
      band('1-10%', 1, 8, 40, 0.6),
      band('11-20%', 1, 4, 20, -0.2),
    ]);
    expect(text).toBe(
      'Discounted products brought 37.5% of the revenue. A product at 1-10% off sold 1.60× the units' +
        ' of an undiscounted one (8.0 vs 5.0 per listed product). 1 of 2 discount bands sold more per' +
        ' product than full price.',
    );
    expect(discountReading([band('0%', 1, 0, 0, null)])).toBe('No sales in scope.');
    expect(discountReading([band('0%', 3, 0, 0, null), band('>50%', 1, 2, 10, null)])).toContain(
      'no baseline',
    );
  });

  it('sorting: by any column either way, missing ratings last, ties by category', () => {
    const rows = [row('b', 10, null), row('a', 10, 3), row('c', 30, 5)];
    expect(sortRows(rows, 'revenue', 'desc').map((r) => r.category)).toEqual(['c', 'a', 'b']);
    expect(sortRows(rows, 'revenue', 'asc').map((r) => r.category)).toEqual(['a', 'b', 'c']);
    expect(sortRows(rows, 'rating', 'asc').map((r) => r.category)).toEqual(['a', 'c', 'b']);
    expect(sortRows(rows, 'rating', 'desc').map((r) => r.category)).toEqual(['c', 'a', 'b']);
    expect(sortRows(rows, 'category', 'desc').map((r) => r.category)).toEqual(['c', 'b', 'a']);
  });
});
