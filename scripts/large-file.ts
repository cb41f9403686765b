/**
 * Loads one large order-items CSV into the built app in headless Chromium and reports what
 * happened: `npm run large-file -- --gb 1 [--storage memory|opfs] [--dist dist] [--minutes 60]`.
 *
 * Not a test (it takes minutes and gigabytes of disk): it is the check behind the README's large
 * file figures and behind the load ceiling (src/engine/ingest/LIMITS.md). A small sellers file is
 * loaded first, so the run also checks that a load that is refused or fails loses nothing loaded
 * before and leaves the app usable. The big file is written once to the temp directory with a
 * known row count, so the count the app reports is checked against a number worked out here.
 *
 * The outcome is one of: loaded (every row), refused (a clear message naming the file and the
 * Node pipeline), failed (an error shown), crashed (the tab died), stalled (no progress for five
 * minutes), timeout. The exit code is 0 for loaded and for refused with the app still usable.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from './lib/static-server.ts';
import '../bench/browser-target.ts';

const { values } = parseArgs({
  options: {
    gb: { type: 'string', default: '1' },
    dist: { type: 'string', default: 'dist' },
    storage: { type: 'string' },
    minutes: { type: 'string', default: '60' },
  },
});
if (values.storage && !['memory', 'opfs'].includes(values.storage)) {
  console.error('--storage is memory or opfs (default: what the app picks, OPFS in Chromium)');
  process.exit(2);
}
const targetBytes = Math.round(Number(values.gb) * 1e9);
const file = path.join(tmpdir(), `olist_order_items_${values.gb}gb.csv`);
const STALL_MS = 5 * 60_000;

const HEADER =
  'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n';
const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
const line = (i: number) =>
  `${hex(i)}${hex(i * 7)}${hex(i * 13)}${hex(i * 31)},${1 + (i % 3)},` +
  `${hex(i % 5000)}${hex(7)}${hex(11)}${hex(13)},${hex(i % 300)}${hex(1)}${hex(2)}${hex(3)},` +
  `2017-10-0${1 + (i % 9)} 10:56:33,${(i % 50000) / 100},${(i % 3000) / 100}\n`;

// Two sellers loaded before the big file: after a refused or failed load they must still be there.
const SELLERS =
  'seller_id,seller_zip_code_prefix,seller_city,seller_state\n' +
  '3442f8959a84dea7ee197c632cb2df15,13023,campinas,SP\n' +
  'd1b65fc7debc3361ea86b5f14c68d2e2,01310,sao paulo,SP\n';

/** Writes lines until the byte target is reached; returns how many, kept beside the file. */
async function writeFile(): Promise<number> {
  const out = createWriteStream(file);
  out.write(HEADER);
  let bytes = HEADER.length;
  let chunk = '';
  let i = 0;
  for (; bytes < targetBytes; i++) {
    const l = line(i);
    chunk += l;
    bytes += l.length;
    if (chunk.length > 1 << 22) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return i;
}

/** Rows the file holds: counted when it was written, else worked out again from the byte target. */
async function expectedRows(): Promise<number> {
  const sidecar = `${file}.rows`;
  if (existsSync(file) && existsSync(sidecar)) return Number(readFileSync(sidecar, 'utf8'));
  let rows: number;
  if (existsSync(file)) {
    let total = HEADER.length;
    rows = 0;
    while (total < targetBytes) total += line(rows++).length;
  } else {
    console.log(`writing ${file} …`);
    rows = await writeFile();
  }
  writeFileSync(sidecar, String(rows));
  return rows;
}

/** Resident memory of this script's child processes (the browser), in MB: Linux `ps`. */
function browserRssMb(): { total: number; largest: number } | null {
  try {
    const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
    const mine = new Set([process.pid]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [pid, ppid] of table) {
        if (mine.has(ppid) && !mine.has(pid)) {
          mine.add(pid);
          grew = true;
        }
      }
    }
    const rss = table.filter(([pid]) => pid !== process.pid && mine.has(pid)).map((r) => r[2]);
    return {
      total: Math.round(rss.reduce((a, b) => a + b, 0) / 1024),
      largest: Math.round(Math.max(0, ...rss) / 1024),
    };
  } catch {
    return null;
  }
}

/** What DuckDB's buffer manager holds now, in MB; null when it does not answer within 20 s. */
async function duckdbMemoryMb(page: Page): Promise<number | null> {
  const sample = page
    .evaluate(() =>
      // The app exposes its engine for benches and tests (bench/browser-target.ts); this query
      // waits for the load's current piece, then runs on its own connection.
      globalThis.lakehouse.engine.rows(
        'SELECT sum(memory_usage_bytes)::BIGINT AS used FROM duckdb_memory()',
      ),
    )
    .then((rows) => Math.round(Number(rows[0]?.used ?? 0) / 1e6))
    .catch(() => null);
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000));
  return Promise.race([sample, late]);
}

const text = (page: Page, id: string) =>
  page
    .getByTestId(id)
    .first()
    .textContent({ timeout: 5000 })
    .catch(() => null);

/** Runs SQL through the app's engine and returns the first value, the error, or a timeout note. */
async function firstValue(page: Page, sql: string, ms = 180_000): Promise<string> {
  const answer = page
    .evaluate((q) => globalThis.lakehouse.engine.rows(q), sql)
    .then((rows) => String(Object.values(rows[0] ?? {})[0]))
    .catch((e: unknown) => `error: ${e instanceof Error ? e.message : String(e)}`);
  const late = new Promise<string>((resolve) =>
    setTimeout(() => resolve(`no answer in ${ms / 1000} s`), ms),
  );
  return Promise.race([answer, late]);
}

