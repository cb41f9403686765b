/**
 * Warm reload from OPFS vs the cold path, and the bytes each visit moves over the network.
 *
 *   npx vite build --outDir /tmp/dist && npx tsx bench/persist-bench.ts --dist /tmp/dist [--orders 100000]
 *
 * Cold: a fresh profile opens the Overview with the demo recipe: generate + load + build + render.
 * Warm: the same profile reloads: the database is restored from OPFS and the Overview renders.
 * "Rendered" = the KPI cards show values and no chart card shows its skeleton; times are the
 * page's own `performance.now()` (ms since the navigation started). Bytes are counted by the
 * server below, so the service worker's precache downloads are included.
 */
import { chromium, type Page } from '@playwright/test';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS } from '../playwright.config.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    orders: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
  },
});
const root = path.resolve(values.dist);
const orders = Number(values.orders);
const runs = Number(values.runs);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

let bytes = 0;
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) return void res.writeHead(403).end();
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    const info = await stat(file);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
    });
    bytes += info.size;
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

async function rendered(page: Page): Promise<number> {
  await page.waitForFunction(
    () => {
      const kpis = [...document.querySelectorAll('[data-testid="kpi"] .value')];
      const panels = document.querySelectorAll('[data-testid="chart-panel"]');
      return (
        kpis.some((k) => k.textContent !== '–') &&
        panels.length > 0 &&
        document.querySelectorAll('[data-testid="chart-panel"] .skeleton').length === 0
      );
    },
    undefined,
    { timeout: 900_000, polling: 50 },
  );
  return page.evaluate(() => performance.now());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cold: number[] = [];
const warm: number[] = [];
let firstVisitBytes = 0;
let warmVisitBytes = 0;

for (let run = 0; run < runs; run++) {
  const profile = await mkdtemp(path.join(tmpdir(), 'lakehouse-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    bytes = 0;
    await page.goto(`${base}?orders=${orders}&seed=42`);
    cold.push(await rendered(page));
    // The first visit also fills the service worker's precache: wait for it before counting.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    if (run === 0) firstVisitBytes = bytes;
    bytes = 0;
    await page.reload();
    warm.push(await rendered(page));
    if (run === 0) warmVisitBytes = bytes;
    const restored = await page.getByTestId('restored-banner').textContent();
    if (!restored?.includes('(OPFS)')) throw new Error(`Not restored from OPFS: ${restored}`);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true, maxRetries: 5 });
  }
  console.log(
    `run ${run + 1}: cold ${Math.round(cold[run]!)} ms, warm ${Math.round(warm[run]!)} ms`,
  );
}
server.close();

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
console.log(`\n${orders.toLocaleString('en-US')} demo orders, ${runs} runs (median):`);
console.log(`  cold (generate + load + build + render): ${Math.round(median(cold))} ms`);
console.log(`  warm reload restored from OPFS → first dashboard: ${Math.round(median(warm))} ms`);
console.log(`  bytes, first visit (page + precache): ${mb(firstVisitBytes)}`);
console.log(`  bytes, warm visit: ${mb(warmVisitBytes)} (${warmVisitBytes} B)`);
