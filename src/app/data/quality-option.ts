import type { ChartOption } from '../charts/echarts.ts';

export interface QualityPoint {
  finishedAt: string;
  score: number | null;
  failed: number;
}

/** Quality score per build (line) and failing tests per build (bars), oldest first. */
export function qualityOption(points: QualityPoint[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['Quality score (%)', 'Failing tests'], top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: points.map((p) => p.finishedAt.slice(5, 16)) },
    yAxis: [
      { type: 'value', min: 0, max: 100, name: '%' },
      { type: 'value', minInterval: 1, name: 'tests' },
    ],
    series: [
      {
        name: 'Quality score (%)',
        type: 'line',
        data: points.map((p) => p.score),
        symbolSize: 8,
      },
      {
        name: 'Failing tests',
        type: 'bar',
        yAxisIndex: 1,
        data: points.map((p) => p.failed),
        itemStyle: { color: '#d93025' },
        barMaxWidth: 24,
      },
    ],
  };
}