const rows = await expectedRows();
const size = statSync(file).size;
console.log(
  `${file}: ${size.toLocaleString('en-US')} bytes, ${rows.toLocaleString('en-US')} rows expected`,
);

const server = await startStaticServer({ root: values.dist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
let outcome: 'pending' | 'loaded' | 'refused' | 'failed' | 'crashed' | 'stalled' | 'timeout' =
  'pending';
let usable = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  const logWorker = (where: string) => (msg: { type(): string; text(): string }) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      console.log(`${where} ${msg.type()}: ${msg.text().slice(0, 300)}`);
  };
  page.on('console', logWorker('page'));
  page.on('worker', (w) => w.on('console', logWorker('worker')));
  let crashed = false;
  page.on('crash', () => (crashed = true));
  const storage = values.storage ? `&storage=${values.storage}` : '';
  await page.goto(`${server.url}?p=data&demo=0${storage}`);
  await page.getByText('DuckDB v').waitFor({ timeout: 120_000 });
  console.log(
    `database: ${await firstValue(page, "SELECT coalesce((SELECT path FROM duckdb_databases() WHERE database_name = current_database()), 'in memory')")}, ` +
      `memory_limit ${await firstValue(page, "SELECT current_setting('memory_limit')")}`,
  );

  await page.getByTestId('file-input').setInputFiles({
    name: 'olist_sellers_dataset.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(SELLERS),
  });
  await page.getByTestId('load-outcomes').getByText('2 rows').waitFor({ timeout: 120_000 });
  await page.getByTestId('build-summary').waitFor({ timeout: 300_000 });

  await page.getByTestId('file-input').setInputFiles(file);
  const started = performance.now();
  const deadline = started + Number(values.minutes) * 60_000;
  let last = '';
  let lastChange = started;
  let peak = { total: 0, largest: 0 };
  let peakDuck = 0;
  let samples = 0;
  for (;;) {
    await page.waitForTimeout(5000);
    const rss = browserRssMb();
    if (rss)
      peak = {
        total: Math.max(peak.total, rss.total),
        largest: Math.max(peak.largest, rss.largest),
      };
    if (crashed) {
      outcome = 'crashed';
      break;
    }
    if (!(await page.getByTestId('task-progress').count())) break;
    const progress = await text(page, 'task-progress');
    const now = (progress ?? '')
      .replace(/\s+/g, ' ')
      .replace(/^.*?\(file/, '(file')
      .slice(0, 110);
    if (now !== last) {
      const duck = ++samples % 6 === 0 ? await duckdbMemoryMb(page) : null;
      if (duck !== null) peakDuck = Math.max(peakDuck, duck);
      const memory =
        (rss ? ` · browser ${rss.total} MB (largest process ${rss.largest} MB)` : '') +
        (duck === null ? '' : ` · DuckDB ${duck} MB`);
      console.log(`${((performance.now() - started) / 1000).toFixed(0)} s ${now}${memory}`);
      last = now;
      lastChange = performance.now();
    }
    if (performance.now() - lastChange > STALL_MS) {
      outcome = 'stalled';
      break;
    }
    if (performance.now() > deadline) {
      outcome = 'timeout';
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `peak browser memory: ${peak.total} MB, largest process ${peak.largest} MB, ` +
      `DuckDB (sampled every 30 s) ${peakDuck} MB`,
  );
  if (!['crashed', 'stalled', 'timeout'].includes(outcome)) {
    const error = (await page.getByTestId('load-error').count())
      ? await text(page, 'load-error')
      : null;
    const refused = page.getByTestId('load-outcomes').locator('li.refused');
    if (error) {
      outcome = 'failed';
      console.log(`the app said: ${error}`);
    } else if (await refused.count()) {
      outcome = 'refused';
      console.log(`the app said: ${await refused.first().innerText()}`);
    } else {
      const said = (await text(page, 'load-outcomes')) ?? '';
      const loaded = /order_items_[\d.]+gb\.csv → bronze\.olist_order_items: ([\d,]+) rows/.exec(
        said,
      );
      const n = Number(loaded?.[1]?.replaceAll(',', '') ?? NaN);
      console.log(
        `loaded ${n.toLocaleString('en-US')} rows in ${seconds.toFixed(0)} s ` +
          `(${Math.round(n / seconds).toLocaleString('en-US')} rows/s, ` +
          `${(size / 1e6 / seconds).toFixed(1)} MB/s)`,
      );
      outcome = n === rows ? 'loaded' : 'failed';
      if (n !== rows) console.log(`expected ${rows} rows, the app reported ${n}`);
    }
  }
  if (outcome !== 'crashed') {
    if (outcome === 'stalled' || outcome === 'timeout')
      await page
        .getByRole('button', { name: 'Cancel' })
        .click()
        .catch(() => null);
    const sellers = await firstValue(page, 'SELECT count(*) FROM bronze.olist_sellers');
    usable = sellers === '2';
    console.log(`after the load: bronze.olist_sellers holds ${sellers} rows (2 loaded before)`);
    const stored = await page.evaluate(() => navigator.storage.estimate());
    console.log(`origin storage in use: ${Math.round((stored.usage ?? 0) / 1e6)} MB`);
  }
} finally {
  await browser.close();
  await server.close();
}
const ok = (outcome === 'loaded' || outcome === 'refused') && usable;
console.log(`outcome: ${outcome}${usable ? ', app still usable' : ', app NOT usable'}`);
process.exit(ok ? 0 : 1);
