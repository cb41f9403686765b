import { describe, expect, it } from 'vitest';
import {
  affinityOption,
  categoryOption,
  monthlyOption,
  priceOption,
  productAt,
  productBarsOption,
  productLabel,
  tiersOption,
} from './products-options.ts';

interface Series {
  type: string;
  data: (number | null)[];
  yAxisIndex?: number;
  markLine?: { data: { name?: string; yAxis?: number; xAxis?: number }[] };
  label?: { formatter: (p: { value: number; dataIndex: number }) => string };
}

describe('products option builders', () => {
  it('a product without a name is called by its category and id prefix', () => {
    expect(productLabel({ product_name: 'Lamp', category: 'housewares', product_id: 'abc' })).toBe(
      'Lamp',
    );
    expect(
      productLabel({ product_name: null, category: 'housewares', product_id: '1da295dcccb0' }),
    ).toBe('housewares · 1da295dc');
  });

  it('tiers: product counts on the left axis, revenue shares on the right, in tier order', () => {
    const option = tiersOption([
      { tier: 'Star', products: 2, revenueShare: 0.75 },
      { tier: 'Performer', products: 3, revenueShare: 0.25 },
    ]) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['Star', 'Performer']);
    expect(option.series.map((s) => [s.data, s.yAxisIndex ?? 0])).toEqual([
      [[2, 3], 0],
      [[0.75, 0.25], 1],
    ]);
    expect(option.series[1]?.label?.formatter({ value: 0.75, dataIndex: 0 })).toBe('75.0%');
  });

  it('categories: largest on top, labelled with amount and share', () => {
    const option = categoryOption([
      { label: 'toys', value: 3000, share: 0.6 },
      { label: 'books', value: 2000, share: 0.4 },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['books', 'toys']);
    expect(option.series[0]?.label?.formatter({ value: 3000, dataIndex: 1 })).toBe(
      'R$3.0K · 60.0%',
    );
  });

  it('a click on a product bar finds the product, though ECharts draws the first row at the bottom', () => {
    const rows = [
      { productId: 'p1', label: 'First', value: 30 },
      { productId: 'p2', label: 'Second', value: 20 },
      { productId: 'p3', label: 'Third', value: 10 },
    ];
    const option = productBarsOption(rows, 'units') as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['Third', 'Second', 'First']);
    expect(productAt(rows, 2)).toBe('p1');
    expect(productAt(rows, 0)).toBe('p3');
    expect(productAt(rows, 5)).toBeNull();
  });

  it('months: revenue bars and a units line on the second axis', () => {
    const points = [
      { month: '2018-01', units: 2, revenue: 100, avgPrice: 50, minPrice: 40, maxPrice: 60 },
      { month: '2018-02', units: 1, revenue: 55, avgPrice: 55, minPrice: 55, maxPrice: 55 },
    ];
    const option = monthlyOption(points) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['2018-01', '2018-02']);
    expect(option.series.map((s) => [s.type, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['bar', [100, 55], 0],
      ['line', [2, 1], 1],
    ]);
  });

  it('prices: catalogue reference lines only for the prices the catalogue has', () => {
    const points = [
      { month: '2018-01', units: 2, revenue: 100, avgPrice: 50, minPrice: 40, maxPrice: 60 },
    ];
    const withBoth = priceOption(points, { listPrice: 70, price: 63 }) as { series: Series[] };
    expect(withBoth.series[0]?.markLine?.data).toEqual([
      { name: 'List price', yAxis: 70 },
      { name: 'Catalogue price', yAxis: 63 },
    ]);
    expect(withBoth.series.map((s) => s.data)).toEqual([[50], [40], [60]]);
    // The axis stretches to the list price even when every sale was cheaper.
    const axis = (withBoth as unknown as { yAxis: { max: (v: { max: number }) => number } }).yAxis;
    expect(axis.max({ max: 60 })).toBe(Math.ceil(70 * 1.05));
    const listOnly = priceOption(points, { listPrice: 70, price: null }) as { series: Series[] };
    expect(listOnly.series[0]?.markLine?.data).toEqual([{ name: 'List price', yAxis: 70 }]);
    const none = priceOption(points, null) as { series: Series[] };
    expect(none.series[0]?.markLine).toBeUndefined();
  });

  it('affinity: highest lift on top and a reference line at 1 (chance)', () => {
    const option = affinityOption([
      { label: 'toys', lift: 3.5 },
      { label: 'books', lift: 0.8 },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['books', 'toys']);
    expect(option.series[0]?.markLine?.data).toEqual([{ xAxis: 1 }]);
  });
});
