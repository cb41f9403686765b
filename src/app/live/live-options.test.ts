import { describe, expect, it } from 'vitest';
import {
  dropoffOption,
  formatEventTime,
  funnelOption,
  gmvOption,
  paymentMixOption,
  timelineOption,
  warmupOptions,
} from './live-options.ts';

const H = 3_600_000;
const T = Date.UTC(2018, 0, 1);
const funnelRow = {
  windowStart: T,
  windowEnd: T + H,
  orders: 5,
  ordersWithItems: 4,
  ordersWithPayment: 3,
  itemsConversionRate: 80,
  paymentConversionRate: 60,
  droppedAfterOrder: 1,
  droppedAfterItems: 1,
};
type Series = { name: string; data: unknown[] };

describe('Live page option builders', () => {
  it('formats event times as the data wrote them', () => {
    expect(formatEventTime(T + 13 * H + 5 * 60_000)).toBe('2018-01-01 13:05');
    expect(formatEventTime(T, false)).toBe('2018-01-01');
  });

  it('timeline: processing time, max event time and watermark against processing time', () => {
    const option = timelineOption([
      [T + 2 * H, T + H, T],
      [T + 3 * H, T + 2 * H, T + H],
    ]) as { series: Series[]; animation: boolean };
    expect(option.animation).toBe(false);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      [
        'processing time',
        [
          [T + 2 * H, T + 2 * H],
          [T + 3 * H, T + 3 * H],
        ],
      ],
      [
        'max event time',
        [
          [T + 2 * H, T + H],
          [T + 3 * H, T + 2 * H],
        ],
      ],
      [
        'watermark',
        [
          [T + 2 * H, T],
          [T + 3 * H, T + H],
        ],
      ],
    ]);
  });

  it('funnel: three bars per window, in funnel order', () => {
    const option = funnelOption([funnelRow]) as { xAxis: { data: string[] }; series: Series[] };
    expect(option.xAxis.data).toEqual(['2018-01-01 00:00']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['orders', [5]],
      ['with items', [4]],
      ['with payment', [3]],
    ]);
  });

  it('GMV: one bar per window', () => {
    const option = gmvOption([
      { windowStart: T, windowEnd: T + H, gmv: 10.5, itemEvents: 2 },
      { windowStart: T + H, windowEnd: T + 2 * H, gmv: 4, itemEvents: 1 },
    ]) as { series: Series[] };
    expect(option.series[0]?.data).toEqual([10.5, 4]);
  });

  it('drop-off: completed and dropped stacked per status, largest on top', () => {
    const option = dropoffOption([
      { orderStatus: 'delivered', orders: 90, droppedOrders: 0 },
      { orderStatus: 'canceled', orders: 5, droppedOrders: 5 },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['canceled', 'delivered']);
    expect(option.series.map((s) => s.data)).toEqual([
      [0, 90],
      [5, 0],
    ]);
  });

  it('payment mix: value per method, largest first', () => {
    const option = paymentMixOption([
      { paymentType: 'boleto', payments: 2, totalValue: 20 },
      { paymentType: 'credit_card', payments: 5, totalValue: 80 },
    ]) as { series: Array<{ data: Array<{ name: string; value: number }> }> };
    expect(option.series[0]?.data).toEqual([
      { name: 'credit_card', value: 80 },
      { name: 'boleto', value: 20 },
    ]);
  });

  it('gives every series an id, distinct within its chart: the Live charts merge redraws by series id', () => {
    const options = [
      timelineOption([[T + H, T, T]]),
      funnelOption([funnelRow]),
      gmvOption([{ windowStart: T, windowEnd: T + H, gmv: 1, itemEvents: 1 }]),
      dropoffOption([{ orderStatus: 'delivered', orders: 1, droppedOrders: 0 }]),
      paymentMixOption([{ paymentType: 'boleto', payments: 1, totalValue: 1 }]),
    ] as Array<{ series: Array<{ id?: string }> }>;
    for (const option of options) {
      const ids = option.series.map((s) => s.id);
      expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('payment mix: a payment type with markup stays text in the HTML tooltip (issue #9)', () => {
    const name = '"><svg onload=alert(1)>';
    const option = paymentMixOption([{ paymentType: name, payments: 1, totalValue: 10 }]) as {
      tooltip: { formatter: (p: { name: string; value: number; percent: number }) => string };
    };
    expect(option.tooltip.formatter({ name, value: 10, percent: 100 })).toBe(
      '&quot;&gt;&lt;svg onload=alert(1)&gt;: R$10.0 (100.0%)',
    );
  });
});

describe('formatSpan', () => {
  it.each([
    [45_000, '45 s'],
    [90_000, '1 min 30 s'],
    [2 * H, '2 h'],
    [2 * H + 5 * 60_000, '2 h 5 min'],
    [75 * H, '3 d 3 h'],
  ])('%i ms → %s', async (ms, text) => {
    const { formatSpan } = await import('./live-options.ts');
    expect(formatSpan(ms)).toBe(text);
  });

  it('warm-up options: every Live chart, with the axis and series types the page draws', () => {
    const shapes = warmupOptions().map((o) => {
      const option = o as {
        xAxis?: { type: string };
        yAxis?: { type: string };
        series: Array<{ type: string; data: unknown[] }>;
      };
      return [
        option.xAxis?.type,
        option.yAxis?.type,
        option.series.map((s) => `${s.type}:${s.data.length}`).join(),
      ];
    });
    expect(shapes).toEqual([
      ['time', 'time', 'line:2,line:2,line:2'],
      ['category', 'value', 'bar:2,bar:2,bar:2'],
      ['category', 'value', 'bar:2'],
      ['value', 'category', 'bar:2,bar:2'],
      [undefined, undefined, 'pie:2'],
    ]);
  });
});
