import type { ChartOption } from '../charts/echarts.ts';
import { formatCount, formatMoney, formatPercent } from '../format.ts';

export interface RfmCell {
  recency: number;
  frequency: number;
  customers: number;
  revenue: number;
}
export type RfmMetric = 'customers' | 'revenue';
export const RFM_METRICS: readonly RfmMetric[] = ['customers', 'revenue'];

export interface SegmentRow {
  segment: string;
  customers: number;
  revenue: number;
  avgValue: number | null;
  avgClv: number | null;
  totalClv: number;
  budget: number;
  budgetPerCustomer: number;
}

export interface CohortCell {
  cohort: string;
  offset: number;
  size: number;
  retention: number;
}

export interface LabelValue {
  label: string;
  value: number;
}

const SCORES = ['1', '2', '3', '4', '5'];

/** Recency score (rows) × frequency score (columns), coloured by customers or by their revenue. */
export function rfmOption(cells: RfmCell[], metric: RfmMetric): ChartOption {
  const value = (c: RfmCell) => (metric === 'customers' ? c.customers : c.revenue);
  const fmt = (v: number) => (metric === 'customers' ? formatCount(v) : formatMoney(v, true));
  const max = Math.max(1, ...cells.map(value));
  return {
    tooltip: {
      formatter: (p: { value: [number, number, number] }) => {
        const c = cells.find((x) => x.frequency - 1 === p.value[0] && x.recency - 1 === p.value[1]);
        return c
          ? `Recency ${c.recency} · frequency ${c.frequency}<br>${formatCount(c.customers)} customers, ${formatMoney(c.revenue)}`
          : '';
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      name: 'Frequency score',
      nameLocation: 'middle',
      nameGap: 24,
      data: SCORES,
    },
    yAxis: { type: 'category', name: 'Recency score', data: SCORES },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#e8f3ef', '#2f8f75', '#1d5a4a'] },
      formatter: (v: number) => fmt(v),
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => [c.frequency - 1, c.recency - 1, value(c)]),
        label: {
          show: true,
          formatter: (p: { value: [number, number, number] }) => fmt(p.value[2]),
        },
      },
    ],
  };
}

/** Revenue to date and predicted 12-month CLV per segment. */
export function segmentOption(rows: SegmentRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatMoney(v) },
    legend: { data: ['Revenue', 'Predicted CLV (12 months)'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.segment),
      axisLabel: { interval: 0, rotate: 30 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, true) } },
    series: [
      { name: 'Revenue', type: 'bar', data: rows.map((r) => r.revenue) },
      { name: 'Predicted CLV (12 months)', type: 'bar', data: rows.map((r) => r.totalClv) },
    ],
  };
}

/** The suggested budget per segment as a ring; the legend gives each segment's share. */
export function budgetOption(rows: SegmentRow[]): ChartOption {
  const parts = rows.filter((r) => r.budget > 0);
  const total = parts.reduce((n, r) => n + r.budget, 0);
  const share = new Map(parts.map((r) => [r.segment, total ? r.budget / total : 0]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${p.name}: ${formatMoney(p.value)} (${p.percent.toFixed(1)}%)`,
    },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      formatter: (name: string) => `${name}  ${formatPercent(share.get(name) ?? 0)}`,
    },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['30%', '50%'],
        label: { show: false },
        data: parts.map((r) => ({ name: r.segment, value: r.budget })),
      },
    ],
  };
}

/** Cohort (rows, oldest on top) × months since the first order, retention % in each cell. */
export function cohortOption(cells: CohortCell[]): ChartOption {
  const cohorts = [...new Set(cells.map((c) => c.cohort))].sort().reverse();
  const offsets = Math.max(0, ...cells.map((c) => c.offset)) + 1;
  const later = cells.filter((c) => c.offset > 0).map((c) => c.retention);
  return {
    tooltip: {
      formatter: (p: { value: [number, number, number] }) => {
        const cohort = cohorts[p.value[1]] ?? '';
        const size = cells.find((c) => c.cohort === cohort)?.size ?? 0;
        return `${cohort} (${formatCount(size)} customers)<br>month ${p.value[0]}: ${p.value[2].toFixed(1)}%`;
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: {
      type: 'category',
      name: 'Months since first order',
      nameLocation: 'middle',
      nameGap: 24,
      data: Array.from({ length: offsets }, (_, i) => String(i)),
    },
    yAxis: { type: 'category', data: cohorts },
    visualMap: {
      min: 0,
      // Month 0 is 100 % by definition; scale the colours to the later months.
      max: Math.max(1, ...later),
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      calculable: false,
      inRange: { color: ['#f3efe0', '#c9a227', '#8a6a10'] },
      formatter: (v: number) => `${v.toFixed(1)}%`,
    },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => [
          c.offset,
          cohorts.indexOf(c.cohort),
          Number(c.retention.toFixed(2)),
        ]),
        label: {
          show: true,
          fontSize: 10,
          formatter: (p: { value: [number, number, number] }) => `${p.value[2].toFixed(1)}`,
        },
      },
    ],
  };
}

const SCORE_COLORS = ['#d2694a', '#e0925f', '#c9a227', '#7fb59f', '#2f8f75'];

/** Reviews per score, 1 to 5. */
export function scoreOption(rows: LabelValue[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatCount(v) },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', name: 'Score', data: SCORES },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) } },
    series: [
      {
        name: 'Reviews',
        type: 'bar',
        data: SCORES.map((s, i) => ({
          value: rows.find((r) => r.label === s)?.value ?? 0,
          itemStyle: { color: SCORE_COLORS[i] },
        })),
      },
    ],
  };
}

/** Mean review score per category as horizontal bars, most reviewed on top (a click filters). */
export function categoryScoreOption(rows: (LabelValue & { reviews: number })[]): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const r = ordered[ps[0]?.dataIndex ?? -1];
        return r
          ? `${r.label}: ${r.value.toFixed(2)} / 5 over ${formatCount(r.reviews)} reviews`
          : '';
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 1, max: 5, axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((r) => r.label) },
    series: [
      {
        name: 'Average score',
        type: 'bar',
        data: ordered.map((r) => r.value),
        label: {
          show: true,
          position: 'right',
          color: 'inherit',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => p.value.toFixed(2),
        },
      },
    ],
  };
}

/** Rows as CSV text (RFC 4180: fields with a comma, quote or line break are quoted). */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
}
