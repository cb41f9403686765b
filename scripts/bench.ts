import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { openNativeDriver } from '../src/engine/duck/native.ts';
import { browserTarget } from '../bench/browser-target.ts';
import { writeEventsCsv } from '../bench/data.ts';
import { renderMarkdown, type BenchReport, type ScenarioResult } from '../bench/report.ts';
import { EVENTS_FILE, scenarios } from '../bench/scenarios.ts';
import { stats } from '../bench/stats.ts';
import { browserPipeline, nativePipeline, type PipelineTimes } from '../bench/pipeline-bench.ts';
import { startStaticServer } from './lib/static-server.ts';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rows: { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
    'pipeline-orders': { type: 'string' },
    'pipeline-runs': { type: 'string' },
  },
});

const rows = Number(values.rows ?? (values.smoke ? 10_000 : 1_000_000));
const runs = Number(values.runs ?? (values.smoke ? 1 : 5));
const users = Math.max(100, Math.round(rows / 10));
const outDir = values.out ?? 'bench';
const pipelineOrders = Number(values['pipeline-orders'] ?? (values.smoke ? 1_000 : 100_000));
const pipelineRuns = Number(values['pipeline-runs'] ?? (values.smoke ? 1 : 3));

const dataDir = await mkdtemp(path.join(tmpdir(), 'lakehouse-bench-'));
const csvPath = path.join(dataDir, EVENTS_FILE);
console.log(`Generating ${rows.toLocaleString('en-US')} rows of events…`);
await writeEventsCsv(csvPath, rows, users);
const csvBytes = await readFile(csvPath);

const server = await startStaticServer({ root: 'dist', mounts: { '/bench-data/': dataDir } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
// In memory and without the demo: the bench times SQL, not storage, and nothing else may run meanwhile.
await page.goto(`${server.url}?storage=memory&demo=0`);
const wasm = browserTarget(page);
const native = await openNativeDriver({ threads: 1 });

async function repeat(measure: () => Promise<number>): Promise<number[]> {
  await measure(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  return times;
}

const results: ScenarioResult[] = [];
let modelBreakdown: { model: string; browser: number; native: number }[] | undefined;
let pipelineRowsPerSecond: { browser: number; native: number } | undefined;
try {
  // Engine start-up: the page's worker instantiates wasm and opens the database; native opens a database.
  const browserStartup: number[] = [];
  for (let i = 0; i <= runs; i++) {
    await page.reload();
    const ms = await wasm.startupMs();
    if (i > 0) browserStartup.push(ms);
  }
  const nativeStartup = await repeat(async () => {
    const started = performance.now();
    const d = await openNativeDriver({ threads: 1 });
    const ms = performance.now() - started;
    await d.close();
    return ms;
  });
  results.push({
    name: 'engine_startup',
    description: 'Engine start-up (wasm: fetch + instantiate + open)',
    browser: stats(browserStartup),
    native: stats(nativeStartup),
  });

  await wasm.registerFromUrl(`${server.url}bench-data/${EVENTS_FILE}`, EVENTS_FILE);
  await native.registerBuffer(EVENTS_FILE, csvBytes);
  for (const scenario of scenarios(users)) {
    await scenario.setup?.(wasm);
    await scenario.setup?.(native);
    const browserTimes = await repeat(() => wasm.timed(scenario.sql));
    const nativeTimes = await repeat(async () => {
      const started = performance.now();
      await native.exec(scenario.sql);
      return performance.now() - started;
    });
    const [a, b] = [await wasm.rows(scenario.check), await native.rows(scenario.check)];
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new Error(
        `${scenario.name}: engines disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
      );
    }
    results.push({
      name: scenario.name,
      description: scenario.description,
      browser: stats(browserTimes),
      native: stats(nativeTimes),
      check: a,
    });
    console.log(
      `${scenario.name}: browser ${results.at(-1)!.browser.median.toFixed(0)} ms, native ${results.at(-1)!.native.median.toFixed(0)} ms`,
    );
  }

  // The demo data set through the whole medallion pipeline: generate + load, then build + tests.
  const recipe = { seed: 42, orders: pipelineOrders, scenario: 'normal_day' as const };
  const sqlDir = path.resolve(import.meta.dirname, '../src/sql');
  const browserRuns: PipelineTimes[] = [];
  const nativeRuns: PipelineTimes[] = [];
  for (let i = 0; i <= pipelineRuns; i++) {
    const b = await browserPipeline(page, recipe);
    const n = await nativePipeline(recipe, sqlDir);
    if (i > 0) {
      browserRuns.push(b);
      nativeRuns.push(n);
    }
    console.log(
      `pipeline ${pipelineOrders} orders: browser load ${b.loadMs.toFixed(0)} + build ${b.buildMs.toFixed(0)} ms; native load ${n.loadMs.toFixed(0)} + build ${n.buildMs.toFixed(0)} ms`,
    );
  }
  const label = `${pipelineOrders.toLocaleString('en-US')} demo orders`;
  const rowsTotal = browserRuns[0]?.rows ?? 0;
  results.push(
    {
      name: 'demo_generate_and_load',
      description: `Generate + load ${label} (${rowsTotal.toLocaleString('en-US')} rows) into bronze`,
      browser: stats(browserRuns.map((r) => r.loadMs)),
      native: stats(nativeRuns.map((r) => r.loadMs)),
    },
    {
      name: 'pipeline_build',
      description: `Build silver + gold + ml and run the data tests on ${label}`,
      browser: stats(browserRuns.map((r) => r.buildMs)),
      native: stats(nativeRuns.map((r) => r.buildMs)),
    },
  );
  modelBreakdown = Object.keys(nativeRuns[0]?.models ?? {}).map((model) => ({
    model,
    browser: stats(browserRuns.map((r) => r.models[model] ?? 0)).median,
    native: stats(nativeRuns.map((r) => r.models[model] ?? 0)).median,
  }));
  pipelineRowsPerSecond = {
    browser: rowsTotal / (stats(browserRuns.map((r) => r.loadMs)).median / 1000),
    native: rowsTotal / (stats(nativeRuns.map((r) => r.loadMs)).median / 1000),
  };
} finally {
  await native.close();
  await browser.close();
  await server.close();
}

const report: BenchReport = {
  date: new Date().toISOString(),
  rows,
  runs,
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: browser.version(),
    wasm: 'duckdb-wasm 1.32.0 (eh bundle, 1 thread)',
    reference: native.description,
  },
  results,
  pipeline: {
    orders: pipelineOrders,
    rowsPerSecond: pipelineRowsPerSecond,
    models: modelBreakdown,
  },
};
await mkdir(outDir, { recursive: true });
await writeFile(path.join(outDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(path.join(outDir, 'RESULTS.md'), renderMarkdown(report));
await rm(dataDir, { recursive: true, force: true });
console.log(renderMarkdown(report));
