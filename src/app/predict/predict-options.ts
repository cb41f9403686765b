import type { ChartOption } from '../charts/echarts.ts';
import type { SweepResult } from '../../ml/sweep.ts';

/** Predicted units and revenue over the discount sweep for one list price, best discount marked. */
export function sweepOption(result: SweepResult, priceIndex: number): ChartOption {
  const units = result.units[priceIndex] ?? [];
  const revenue = result.revenue[priceIndex] ?? [];
  const best = result.best[priceIndex];
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Predicted units', 'Predicted revenue'] },
    xAxis: { type: 'category', name: 'Discount %', data: result.discounts.map(String) },
    yAxis: [
      { type: 'value', name: 'Units' },
      { type: 'value', name: 'Revenue' },
    ],
    series: [
      { name: 'Predicted units', type: 'line', data: units.map((u) => Number(u.toFixed(3))) },
      {
        name: 'Predicted revenue',
        type: 'line',
        yAxisIndex: 1,
        data: revenue.map((r) => Number(r.toFixed(2))),
        // MarkLine is the marker component the app registers (src/app/charts/echarts.ts).
        markLine: best
          ? {
              symbol: 'none',
              label: { formatter: `revenue-maximising: ${best.discount}%` },
              data: [{ xAxis: String(best.discount) }],
            }
          : undefined,
      },
    ],
  } as ChartOption;
}

/** Predicted against actual units per product (log axes would hide the many zeros: log1p scale). */
export function scatterOption(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ChartOption {
  const points: [number, number][] = [];
  let max = 1;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const p = predicted[i] as number;
    points.push([a, Number(p.toFixed(3))]);
    max = Math.max(max, a, p);
  }
  return {
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: 'Actual units', max: Math.ceil(max) },
    yAxis: { type: 'value', name: 'Predicted units', max: Math.ceil(max) },
    series: [
      { type: 'scatter', symbolSize: 3, data: points, large: true },
      {
        type: 'line',
        data: [
          [0, 0],
          [Math.ceil(max), Math.ceil(max)],
        ],
        symbol: 'none',
        lineStyle: { type: 'dashed' },
      },
    ],
  } as ChartOption;
}
