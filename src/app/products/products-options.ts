import type { ChartOption } from '../charts/echarts.ts';
import { formatCount, formatMoney, formatPercent } from '../format.ts';

export interface TierRow {
  tier: string;
  products: number;
  revenueShare: number;
}

export interface ShareRow {
  label: string;
  value: number;
  share: number;
}

export interface ProductBar {
  productId: string;
  label: string;
  value: number;
}

export interface MonthPoint {
  month: string;
  units: number;
  revenue: number;
  avgPrice: number | null;
  minPrice: number | null;
  maxPrice: number | null;
}

export interface CataloguePrices {
  listPrice: number | null;
  price: number | null;
}

export type BarMetric = 'revenue' | 'units' | 'rating';

const ACCENT = '#2f8f75';
const GOLD = '#c9a227';

/** A product's name for people: its name, or (Olist has none) its category and id prefix. */
export function productLabel(p: Record<string, unknown>): string {
  const name = typeof p.product_name === 'string' && p.product_name.trim() ? p.product_name : null;
  const id = String(p.product_id);
  return name ?? `${String(p.category ?? 'unknown')} · ${id.slice(0, 8)}`;
}

const formatFor = (metric: BarMetric) =>
  metric === 'revenue'
    ? (v: number) => formatMoney(v, true)
    : metric === 'units'
      ? formatCount
      : (v: number) => v.toFixed(2);

/** Products (bars, left axis) and their share of revenue (bars, right axis) per tier. */
export function tiersOption(rows: TierRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['Products', 'Revenue share'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.tier), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', axisLabel: { formatter: formatCount } },
      {
        type: 'value',
        max: 1,
        axisLabel: { formatter: (v: number) => formatPercent(v, 0) },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: 'Products',
        type: 'bar',
        data: rows.map((r) => r.products),
        itemStyle: { color: ACCENT },
        label: {
          show: true,
          position: 'top',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => formatCount(p.value),
        },
      },
      {
        name: 'Revenue share',
        type: 'bar',
        yAxisIndex: 1,
        data: rows.map((r) => r.revenueShare),
        itemStyle: { color: GOLD },
        label: {
          show: true,
          position: 'top',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => formatPercent(p.value),
        },
        tooltip: { valueFormatter: (v: number) => formatPercent(v) },
      },
    ],
  };
}

/** Horizontal bars, largest on top, each labelled with its value and share. */
export function categoryOption(rows: ShareRow[]): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [
      {
        name: 'Revenue',
        type: 'bar',
        data: ordered.map((r) => r.value),
        itemStyle: { color: ACCENT },
        label: {
          show: true,
          position: 'right',
          textBorderWidth: 0,
          formatter: (p: { dataIndex: number }) => {
            const r = ordered[p.dataIndex]!;
            return `${formatMoney(r.value, true)} · ${formatPercent(r.share)}`;
          },
        },
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
    ],
  };
}

/** The top products as horizontal bars (first row on top); pick one with `productAt`. */
export function productBarsOption(rows: ProductBar[], metric: BarMetric): ChartOption {
  const ordered = [...rows].reverse();
  const fmt = formatFor(metric);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.label),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        name: metric,
        type: 'bar',
        data: ordered.map((r) => r.value),
        itemStyle: { color: ACCENT },
        label: { show: true, position: 'right', formatter: (p: { value: number }) => fmt(p.value) },
      },
    ],
  };
}

/** The product behind a clicked bar of `productBarsOption(rows)`. */
export function productAt(rows: ProductBar[], dataIndex: number): string | null {
  return rows[rows.length - 1 - dataIndex]?.productId ?? null;
}

/** Revenue (bars) and units (line, right axis) per month. */
export function monthlyOption(points: MonthPoint[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Revenue', 'Units'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, true) } },
      { type: 'value', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        name: 'Revenue',
        type: 'bar',
        data: points.map((p) => p.revenue),
        itemStyle: { color: ACCENT },
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
      {
        name: 'Units',
        type: 'line',
        yAxisIndex: 1,
        data: points.map((p) => p.units),
        itemStyle: { color: GOLD },
      },
    ],
  };
}

/**
 * The price paid per month (mean line between the lowest and highest), with the catalogue's list
 * and current price as reference lines when the pricing file was loaded.
 */
export function priceOption(points: MonthPoint[], catalogue: CataloguePrices | null): ChartOption {
  const marks = [
    catalogue?.listPrice != null ? { name: 'List price', yAxis: catalogue.listPrice } : null,
    catalogue?.price != null ? { name: 'Catalogue price', yAxis: catalogue.price } : null,
  ].filter((m) => m !== null);
  const money = (v: number) => formatMoney(v);
  return {
    tooltip: { trigger: 'axis', valueFormatter: money },
    legend: { data: ['Mean price paid', 'Lowest', 'Highest'], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    // Reference lines do not stretch an axis: widen it so a list price above every sale shows.
    yAxis: {
      type: 'value',
      scale: true,
      max: (v: { max: number }) => Math.ceil(Math.max(v.max, ...marks.map((m) => m.yAxis)) * 1.05),
      min: (v: { min: number }) => Math.floor(Math.min(v.min, ...marks.map((m) => m.yAxis)) * 0.95),
      axisLabel: { formatter: money },
    },
    series: [
      {
        name: 'Mean price paid',
        type: 'line',
        data: points.map((p) => p.avgPrice),
        itemStyle: { color: ACCENT },
        markLine: marks.length
          ? {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: GOLD },
              label: {
                position: 'insideEndTop',
                formatter: (p: { name: string; value: number }) => `${p.name} ${money(p.value)}`,
              },
              data: marks,
            }
          : undefined,
      },
      {
        name: 'Lowest',
        type: 'line',
        data: points.map((p) => p.minPrice),
        lineStyle: { type: 'dotted' },
        itemStyle: { color: '#7f8c9d' },
        showSymbol: false,
      },
      {
        name: 'Highest',
        type: 'line',
        data: points.map((p) => p.maxPrice),
        lineStyle: { type: 'dotted' },
        itemStyle: { color: '#d2694a' },
        showSymbol: false,
      },
    ],
  };
}

/** Categories bought with the product's own, by lift, with the no-affinity line at 1. */
export function affinityOption(rows: { label: string; lift: number }[]): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => `lift ${v.toFixed(2)}`,
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    // Keep the chance line (lift 1) in view when every pair is below it.
    xAxis: {
      type: 'value',
      max: (v: { max: number }) => Math.max(v.max, 1.1),
      axisLabel: { show: false },
    },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [
      {
        name: 'Lift',
        type: 'bar',
        data: ordered.map((r) => r.lift),
        itemStyle: { color: '#4f7cc9' },
        label: {
          show: true,
          position: 'right',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => p.value.toFixed(2),
        },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { type: 'dashed' },
          label: { formatter: 'chance' },
          data: [{ xAxis: 1 }],
        },
      },
    ],
  };
}
