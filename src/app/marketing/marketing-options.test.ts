import { describe, expect, it } from 'vitest';
import {
  channelsOption,
  funnelMonthsOption,
  funnelOption,
  loyaltyOption,
  salesChannelOption,
} from './marketing-options.ts';

interface Series {
  name: string;
  type: string;
  yAxisIndex?: number;
  data: (number | null)[];
  label?: { formatter: (p: { value: number }) => string };
}
type Built = { xAxis: { data: string[] }; yAxis: { data: string[] }; series: Series[] };

describe('marketing option builders', () => {
  it('channels: revenue and cost bars, ROI on the right axis with its sign', () => {
    const option = channelsOption([
      { label: 'email', revenue: 150, cost: 100, roi: 0.5 },
      { label: 'organic', revenue: 80, cost: 0, roi: null },
    ]) as Built & { yAxis: { axisLabel: { formatter: (v: number) => string } }[] };
    expect(option.xAxis.data).toEqual(['email', 'organic']);
    expect(option.series.map((s) => [s.name, s.data, s.yAxisIndex ?? 0])).toEqual([
      ['Revenue', [150, 80], 0],
      ['Cost', [100, 0], 0],
      ['ROI', [0.5, null], 1],
    ]);
    expect(option.yAxis[1]?.axisLabel.formatter(0.5)).toBe('+50%');
    expect(option.yAxis[1]?.axisLabel.formatter(-0.25)).toBe('-25%');
  });

  it('sales channels: the conversion line only when sessions were loaded', () => {
    const withSessions = salesChannelOption([
      { label: 'website', orders: 10, gmv: 1000, sessions: 40, conversion: 0.25 },
    ]) as Built;
    expect(withSessions.series.map((s) => s.name)).toEqual(['GMV', 'Orders per session']);
    const without = salesChannelOption([
      { label: 'unknown', orders: 10, gmv: 1000, sessions: null, conversion: null },
    ]) as Built;
    expect(without.series.map((s) => s.name)).toEqual(['GMV']);
  });

  it('funnel: first step on top, each labelled with its share of the first', () => {
    const option = funnelOption([
      { step: 'view', sessions: 200 },
      { step: 'cart', sessions: 50 },
      { step: 'purchase', sessions: 20 },
    ]) as Built;
    expect(option.yAxis.data).toEqual(['purchase', 'cart', 'view']);
    expect(option.series[0]?.label?.formatter({ value: 50 })).toBe('50 · 25.0%');
  });

  it('monthly funnel: abandonment and purchase rate on one 0–100 % axis', () => {
    const option = funnelMonthsOption([
      { month: '2018-01', abandonment: 0.7, purchaseRate: 0.2 },
    ]) as Built & { yAxis: { max: number } };
    expect(option.series.map((s) => s.data)).toEqual([[0.7], [0.2]]);
    expect(option.yAxis.max).toBe(1);
  });

  it('loyalty: people bars and revenue per person on the right axis, tiers in order', () => {
    const option = loyaltyOption([
      { tier: 'Bronze', persons: 10, revenuePerPerson: 100 },
      { tier: 'Silver', persons: 0, revenuePerPerson: null },
    ]) as Built;
    expect(option.xAxis.data).toEqual(['Bronze', 'Silver']);
    expect(option.series.map((s) => [s.data, s.yAxisIndex ?? 0])).toEqual([
      [[10, 0], 0],
      [[100, null], 1],
    ]);
  });
});
