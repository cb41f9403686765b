import type { PlainRow } from '../src/engine/arrow-rows.ts';
import type { Stats } from './stats.ts';

export interface ScenarioResult {
  name: string;
  description: string;
  browser: Stats;
  native: Stats;
  check?: PlainRow[];
}

export interface BenchReport {
  date: string;
  rows: number;
  runs: number;
  machine: Record<string, string | number>;
  results: ScenarioResult[];
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));

export function renderMarkdown(report: BenchReport): string {
  const lines = [
    `# Benchmark results`,
    '',
    `${report.rows.toLocaleString('en-US')} generated rows; each scenario ${report.runs} times after one warm-up; times in ms (median, min–max).`,
    `Ratio = browser median / native median (native DuckDB, 1 thread, same SQL, same run).`,
    '',
    '| scenario | browser (duckdb-wasm) | native DuckDB | ratio |',
    '|---|---|---|---|',
    ...report.results.map(
      (r) =>
        `| ${r.description} | ${ms(r.browser.median)} (${ms(r.browser.min)}–${ms(r.browser.max)}) | ${ms(r.native.median)} (${ms(r.native.min)}–${ms(r.native.max)}) | ${(r.browser.median / r.native.median).toFixed(2)}× |`,
    ),
    '',
    `Machine: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}. Run on ${report.date.slice(0, 10)}.`,
    '',
  ];
  return lines.join('\n');
}
