import type { ChartOption } from '../charts/echarts.ts';
import { formatCount, formatMoney, formatPercent } from '../format.ts';

export interface ChannelRow {
  label: string;
  revenue: number;
  cost: number;
  roi: number | null;
}

export interface SalesChannelRow {
  label: string;
  orders: number;
  gmv: number;
  sessions: number | null;
  conversion: number | null;
}

export interface FunnelStep {
  step: string;
  sessions: number;
}

export interface FunnelMonth {
  month: string;
  abandonment: number | null;
  purchaseRate: number | null;
}

export interface TierRow {
  tier: string;
  persons: number;
  revenuePerPerson: number | null;
}

const ACCENT = '#2f8f75';
const GOLD = '#c9a227';
const BLUE = '#4f7cc9';
const RED = '#d2694a';
const money = (v: number) => formatMoney(v, true);
const ratio = (v: number | null) =>
  v === null ? '–' : `${v >= 0 ? '+' : ''}${formatPercent(v, 0)}`;

/** Revenue and cost (bars) per marketing channel, and ROI as a line on the right axis. */
export function channelsOption(rows: ChannelRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['Revenue', 'Cost', 'ROI'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', axisLabel: { formatter: money } },
      { type: 'value', splitLine: { show: false }, axisLabel: { formatter: ratio } },
    ],
    series: [
      {
        name: 'Revenue',
        type: 'bar',
        data: rows.map((r) => r.revenue),
        itemStyle: { color: ACCENT },
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
      {
        name: 'Cost',
        type: 'bar',
        data: rows.map((r) => r.cost),
        itemStyle: { color: RED },
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
      {
        name: 'ROI',
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => r.roi),
        itemStyle: { color: GOLD },
        tooltip: { valueFormatter: ratio },
      },
    ],
  };
}

/** GMV per sales channel (bars) and orders per session (line) when sessions were loaded. */
export function salesChannelOption(rows: SalesChannelRow[]): ChartOption {
  const withSessions = rows.some((r) => r.conversion !== null);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: withSessions ? ['GMV', 'Orders per session'] : ['GMV'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', axisLabel: { formatter: money } },
      {
        type: 'value',
        show: withSessions,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => formatPercent(v, 0) },
      },
    ],
    series: [
      {
        name: 'GMV',
        type: 'bar',
        data: rows.map((r) => r.gmv),
        itemStyle: { color: ACCENT },
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
      ...(withSessions
        ? [
            {
              name: 'Orders per session',
              type: 'line',
              yAxisIndex: 1,
              data: rows.map((r) => r.conversion),
              itemStyle: { color: GOLD },
              tooltip: {
                valueFormatter: (v: number | null) => (v === null ? '–' : formatPercent(v)),
              },
            },
          ]
        : []),
    ],
  };
}

/** The funnel as bars from the first step (top) to the last, each with its share of the first. */
export function funnelOption(steps: FunnelStep[]): ChartOption {
  const first = steps[0]?.sessions ?? 0;
  const ordered = [...steps].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((s) => s.step) },
    series: [
      {
        name: 'Sessions',
        type: 'bar',
        data: ordered.map((s) => s.sessions),
        itemStyle: { color: BLUE },
        label: {
          show: true,
          position: 'right',
          textBorderWidth: 0,
          formatter: (p: { value: number }) =>
            `${formatCount(p.value)} · ${formatPercent(first ? p.value / first : 0)}`,
        },
      },
    ],
  };
}

/** Cart abandonment and purchase rate per month, 0–100 %. */
export function funnelMonthsOption(months: FunnelMonth[]): ChartOption {
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(v));
  return {
    tooltip: { trigger: 'axis', valueFormatter: pct },
    legend: { data: ['Cart abandonment', 'Purchase rate'], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => formatPercent(v, 0) },
    },
    series: [
      {
        name: 'Cart abandonment',
        type: 'line',
        data: months.map((m) => m.abandonment),
        itemStyle: { color: RED },
      },
      {
        name: 'Purchase rate',
        type: 'line',
        data: months.map((m) => m.purchaseRate),
        itemStyle: { color: ACCENT },
      },
    ],
  };
}

/** People per loyalty tier (bars) and revenue per person (line, right axis). */
export function loyaltyOption(rows: TierRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: ['People', 'Revenue per person'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.tier) },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel: { formatter: formatCount } },
      { type: 'value', splitLine: { show: false }, axisLabel: { formatter: money } },
    ],
    series: [
      {
        name: 'People',
        type: 'bar',
        data: rows.map((r) => r.persons),
        itemStyle: { color: GOLD },
        label: {
          show: true,
          position: 'top',
          textBorderWidth: 0,
          formatter: (p: { value: number }) => formatCount(p.value),
        },
      },
      {
        name: 'Revenue per person',
        type: 'line',
        yAxisIndex: 1,
        data: rows.map((r) => r.revenuePerPerson),
        itemStyle: { color: ACCENT },
        tooltip: { valueFormatter: (v: number | null) => (v === null ? '–' : formatMoney(v)) },
      },
    ],
  };
}
