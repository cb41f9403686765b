import { format } from 'echarts/core';
import type { ChartOption } from '../charts/echarts.ts';
import type { FunnelRow, GmvRow } from '../../stream/outputs.ts';
import type { StreamSnapshot } from '../../stream/snapshot.ts';

/** Event times are the data's wall-clock times stored without a zone: shown as they are (UTC fields). */
export function formatEventTime(ms: number, withMinutes = true): string {
  const iso = new Date(ms).toISOString();
  return withMinutes ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'BRL',
  notation: 'compact',
  maximumFractionDigits: 1,
});
// Event times are UTC fields (see formatEventTime), so the chart reads them in UTC (`useUTC`), and a
// tick is labelled for its level: within a few days, hours ("06:00") between the dates.
const timeAxis = {
  type: 'time' as const,
  axisLabel: {
    hideOverlap: true,
    formatter: {
      year: '{yyyy}',
      month: '{yyyy}-{MM}',
      day: '{yyyy}-{MM}-{dd}',
      hour: '{HH}:{mm}',
      minute: '{HH}:{mm}',
      second: '{HH}:{mm}:{ss}',
      millisecond: '{HH}:{mm}:{ss}',
    },
  },
};
// Ten updates a second: animations would only lag behind the data.
const base = { animation: false, tooltip: { trigger: 'axis' as const } };

/** Processing (simulated) time on x; the clock itself, the max event time seen and the watermark on y. */
export function timelineOption(points: StreamSnapshot['timeline']): ChartOption {
  const line = (name: string, data: Array<[number, number]>, color: string, dashed = false) => ({
    id: name,
    name,
    type: 'line',
    data,
    showSymbol: false,
    lineStyle: { color, type: dashed ? 'dashed' : 'solid', width: 1.5 },
    itemStyle: { color },
  });
  return {
    ...base,
    useUTC: true,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { ...timeAxis, name: 'processing time' },
    yAxis: { ...timeAxis, scale: true },
    series: [
      line(
        'processing time',
        points.map(([c]) => [c, c]),
        '#8a8f98',
        true,
      ),
      line(
        'max event time',
        points.map(([c, e]) => [c, e]),
        '#2f8f75',
      ),
      line(
        'watermark',
        points.map(([c, , w]) => [c, w]),
        '#c9a227',
      ),
    ],
  };
}

const windowLabel = (ms: number) => formatEventTime(ms);

/** Orders → with items → with payment per final window (seed 001's funnel). */
export function funnelOption(rows: readonly FunnelRow[]): ChartOption {
  const bar = (name: string, data: number[], color: string) => ({
    id: name,
    name,
    type: 'bar',
    data,
    itemStyle: { color },
  });
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => windowLabel(r.windowStart)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      bar(
        'orders',
        rows.map((r) => r.orders),
        '#3b6fb6',
      ),
      bar(
        'with items',
        rows.map((r) => r.ordersWithItems),
        '#2f8f75',
      ),
      bar(
        'with payment',
        rows.map((r) => r.ordersWithPayment),
        '#c9a227',
      ),
    ],
  };
}

/** GMV (sum of price + freight of item events) per final window. */
export function gmvOption(rows: readonly GmvRow[]): ChartOption {
  return {
    ...base,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => windowLabel(r.windowStart)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => money.format(v) } },
    series: [
      {
        id: 'GMV',
        name: 'GMV',
        type: 'bar',
        data: rows.map((r) => r.gmv),
        itemStyle: { color: '#2f8f75' },
      },
    ],
  };
}

/** Created orders by status over the final windows so far; dropped = not delivered/completed. */
export function dropoffOption(rows: StreamSnapshot['dropoff']): ChartOption {
  const ordered = [...rows].sort((a, b) => a.orders - b.orders);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ordered.map((r) => r.orderStatus) },
    series: [
      {
        id: 'completed',
        name: 'completed',
        type: 'bar',
        stack: 'o',
        data: ordered.map((r) => r.orders - r.droppedOrders),
        itemStyle: { color: '#2f8f75' },
      },
      {
        id: 'dropped',
        name: 'dropped',
        type: 'bar',
        stack: 'o',
        data: ordered.map((r) => r.droppedOrders),
        itemStyle: { color: '#c0504d' },
      },
    ],
  };
}

/** Payment value by method over the final windows so far. */
export function paymentMixOption(rows: StreamSnapshot['paymentMix']): ChartOption {
  return {
    ...base,
    tooltip: {
      trigger: 'item',
      // The tooltip is HTML and a payment type is whatever the file said (issue #9): encoded.
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${format.encodeHTML(p.name)}: ${money.format(p.value)} (${p.percent.toFixed(1)}%)`,
    },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        id: 'payments',
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['35%', '50%'],
        data: [...rows]
          .sort((a, b) => b.totalValue - a.totalValue)
          .map((r) => ({ name: r.paymentType, value: r.totalValue })),
        label: { show: false },
      },
    ],
  };
}

/** A span of event time for people: 90 000 → "1 min 30 s", 3 days → "3 d 0 h". */
export function formatSpan(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/**
 * Each Live chart drawn from two sample windows, for `warmCharts` to run their code before a
 * replay needs it (the values are never shown).
 */
export function warmupOptions(): ChartOption[] {
  const hour = 3_600_000;
  const windows = [0, hour].map((windowStart, i) => ({
    windowStart,
    windowEnd: windowStart + hour,
    orders: 4 + i,
    ordersWithItems: 3,
    ordersWithPayment: 2,
    itemsConversionRate: 75,
    paymentConversionRate: 50,
    droppedAfterOrder: 1,
    droppedAfterItems: 1,
    gmv: 100 + i,
    itemEvents: 3,
  }));
  return [
    timelineOption([
      [hour, hour, 0],
      [2 * hour, 2 * hour, hour],
    ]),
    funnelOption(windows),
    gmvOption(windows),
    dropoffOption([
      { orderStatus: 'delivered', orders: 3, droppedOrders: 0 },
      { orderStatus: 'canceled', orders: 1, droppedOrders: 1 },
    ]),
    paymentMixOption([
      { paymentType: 'credit_card', payments: 3, totalValue: 90 },
      { paymentType: 'boleto', payments: 1, totalValue: 30 },
    ]),
  ];
}
