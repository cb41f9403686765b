/**
 * Loads one large order-items CSV into the built app in headless Chromium and reports how long it
 * took and whether every row arrived: `npm run large-file -- --gb 1`.
 *
 * Not a test (it takes minutes and a gigabyte of disk): it is the check behind the README's
 * "a 1 GB CSV loads in the browser" figure. The file is written once to the temp directory with a
 * known row count, so the count the app reports is checked against a number worked out here.
 */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from './lib/static-server.ts';

const { values } = parseArgs({
  options: { gb: { type: 'string', default: '1' }, dist: { type: 'string', default: 'dist' } },
});
const targetBytes = Math.round(Number(values.gb) * 1e9);
const file = path.join(tmpdir(), `olist_order_items_${values.gb}gb.csv`);

const HEADER =
  'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value\n';
const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
const line = (i: number) =>
  `${hex(i)}${hex(i * 7)}${hex(i * 13)}${hex(i * 31)},${1 + (i % 3)},` +
  `${hex(i % 5000)}${hex(7)}${hex(11)}${hex(13)},${hex(i % 300)}${hex(1)}${hex(2)}${hex(3)},` +
  `2017-10-0${1 + (i % 9)} 10:56:33,${(i % 50000) / 100},${(i % 3000) / 100}\n`;

/** Rows a file of this size holds: lines are written until the byte target is reached. */
function rowsFor(bytes: number): number {
  let total = HEADER.length;
  let i = 0;
  while (total < bytes) total += line(i++).length;
  return i;
}

async function writeFile(): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER);
  let bytes = HEADER.length;
  let chunk = '';
  for (let i = 0; bytes < targetBytes; i++) {
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
}

const expectedRows = rowsFor(targetBytes);
if (!existsSync(file)) {
  console.log(`writing ${file} …`);
  await writeFile();
}
console.log(
  `${file}: ${statSync(file).size.toLocaleString('en-US')} bytes, ${expectedRows.toLocaleString('en-US')} rows expected`,
);

const server = await startStaticServer({ root: values.dist });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log('page error:', e.message));
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await page.goto(`${server.url}?p=data&demo=0`);
  await page.getByText('DuckDB v').waitFor({ timeout: 60_000 });
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByTestId('task-progress').waitFor({ timeout: 300_000 });
  const started = performance.now();
  let lastLine = '';
  for (;;) {
    await page.waitForTimeout(2000);
    if (crashed) throw new Error('the tab crashed (out of memory?) during the load');
    const error = await page
      .getByTestId('load-error')
      .textContent({ timeout: 100 })
      .catch(() => null);
    if (error) throw new Error(error);
    const progress = await page
      .getByTestId('task-progress')
      .textContent({ timeout: 100 })
      .catch(() => null);
    if (!progress) break;
    const now = progress
      .replace(/\s+/g, ' ')
      .replace(/^.*?\(file/, '(file')
      .slice(0, 120);
    if (now !== lastLine) console.log(now);
    lastLine = now;
  }
  const seconds = (performance.now() - started) / 1000;
  const error = await page
    .getByTestId('load-error')
    .textContent({ timeout: 2000 })
    .catch(() => null);
  if (error) throw new Error(`the app said: ${error}`);
  const outcome = (await page.getByTestId('load-outcomes').textContent()) ?? '';
  const rows = Number(/([\d,]+) rows/.exec(outcome)?.[1]?.replaceAll(',', '') ?? NaN);
  console.log(outcome.trim());
  console.log(
    `loaded ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(0)} s ` +
      `(${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, ` +
      `${(statSync(file).size / 1e6 / seconds).toFixed(1)} MB/s)`,
  );
  if (rows !== expectedRows)
    throw new Error(`expected ${expectedRows} rows, the app reported ${rows}`);
} finally {
  await browser.close();
  await server.close();
}
