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
  pipeline?: {
    orders: number;
    rowsPerSecond: { browser: number; native: number };
    models: { model: string; browser: number; native: number }[];
  };
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
    ...pipelineLines(report),
    '',
    `Machine: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}. Run on ${report.date.slice(0, 10)}.`,
    '',
  ];
  return lines.join('\n');
}

function pipelineLines(report: BenchReport): string[] {
  const p = report.pipeline;
  if (!p || !p.models.length) return [];
  const slowest = [...p.models].sort((a, b) => b.native - a.native).slice(0, 10);
  const total = (k: 'browser' | 'native') => p.models.reduce((n, m) => n + m[k], 0);
  const rate = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    '',
    `Generate + load throughput at ${p.orders.toLocaleString('en-US')} orders: browser ${rate(p.rowsPerSecond.browser)} rows/s, native ${rate(p.rowsPerSecond.native)} rows/s.`,
    '',
    `Per-model build time (median ms), the ten slowest on native; all models: browser ${ms(total('browser'))}, native ${ms(total('native'))}, ratio ${(total('browser') / total('native')).toFixed(2)}×.`,
    '',
    '| model | browser | native | ratio |',
    '|---|---|---|---|',
    ...slowest.map(
      (m) =>
        `| ${m.model} | ${ms(m.browser)} | ${ms(m.native)} | ${(m.browser / m.native).toFixed(2)}× |`,
    ),
  ];
}
