/**
 * The replay in the built app (Chromium, real engine worker), driven through the Live page:
 *  - main-thread long tasks (> 50 ms, PerformanceObserver 'longtask') while the page replays;
 *  - micro-batch p50/p95/p99 (operators + the commit that made the batch durable) at 1,000×;
 *  - events/s and commits at "as fast as possible", per storage mode (OPFS: commits go to the WAL,
 *    with a CHECKPOINT every 30 s).
 * Run by `npm run bench:stream` (or alone: `tsx bench/stream-browser.ts --dist dist`).
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from '../scripts/lib/static-server.ts';
import type { Percentiles, StreamSnapshot } from '../src/stream/snapshot.ts';
import './browser-target.ts';

export interface BrowserScenario {
  name: string;
  storage: 'opfs' | 'memory';
  speed: number | 'max';
  /** Wall time to replay (ms); 'max' scenarios run to the end instead. */
  forMs?: number;
  /** Demo orders for this scenario (else the bench's `orders`). */
  orders?: number;
  /**
   * Fast-forward to this event time (ISO date) before measuring: at a paced speed, what a
   * micro-batch costs depends on how many events fall in it, and the demo data start sparse.
   */
  seekTo?: string;
}

export interface BrowserStreamResult extends BrowserScenario {
  search: string;
  wallMs: number;
  events: number;
  microBatches: number;
  commits: number;
  eventsPerSec: number;
  batchMs: Percentiles | null;
  commitMs: Percentiles | null;
  longTasks: { count: number; totalMs: number; maxMs: number };
  chromium: string;
}

/** The Live page's URL for the node bench's settings: 1 h windows, 10 min micro-batches, 10 min lateness, 5 min disorder, 1 % / 1 %. */
export function liveSearch(orders: number, s: BrowserScenario): string {
  const speed = s.speed === 'max' ? 'max' : String(s.speed);
  return `?p=live&storage=${s.storage}&orders=${orders}&seed=3&lv.sp=${speed}&lv.tr=10m&lv.dl=5m`;
}

declare global {
  interface Window {
    longTasks: Array<{ start: number; duration: number }>;
  }
}

function installObserver() {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      window.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function runScenario(
  context: BrowserContext,
  baseUrl: string,
  orders: number,
  s: BrowserScenario,
): Promise<Omit<BrowserStreamResult, 'chromium'>> {
  const page: Page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const search = liveSearch(s.orders ?? orders, s);
  await page.goto(`${baseUrl}${search}`);
  await page
    .getByRole('button', { name: /^(Start|Resume) replay/ })
    .waitFor({ state: 'visible', timeout: 600_000 });
  // Data loaded and built: only the replay runs from here.
  await page.waitForTimeout(2000);
  let t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /^(Start|Resume) replay/ }).click();
  let before = { batches: 0, events: 0 };
  if (s.seekTo) {
    // A seek needs the replay open (its event log built): one sent while it prepares is dropped.
    await page
      .getByTestId('replay-state')
      .filter({ hasText: /^running$/ })
      .waitFor({ timeout: 600_000 });
    const ms = Date.parse(s.seekTo);
    await page.evaluate((at) => globalThis.lakehouse.engine.streamSeek(at), ms);
    await page
      .getByTestId('replay-state')
      .filter({ hasText: /^paused$/ })
      .waitFor({ timeout: 1_800_000 });
    before = await committed(page);
    t0 = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
  }
  if (s.speed === 'max') {
    await page
      .getByTestId('replay-state')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 1_800_000 });
  } else {
    await page.waitForTimeout(s.forMs ?? 60_000);
    await page.getByRole('button', { name: 'Pause' }).click();
  }
  const t1 = await page.evaluate(() => performance.now());
  const snap = (await page.evaluate(() =>
    globalThis.lakehouse.engine.streamStatus(),
  )) as StreamSnapshot;
  const tasks = (await page.evaluate(() => window.longTasks)).filter(
    (t) => t.start >= t0 && t.start <= t1,
  );
  const after = await committed(page);
  await page.close();
  const wallMs = t1 - t0;
  const events = after.events - before.events;
  return {
    ...s,
    search,
    wallMs: Math.round(wallMs),
    events,
    microBatches: after.batches - before.batches,
    commits: snap.commits,
    eventsPerSec: events / (wallMs / 1000),
    batchMs: snap.batchMs,
    commitMs: snap.commitMs,
    longTasks: {
      count: tasks.length,
      totalMs: Math.round(tasks.reduce((n, t) => n + t.duration, 0)),
      maxMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    },
  };
}

const committed = async (page: Page) => {
  const [row] = await page.evaluate(() =>
    globalThis.lakehouse.engine.rows(
      'SELECT count(*)::INTEGER AS n, sum(events)::BIGINT AS events FROM stream.batches',
    ),
  );
  return { batches: Number(row?.n ?? 0), events: Number(row?.events ?? 0) };
};

/** Each scenario on a fresh profile (a persistent context, so OPFS behaves as in a browser). */
export async function browserStreamBench(options: {
  dist: string;
  orders: number;
  scenarios: BrowserScenario[];
}): Promise<BrowserStreamResult[]> {
  const server = await startStaticServer({ root: options.dist });
  const results: BrowserStreamResult[] = [];
  try {
    for (const s of options.scenarios) {
      const profile = await mkdtemp(path.join(tmpdir(), 'lakehouse-stream-bench-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
        headless: true,
      });
      try {
        await context.addInitScript(installObserver);
        const version = context.browser()?.version() ?? (await chromiumVersion(context));
        const r = await runScenario(context, server.url, options.orders, s);
        results.push({ ...r, chromium: version });
        process.stdout.write(`${JSON.stringify(results[results.length - 1])}\n`);
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true, maxRetries: 5 });
      }
    }
  } finally {
    await server.close();
  }
  return results;
}

async function chromiumVersion(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  const ua = await page.evaluate(() => navigator.userAgent);
  await page.close();
  return /Chrome\/([\d.]+)/.exec(ua)?.[1] ?? 'unknown';
}
