import type { ChartOption } from '../charts/echarts.ts';
import { formatCount, formatMoney } from '../format.ts';
import type { BandRow } from '../sales/sales-options.ts';
import type { PriceSweep } from './pricing-sweep.ts';

export interface PricePoint {
  productId: string;
  category: string;
  price: number;
  rating: number;
}

export interface Fit {
  products: number;
  correlation: number | null;
  slope: number | null;
  intercept: number | null;
  minPrice: number | null;
  maxPrice: number | null;
}

/** Pearson's correlation coefficient of two equal-length samples; null when undefined. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n !== ys.length) throw new RangeError('samples differ in length');
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** How strong a correlation is, in words (|r| < 0.1 negligible, < 0.3 weak, < 0.5 moderate). */
export function describeCorrelation(r: number | null): string {
  if (r === null) return 'undefined (too few products, or no spread in price or rating)';
  const a = Math.abs(r);
  const strength =
    a < 0.1
      ? 'negligible'
      : a < 0.3
        ? 'weak'
        : a < 0.5
          ? 'moderate'
          : a < 0.7
            ? 'strong'
            : 'very strong';
  if (strength === 'negligible') return 'negligible: price says almost nothing about rating';
  return `${strength} ${r > 0 ? 'positive: dearer products are rated higher' : 'negative: dearer products are rated lower'}`;
}

/** The coefficient in words and the least-squares line, per R$100 of price, for the panel. */
export function fitSummary(fit: Fit): string {
  const words = describeCorrelation(fit.correlation);
  const out = [`${words[0]?.toUpperCase()}${words.slice(1)}.`];
  if (fit.slope !== null && fit.intercept !== null) {
    const per100 = fit.slope * 100;
    out.push(
      `Least-squares line: rating = ${fit.intercept.toFixed(2)} ${per100 < 0 ? '−' : '+'} ` +
        `${Math.abs(per100).toFixed(3)} per R$100 of price.`,
    );
  }
  out.push('Pearson r over the raw prices; the axis is logarithmic to spread them.');
  return out.join(' ');
}

/**
 * The least-squares line rating = slope × price + intercept, sampled at `steps` prices spaced evenly
 * on a log scale over the price range, so it draws true on the scatter's log price axis.
 */
export function trendLine(fit: Fit, steps = 40): [number, number][] {
  const { slope, intercept, minPrice: lo, maxPrice: hi } = fit;
  if (slope === null || intercept === null || lo === null || hi === null || !(lo > 0)) return [];
  if (hi <= lo) return [[lo, slope * lo + intercept]];
  return Array.from({ length: steps }, (_, i) => {
    const x = lo * Math.pow(hi / lo, i / (steps - 1));
    return [x, slope * x + intercept];
  });
}

/**
 * Price (log axis: prices are skewed) against rating, one point per product, with the
 * least-squares line of rating on price.
 */
export function scatterOption(points: PricePoint[], fit: Fit): ChartOption {
  const line = trendLine(fit);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: [number, number]; dataIndex: number }) =>
        p.seriesName === 'Products'
          ? `${points[p.dataIndex]?.category ?? ''}<br>${formatMoney(p.value[0])} · rating ${p.value[1].toFixed(2)}`
          : `Trend: rating ${p.value[1].toFixed(2)} at ${formatMoney(p.value[0])}`,
    },
    legend: { data: ['Products', 'Least-squares line'], top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'log',
      name: 'Price (BRL, log scale)',
      nameLocation: 'middle',
      nameGap: 24,
      // The app's chart themes style value and category axes only (src/app/charts/echarts.ts).
      splitLine: { show: false },
      axisLabel: { formatter: (v: number) => formatMoney(v, true) },
    },
    yAxis: { type: 'value', min: 1, max: 5 },
    series: [
      {
        name: 'Products',
        type: 'scatter',
        symbolSize: 4,
        large: points.length > 2000,
        data: points.map((p) => [p.price, p.rating]),
        itemStyle: { opacity: 0.6 },
      },
      {
        name: 'Least-squares line',
        type: 'line',
        data: line,
        symbol: 'none',
        lineStyle: { width: 2, color: '#d2694a' },
        itemStyle: { color: '#d2694a' },
      },
    ],
  };
}

/** Discount impact: units per listed product against undiscounted (bars, %), revenue per product (line). */
export function upliftOption(bands: BandRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Units uplift vs 0 %', 'Revenue per listed product'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: bands.map((b) => b.band) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, true) } },
    ],
    series: [
      {
        name: 'Units uplift vs 0 %',
        type: 'bar',
        data: bands.map((b) => (b.uplift === null ? null : Number((b.uplift * 100).toFixed(1)))),
        tooltip: { valueFormatter: (v: number | null) => (v === null ? '–' : `${v}%`) },
      },
      {
        name: 'Revenue per listed product',
        type: 'line',
        yAxisIndex: 1,
        data: bands.map((b) => b.revenuePerProduct),
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
      },
    ],
  };
}

// Marker labels in the line's colour, without the white halo that glares on the dark theme.
const MARK_LABEL = { color: 'inherit', textBorderWidth: 0 };

/** Predicted units and revenue across paid prices, the revenue-maximising and current prices marked. */
export function sweepOption(sweep: PriceSweep): ChartOption {
  const marks = [
    {
      xAxis: sweep.best.price,
      label: {
        formatter: `best ${formatMoney(sweep.best.price)}`,
        position: 'insideEndTop',
        ...MARK_LABEL,
      },
    },
    ...(sweep.current.price !== sweep.best.price
      ? [
          {
            xAxis: sweep.current.price,
            label: {
              formatter: `now ${formatMoney(sweep.current.price)}`,
              position: 'insideEndTop',
              ...MARK_LABEL,
            },
            lineStyle: { type: 'dotted' },
          },
        ]
      : []),
  ];
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Predicted units', 'Predicted revenue'], top: 0 },
    grid: { left: 8, right: 8, top: 48, bottom: 24, containLabel: true },
    xAxis: {
      type: 'value',
      name: 'Paid price (BRL)',
      nameLocation: 'middle',
      nameGap: 24,
      min: 'dataMin',
      max: 'dataMax',
      axisLabel: { formatter: (v: number) => formatMoney(v, true) },
    },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) } },
      { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v, true) } },
    ],
    series: [
      {
        name: 'Predicted units',
        type: 'line',
        showSymbol: false,
        data: sweep.points.map((p) => [p.price, Number(p.units.toFixed(3))]),
        tooltip: { valueFormatter: (v: number) => v.toFixed(2) },
      },
      {
        name: 'Predicted revenue',
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        data: sweep.points.map((p) => [p.price, Number(p.revenue.toFixed(2))]),
        tooltip: { valueFormatter: (v: number) => formatMoney(v) },
        markLine: { symbol: 'none', data: marks },
      },
    ],
  } as ChartOption;
}
