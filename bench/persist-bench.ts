/**
 * Warm reload from OPFS vs the cold path, and the bytes each visit moves over the network.
 *
 *   npx vite build --outDir /tmp/dist && npx tsx bench/persist-bench.ts --dist /tmp/dist [--orders 100000]
 *
 * Cold: a fresh profile opens the Overview with the demo recipe: generate + load + build + render.
 * Warm: the same profile reloads: the database is restored from OPFS and the Overview renders.
 * "Rendered" = the KPI cards show values and no chart card shows its skeleton; times are the
 * page's own `performance.now()` (ms since the navigation started). Bytes are counted by the
 * server below, so the service worker's precache downloads are included. Memory is the peak
 * resident size of the browser's processes (this script's descendants; Linux `ps`).
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from '../scripts/lib/static-server.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    orders: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    reloads: { type: 'string', default: '3' },
  },
});
const root = path.resolve(values.dist);
const orders = Number(values.orders);
const runs = Number(values.runs);
/** Warm reloads after each cold visit. */
const reloads = Number(values.reloads);

// The app's own static server, so caching is what `npm start` and public/_headers give: hashed
// assets are kept by the HTTP cache, and the service worker's precache does not fetch them again.
let bytes = 0;
const server = await startStaticServer({ root, onSent: (_path, sent) => (bytes += sent) });
const base = server.url;

/** Peak resident memory of this script's descendant processes (the browser), sampled every 500 ms. */
function memorySampler() {
  let peakTotal = 0;
  let peakProcess = 0;
  const sample = () => {
    let table: string;
    try {
      table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
    } catch {
      return;
    }
    const children = new Map<number, Array<{ pid: number; rss: number }>>();
    for (const line of table.trim().split('\n')) {
      const [pid, ppid, rss] = line.trim().split(/\s+/).map(Number) as [number, number, number];
      children.set(ppid, [...(children.get(ppid) ?? []), { pid, rss }]);
    }
    let total = 0;
    const queue = [process.pid];
    while (queue.length) {
      for (const child of children.get(queue.pop()!) ?? []) {
        total += child.rss * 1024;
        peakProcess = Math.max(peakProcess, child.rss * 1024);
        queue.push(child.pid);
      }
    }
    peakTotal = Math.max(peakTotal, total);
  };
  const timer = setInterval(sample, 500);
  return {
    /** The peaks since the last call, then starts again. */
    take() {
      sample();
      const peaks = { total: peakTotal, process: peakProcess };
      peakTotal = peakProcess = 0;
      return peaks;
    },
    stop: () => clearInterval(timer),
  };
}

/**
 * When the Overview has drawn its KPIs and charts: from the view cache or from DuckDB (`live`:
 * the results came from the database opened in this visit).
 */
async function rendered(page: Page, live = false): Promise<number> {
  await page.waitForFunction(
    (liveOnly) => {
      const source = liveOnly ? '.page-kpis[data-source="live"] ' : '';
      const kpis = [...document.querySelectorAll(`${source}[data-testid="kpi"] .value`)];
      const panels = document.querySelectorAll('[data-testid="chart-panel"]');
      return (
        kpis.some((k) => k.textContent !== '–') &&
        panels.length > 0 &&
        document.querySelectorAll('[data-testid="chart-panel"] .skeleton').length === 0
      );
    },
    live,
    { timeout: 900_000, polling: 50 },
  );
  return page.evaluate(() => performance.now());
}

/** How long the engine took to open the database (instantiate DuckDB, open the OPFS file, prepare). */
const engineStartup = (page: Page) =>
  page.evaluate(async () => {
    const info = await globalThis.lakehouse.engine.init();
    return { ms: info.startupMs, steps: info.startupSteps };
  });

/**
 * Records (page time, ms) when the header first shows the engine ready and a KPI first shows a
 * value. A string, not a function: tsx would put its `__name` helper into a function's source.
 */
