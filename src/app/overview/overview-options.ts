import { format } from 'echarts/core';
import type { ChartOption } from '../charts/echarts.ts';

export interface LabelValue {
  label: string;
  value: number;
}

export interface TrendPoint {
  bucket: string;
  gmv: number;
  orders: number;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const moneyCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'BRL',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'BRL',
  maximumFractionDigits: 0,
});

/** GMV (bars) and orders (line) per bucket. */
export function trendOption(points: TrendPoint[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['GMV', 'Orders'], top: 0 },
    grid: { left: 64, right: 56, top: 32, bottom: 56 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    xAxis: { type: 'category', data: points.map((p) => p.bucket) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => moneyCompact.format(v) } },
      { type: 'value', axisLabel: { formatter: (v: number) => compact.format(v) } },
    ],
    series: [
      { name: 'GMV', type: 'bar', data: points.map((p) => p.gmv), itemStyle: { color: '#2f8f75' } },
      {
        name: 'Orders',
        type: 'line',
        yAxisIndex: 1,
        data: points.map((p) => p.orders),
        showSymbol: false,
        itemStyle: { color: '#c9a227' },
      },
    ],
  };
}

/** Horizontal bars, largest on top. */
export function barOption(rows: LabelValue[], format: 'money' | 'count'): ChartOption {
  const fmt =
    format === 'money' ? (v: number) => money.format(v) : (v: number) => compact.format(v);
  const ordered = [...rows].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    // The bars carry their values; value-axis labels would only crowd a narrow panel.
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [
      {
        type: 'bar',
        data: ordered.map((r) => r.value),
        itemStyle: { color: '#2f8f75' },
        label: {
          show: true,
          position: 'right',
          color: 'inherit',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => fmt(p.value),
        },
      },
    ],
  };
}

/** Shares of a whole, as a ring; the legend names each part with its share. */
export function donutOption(rows: LabelValue[]): ChartOption {
  const total = rows.reduce((n, r) => n + r.value, 0);
  const share = new Map(rows.map((r) => [r.label, total ? (100 * r.value) / total : 0]));
  return {
    tooltip: {
      trigger: 'item',
      // The tooltip is HTML and a payment type is whatever the file said (issue #9): encoded.
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${format.encodeHTML(p.name)}: ${money.format(p.value)} (${p.percent.toFixed(1)}%)`,
    },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      formatter: (name: string) => `${name}  ${(share.get(name) ?? 0).toFixed(1)}%`,
    },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['32%', '50%'],
        data: rows.map((r) => ({ name: r.label, value: r.value })),
        label: { show: false },
      },
    ],
  };
}
