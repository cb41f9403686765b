import { describe, expect, it } from 'vitest';
import { barOption, donutOption, trendOption } from './overview-options.ts';

describe('overview option builders', () => {
  it('trend: one category per bucket, GMV bars and an orders line on the second axis', () => {
    const option = trendOption([
      { bucket: '2018-01-01', gmv: 100, orders: 2 },
      { bucket: '2018-01-08', gmv: 50, orders: 1 },
    ]) as {
      xAxis: { data: string[] };
      series: { type: string; data: number[]; yAxisIndex?: number }[];
    };
    expect(option.xAxis.data).toEqual(['2018-01-01', '2018-01-08']);
    expect(option.series.map((s) => [s.type, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['bar', [100, 50], 0],
      ['line', [2, 1], 1],
    ]);
  });

  it('bars: largest on top (ECharts draws the first category at the bottom)', () => {
    const option = barOption(
      [
        { label: 'SP', value: 30 },
        { label: 'RJ', value: 10 },
      ],
      'money',
    ) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(option.yAxis.data).toEqual(['RJ', 'SP']);
    expect(option.series[0]?.data).toEqual([10, 30]);
  });

  it('donut: the legend gives each part its share of the whole', () => {
    const option = donutOption([
      { label: 'credit_card', value: 75 },
      { label: 'boleto', value: 25 },
    ]) as { legend: { formatter: (name: string) => string } };
    expect(option.legend.formatter('credit_card')).toBe('credit_card  75.0%');
    expect(option.legend.formatter('boleto')).toBe('boleto  25.0%');
  });

  it('donut: a payment type with markup stays text in the HTML tooltip (issue #9)', () => {
    const option = donutOption([{ label: '<img src=x onerror=alert(1)>', value: 10 }]) as {
      tooltip: { formatter: (p: { name: string; value: number; percent: number }) => string };
    };
    expect(
      option.tooltip.formatter({ name: '<img src=x onerror=alert(1)>', value: 10, percent: 100 }),
    ).toBe('&lt;img src=x onerror=alert(1)&gt;: R$10 (100.0%)');
  });
});