const MARK_MILESTONES = `
  const marks = {};
  globalThis.benchMarks = marks;
  (function probe() {
    const status = document.querySelector('[data-testid="engine-status"]')?.textContent ?? '';
    if (marks.engine === undefined && status.includes('DuckDB v')) marks.engine = performance.now();
    const kpis = [...document.querySelectorAll('[data-testid="kpi"] .value')];
    if (marks.kpi === undefined && kpis.some((k) => k.textContent !== '–')) marks.kpi = performance.now();
    if (marks.engine === undefined || marks.kpi === undefined) setTimeout(probe, 20);
  })();
`;
const milestones = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { benchMarks: Record<string, number> }).benchMarks);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const cold: number[] = [];
const warm: number[] = [];
const warmLive: number[] = [];
const warmStartup: number[] = [];
const warmSteps: Array<Record<string, number>> = [];
const warmEngineShown: number[] = [];
const warmKpi: number[] = [];
let firstVisitBytes = 0;
let warmVisitBytes = 0;
const memory = memorySampler();
const peaks = { cold: 0, warm: 0, process: 0 };
const keepPeak = (phase: 'cold' | 'warm') => {
  const { total, process } = memory.take();
  peaks[phase] = Math.max(peaks[phase], total);
  peaks.process = Math.max(peaks.process, process);
};

for (let run = 0; run < runs; run++) {
  const profile = await mkdtemp(path.join(tmpdir(), 'lakehouse-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    await context.addInitScript({ content: MARK_MILESTONES });
    const page = context.pages()[0] ?? (await context.newPage());
    const crashed = new Promise<never>((_, reject) =>
      page.on('crash', () => {
        const { total, process } = memory.take();
        reject(
          new Error(`The page crashed (browser ${mb(total)}, largest process ${mb(process)}).`),
        );
      }),
    );
    crashed.catch(() => undefined);
    memory.take();
    bytes = 0;
    await page.goto(`${base}?orders=${orders}&seed=42`);
    cold.push(await Promise.race([rendered(page), crashed]));
    keepPeak('cold');
    // The first visit also fills the service worker's precache: wait for it before counting.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    if (run === 0) firstVisitBytes = bytes;
    for (let reload = 0; reload < reloads; reload++) {
      bytes = 0;
      await page.reload();
      warm.push(await Promise.race([rendered(page), crashed]));
      warmLive.push(await Promise.race([rendered(page, true), crashed]));
      const startup = await engineStartup(page);
      warmStartup.push(startup.ms);
      warmSteps.push(startup.steps);
      process.stdout.write(
        `  reload ${reload + 1}: ${Math.round(warm[warm.length - 1]!)} ms, live ${Math.round(warmLive[warmLive.length - 1]!)} ms, engine ${Math.round(startup.ms)} ms ${JSON.stringify(startup.steps)}\n`,
      );
      const marks = await milestones(page);
      warmEngineShown.push(marks.engine ?? NaN);
      warmKpi.push(marks.kpi ?? NaN);
      keepPeak('warm');
      if (run === 0 && reload === 0) warmVisitBytes = bytes;
      const restored = await page.getByTestId('restored-banner').textContent();
      if (!restored?.includes('(OPFS)')) throw new Error(`Not restored from OPFS: ${restored}`);
    }
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  }
  const warmRun = warm.slice(-reloads).map(Math.round).join(', ');
  process.stdout.write(`run ${run + 1}: cold ${Math.round(cold[run]!)} ms, warm ${warmRun} ms\n`);
}
memory.stop();
await server.close();

process.stdout.write(
  [
    '',
    `${orders.toLocaleString('en-US')} demo orders, ${runs} cold visits, ${runs * reloads} warm reloads (median):`,
    `  cold (generate + load + build + render): ${Math.round(median(cold))} ms`,
    `  warm reload restored from OPFS → first dashboard (from the view cache): ${Math.round(median(warm))} ms`,
    `  warm reload → dashboard from the database opened in OPFS: ${Math.round(median(warmLive))} ms`,
    `    engine opening the database (DuckDB start + OPFS open): ${Math.round(median(warmStartup))} ms`,
    `      of which: ${Object.keys(warmSteps[0] ?? {})
      .map((k) => `${k} ${Math.round(median(warmSteps.map((s) => s[k] ?? NaN)))} ms`)
      .join(', ')}`,
    `    engine ready shown at ${Math.round(median(warmEngineShown))} ms, first KPI value at ` +
      `${Math.round(median(warmKpi))} ms`,
    `  bytes, first visit (page + precache): ${mb(firstVisitBytes)}`,
    `  bytes, warm visit: ${mb(warmVisitBytes)} (${warmVisitBytes} B)`,
    `  peak browser memory (all processes): cold ${mb(peaks.cold)}, warm ${mb(peaks.warm)}; ` +
      `largest process ${mb(peaks.process)}`,
    '',
  ].join('\n'),
);
