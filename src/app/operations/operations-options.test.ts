import { describe, expect, it } from 'vitest';
import {
  dropoffOption,
  histogramOption,
  inventoryOption,
  returnsOption,
  slaOption,
} from './operations-options.ts';

interface Series {
  name: string;
  type: string;
  stack?: string;
  yAxisIndex?: number;
  data: (number | null | { value: number; itemStyle: { color: string } })[];
  markLine?: { data: { name: string; xAxis: string; value: number }[] };
  label?: { formatter: (p: { value: number }) => string };
}

describe('operations option builders', () => {
  it('SLA: delivered bars and the on-time share on a 0–100 % axis', () => {
    const option = slaOption([
      { week: '2018-01-01', withEstimate: 10, onTime: 9, share: 0.9 },
      { week: '2018-01-08', withEstimate: 0, onTime: 0, share: null },
    ]) as { yAxis: { max?: number }[]; series: Series[] };
    expect(option.series.map((s) => [s.type, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['bar', [10, 0], 0],
      ['line', [0.9, null], 1],
    ]);
    expect(option.yAxis[1]?.max).toBe(1);
  });

  it('histogram: one bar per day and the percentiles marked on their day', () => {
    const option = histogramOption(
      [
        { day: 0, orders: 1 },
        { day: 1, orders: 0 },
        { day: 2, orders: 3 },
      ],
      1.5,
      2.7,
    ) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['0', '1', '2']);
    expect(option.series[0]?.data).toEqual([1, 0, 3]);
    expect(option.series[0]?.markLine?.data).toEqual([
      { name: 'median', xAxis: '1', value: 1.5 },
      { name: 'p90', xAxis: '2', value: 2.7 },
    ]);
    const label = (
      option.series[0]?.markLine as unknown as {
        label: { formatter: (p: { name: string }) => string };
      }
    ).label;
    expect(label.formatter({ name: 'p90' })).toBe('p90 2.7 d');
    const empty = histogramOption([], null, null) as { series: Series[] };
    expect(empty.series[0]?.markLine?.data).toEqual([]);
  });

  it('drop-off: statuses that never completed are red, largest on top', () => {
    const option = dropoffOption([
      { status: 'delivered', orders: 90, dropped: 0, gmv: 900 },
      { status: 'canceled', orders: 5, dropped: 5, gmv: 50 },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['canceled', 'delivered']);
    expect(option.series[0]?.data).toEqual([
      { value: 5, itemStyle: { color: '#d2694a' } },
      { value: 90, itemStyle: { color: '#2f8f75' } },
    ]);
  });

  it('returns: rates as percentages, highest on top', () => {
    const option = returnsOption([
      { label: 'toys', sold: 10, returned: 2, rate: 0.2 },
      { label: 'books', sold: 100, returned: 5, rate: 0.05 },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['books', 'toys']);
    expect(option.series[0]?.data).toEqual([0.05, 0.2]);
    expect(option.series[0]?.label?.formatter({ value: 0.2 })).toBe('20.0%');
  });

  it('inventory: one stacked series per stock status', () => {
    const option = inventoryOption([
      { warehouse: 'WH-SP', ok: 5, reorder: 2, belowSafety: 1, outOfStock: 0 },
    ]) as { series: Series[] };
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['OK', 'slots', [5]],
      ['Reorder', 'slots', [2]],
      ['Below safety stock', 'slots', [1]],
      ['Out of stock', 'slots', [0]],
    ]);
  });
});
