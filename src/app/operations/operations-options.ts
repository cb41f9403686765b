import type { ChartOption } from '../charts/echarts.ts';
import { formatCount, formatMoney, formatPercent } from '../format.ts';

export interface SlaWeek {
  week: string;
  withEstimate: number;
  onTime: number;
  share: number | null;
}

export interface HistogramDay {
  day: number;
  orders: number;
}

export interface StatusRow {
  status: string;
  orders: number;
  dropped: number;
  gmv: number;
}

export interface ReturnRow {
  label: string;
  sold: number;
  returned: number;
  rate: number | null;
}

export interface WarehouseRow {
  warehouse: string;
  ok: number;
  reorder: number;
  belowSafety: number;
  outOfStock: number;
}

const ACCENT = '#2f8f75';
const GOLD = '#c9a227';
const RED = '#d2694a';

/** Delivered orders (bars) and the on-time share (line, right axis 0–100 %) per week. */
export function slaOption(weeks: SlaWeek[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Delivered', 'On time'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 40, containLabel: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 14, bottom: 6 }],
    xAxis: { type: 'category', data: weeks.map((w) => w.week) },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { formatter: formatCount } },
      {
        type: 'value',
        min: 0,
        max: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatPercent(v, 0) },
      },
    ],
    series: [
      {
        name: 'Delivered',
        type: 'bar',
        data: weeks.map((w) => w.withEstimate),
        itemStyle: { color: '#7f8c9d' },
      },
      {
        name: 'On time',
        type: 'line',
        yAxisIndex: 1,
        data: weeks.map((w) => w.share),
        showSymbol: false,
        itemStyle: { color: ACCENT },
        tooltip: { valueFormatter: (v: number | null) => (v === null ? '–' : formatPercent(v)) },
      },
    ],
  };
}

/** Orders per whole delivery day, with the median and 90th percentile marked. */
export function histogramOption(
  days: HistogramDay[],
  p50: number | null,
  p90: number | null,
): ChartOption {
  const marks = [
    p50 === null ? null : { name: 'median', xAxis: String(Math.floor(p50)), value: p50 },
    p90 === null ? null : { name: 'p90', xAxis: String(Math.floor(p90)), value: p90 },
  ].filter((m) => m !== null);
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: { name: string; value: number }[]) =>
        `${p[0]?.name} days: ${formatCount(p[0]?.value ?? 0)} orders`,
    },
    grid: { left: 8, right: 16, top: 24, bottom: 24, containLabel: true },
    xAxis: {
      type: 'category',
      name: 'days',
      nameLocation: 'middle',
      nameGap: 24,
      data: days.map((d) => String(d.day)),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: 'Orders',
        type: 'bar',
        barCategoryGap: '10%',
        data: days.map((d) => d.orders),
        itemStyle: { color: ACCENT },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed', color: GOLD },
          label: {
            formatter: (p: { name: string }) => {
              const mark = marks.find((m) => m.name === p.name);
              return mark ? `${p.name} ${mark.value.toFixed(1)} d` : p.name;
            },
          },
          data: marks,
        },
      },
    ],
  };
}

/** Orders per status, largest on top: completed in green, never completed in red. */
export function dropoffOption(rows: StatusRow[]): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: { dataIndex: number }[]) => {
        const r = ordered[p[0]?.dataIndex ?? 0]!;
        return `${r.status}: ${formatCount(r.orders)} orders, ${formatMoney(r.gmv)}`;
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((r) => r.status) },
    series: [
      {
        name: 'Orders',
        type: 'bar',
        data: ordered.map((r) => ({
          value: r.orders,
          itemStyle: { color: r.dropped > 0 ? RED : ACCENT },
        })),
        label: {
          show: true,
          position: 'right',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => formatCount(p.value),
        },
      },
    ],
  };
}

/** Return rate per category, highest on top, labelled with returned / sold units. */
export function returnsOption(rows: ReturnRow[]): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: { dataIndex: number }[]) => {
        const r = ordered[p[0]?.dataIndex ?? 0]!;
        return `${r.label}: ${formatCount(r.returned)} returned of ${formatCount(r.sold)} sold`;
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [
      {
        name: 'Return rate',
        type: 'bar',
        data: ordered.map((r) => r.rate ?? 0),
        itemStyle: { color: RED },
        label: {
          show: true,
          position: 'right',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => formatPercent(p.value),
        },
      },
    ],
  };
}

const STOCK_SERIES: { key: keyof Omit<WarehouseRow, 'warehouse'>; name: string; color: string }[] =
  [
    { key: 'ok', name: 'OK', color: ACCENT },
    { key: 'reorder', name: 'Reorder', color: GOLD },
    { key: 'belowSafety', name: 'Below safety stock', color: '#b0713a' },
    { key: 'outOfStock', name: 'Out of stock', color: RED },
  ];

/** Stock slots per warehouse, stacked by their status at the snapshot. */
export function inventoryOption(rows: WarehouseRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.warehouse) },
    series: STOCK_SERIES.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'slots',
      data: rows.map((r) => r[s.key]),
      itemStyle: { color: s.color },
    })),
  };
}
