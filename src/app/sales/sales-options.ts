import type { ChartOption } from '../charts/echarts.ts';
import { formatCount, formatMoney, formatPercent } from '../format.ts';
import { OTHER } from './sales-sql.ts';

export interface TrendRow {
  bucket: string;
  category: string;
  revenue: number;
}

export interface CategoryRow {
  category: string;
  revenue: number;
  orders: number;
  units: number;
  aov: number;
  share: number;
  rating: number | null;
  reviews: number;
}

export interface BandRow {
  band: string;
  products: number;
  units: number;
  revenue: number;
  unitsPerProduct: number;
  revenuePerProduct: number;
  uplift: number | null;
}

export type TrendMode = 'stack' | 'lines';
export const TREND_MODES: readonly TrendMode[] = ['stack', 'lines'];

/**
 * Revenue per bucket, one series per category (largest first, Other last): stacked bars, or one
 * line per category.
 */
export function categoryTrendOption(rows: TrendRow[], mode: TrendMode): ChartOption {
  const buckets = [...new Set(rows.map((r) => r.bucket))].sort();
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.category, (totals.get(r.category) ?? 0) + r.revenue);
  const categories = [...totals.keys()].sort((a, b) =>
    a === OTHER ? 1 : b === OTHER ? -1 : (totals.get(b) ?? 0) - (totals.get(a) ?? 0),
  );
  const value = new Map(rows.map((r) => [`${r.category}\u0000${r.bucket}`, r.revenue]));
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v) },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 48, containLabel: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    xAxis: { type: 'category', data: buckets },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, true) } },
    series: categories.map((c) => ({
      name: c,
      type: mode === 'stack' ? 'bar' : 'line',
      stack: mode === 'stack' ? 'revenue' : undefined,
      showSymbol: false,
      data: buckets.map((b) => value.get(`${c}\u0000${b}`) ?? 0),
    })),
  };
}

/** Revenue per category as horizontal bars, largest on top (a click filters on the category). */
export function categoryBarOption(rows: CategoryRow[], limit = 12): ChartOption {
  const top = rows.slice(0, limit).reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => formatMoney(v),
    },
    grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: { type: 'category', data: top.map((r) => r.category) },
    series: [
      {
        name: 'Revenue',
        type: 'bar',
        data: top.map((r) => r.revenue),
        label: {
          show: true,
          position: 'right',
          color: 'inherit',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => formatMoney(p.value, true),
        },
      },
    ],
  };
}

/** Revenue (bars) and units (line, second axis) per discount band. */
export function discountOption(bands: BandRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Revenue', 'Units'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bands.map((b) => b.band) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, true) } },
      { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) } },
    ],
    series: [
      {
        name: 'Revenue',
        type: 'bar',
        data: bands.map((b) => b.revenue),
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
      {
        name: 'Units',
        type: 'line',
        yAxisIndex: 1,
        data: bands.map((b) => b.units),
        tooltip: { valueFormatter: (v: number) => formatCount(v) },
      },
    ],
  };
}

/**
 * A short reading of the discount bands: how much of the revenue came from discounted products,
 * and how the units per listed product of each discounted band compare with undiscounted ones.
 */
export function discountReading(bands: BandRow[]): string {
  const total = bands.reduce((n, b) => n + b.revenue, 0);
  if (total === 0) return 'No sales in scope.';
  const base = bands.find((b) => b.band === '0%');
  const discounted = bands.filter((b) => b.band !== '0%' && b.products > 0);
  const share = discounted.reduce((n, b) => n + b.revenue, 0) / total;
  const parts = [`Discounted products brought ${formatPercent(share)} of the revenue.`];
  if (!base || base.unitsPerProduct === 0) {
    parts.push('No undiscounted products sold, so there is no baseline to compare with.');
    return parts.join(' ');
  }
  const withUplift = discounted.filter((b) => b.uplift !== null);
  if (!withUplift.length) return parts.join(' ');
  const best = withUplift.reduce((a, b) => ((b.uplift ?? 0) > (a.uplift ?? 0) ? b : a));
  const lift = (b: BandRow) => `${(b.unitsPerProduct / base.unitsPerProduct).toFixed(2)}×`;
  parts.push(
    `A product at ${best.band} off sold ${lift(best)} the units of an undiscounted one` +
      ` (${best.unitsPerProduct.toFixed(1)} vs ${base.unitsPerProduct.toFixed(1)} per listed product).`,
  );
  const gaining = withUplift.filter((b) => (b.uplift ?? 0) > 0).length;
  parts.push(
    gaining === withUplift.length
      ? 'Every discount band sold more per product than full price.'
      : `${gaining} of ${withUplift.length} discount bands sold more per product than full price.`,
  );
  return parts.join(' ');
}

export type SortKey = 'category' | 'revenue' | 'orders' | 'units' | 'aov' | 'share' | 'rating';
export const SORT_KEYS: readonly SortKey[] = [
  'category',
  'revenue',
  'orders',
  'units',
  'aov',
  'share',
  'rating',
];

/** The table's rows ordered by one column; missing ratings sort last either way. */
export function sortRows(rows: CategoryRow[], key: SortKey, dir: 'asc' | 'desc'): CategoryRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return c === 0 ? a.category.localeCompare(b.category) : sign * c;
  });
}
