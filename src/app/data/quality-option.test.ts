import { describe, expect, it } from 'vitest';
import { qualityOption } from './quality-option.ts';

describe('qualityOption', () => {
  it('puts one category per build with its score and failing tests', () => {
    const option = qualityOption([
      { finishedAt: '2026-11-23 10:01:02', score: 100, failed: 0 },
      { finishedAt: '2026-11-23 10:05:09', score: 97.5, failed: 3 },
    ]) as {
      xAxis: { data: string[] };
      series: { data: (number | null)[] }[];
    };
    expect(option.xAxis.data).toEqual(['11-23 10:01', '11-23 10:05']);
    expect(option.series[0]?.data).toEqual([100, 97.5]);
    expect(option.series[1]?.data).toEqual([0, 3]);
  });
});
