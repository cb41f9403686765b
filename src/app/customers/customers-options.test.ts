import { describe, expect, it } from 'vitest';
import {
  budgetOption,
  categoryScoreOption,
  cohortOption,
  rfmOption,
  scoreOption,
  toCsv,
  type SegmentRow,
} from './customers-options.ts';

type Series = { type: string; data: unknown[] };

const segment = (name: string, budget: number): SegmentRow => ({
  segment: name,
  customers: 1,
  revenue: 0,
  avgValue: null,
  avgClv: null,
  totalClv: budget * 10,
  budget,
  budgetPerCustomer: budget,
});

describe('customers option builders', () => {
  it('RFM: frequency on x, recency on y (0-based cells), the chosen metric as the value', () => {
    const cells = [
      { recency: 5, frequency: 1, customers: 10, revenue: 900 },
      { recency: 1, frequency: 2, customers: 3, revenue: 450 },
    ];
    const byCount = rfmOption(cells, 'customers') as {
      series: Series[];
      visualMap: { max: number };
    };
    expect(byCount.series[0]!.data).toEqual([
      [0, 4, 10],
      [1, 0, 3],
    ]);
    expect(byCount.visualMap.max).toBe(10);
    const byRevenue = rfmOption(cells, 'revenue') as { series: Series[] };
    expect(byRevenue.series[0]!.data).toEqual([
      [0, 4, 900],
      [1, 0, 450],
    ]);
  });

  it('budget: segments with a budget, each with its share in the legend', () => {
    const option = budgetOption([
      segment('Champions', 75),
      segment('Lost', 25),
      segment('Others', 0),
    ]) as {
      series: { data: { name: string; value: number }[] }[];
      legend: { formatter: (n: string) => string };
    };
    expect(option.series[0]!.data).toEqual([
      { name: 'Champions', value: 75 },
      { name: 'Lost', value: 25 },
    ]);
    expect(option.legend.formatter('Champions')).toBe('Champions  75.0%');
  });

  it('cohorts: newest cohort at the bottom row index 0, month offsets as columns', () => {
    const option = cohortOption([
      { cohort: '2018-01', offset: 0, size: 10, retention: 100 },
      { cohort: '2018-01', offset: 1, size: 10, retention: 20 },
      { cohort: '2018-02', offset: 0, size: 5, retention: 100 },
    ]) as {
      yAxis: { data: string[] };
      xAxis: { data: string[] };
      series: Series[];
      visualMap: { max: number };
    };
    expect(option.yAxis.data).toEqual(['2018-02', '2018-01']);
    expect(option.xAxis.data).toEqual(['0', '1']);
    expect(option.series[0]!.data).toEqual([
      [0, 1, 100],
      [1, 1, 20],
      [0, 0, 100],
    ]);
    // Colours scale to the later months, not to month 0's 100 %.
    expect(option.visualMap.max).toBe(20);
  });

  it('scores: five bars, zero where a score has no review', () => {
    const option = scoreOption([
      { label: '1', value: 4 },
      { label: '5', value: 9 },
    ]) as { series: { data: { value: number }[] }[] };
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([4, 0, 0, 0, 9]);
  });

  it('category scores: most reviewed on top', () => {
    const option = categoryScoreOption([
      { label: 'toys', value: 4.2, reviews: 30 },
      { label: 'books', value: 3.9, reviews: 10 },
    ]) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['books', 'toys']);
    expect(option.series[0]!.data).toEqual([3.9, 4.2]);
  });

  it('CSV: header, CRLF lines, quoted fields with commas and quotes, empty for null', () => {
    const csv = toCsv(
      ['id', 'action', 'value'],
      [
        { id: 'a1', action: 'Win-back campaign, special discount', value: 250.5 },
        { id: 'b"2', action: null, value: 0 },
      ],
    );
    expect(csv).toBe(
      'id,action,value\r\na1,"Win-back campaign, special discount",250.5\r\n"b""2",,0\r\n',
    );
  });
});
