import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateToMemory, type Generated } from '../src/data/test-helpers/generate.ts';
import { parseTable } from '../src/data/test-helpers/csv-parse.ts';

const run = promisify(execFile);
let dir: string;
let demo: Generated;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'replay-cli-'));
  demo = await generateToMemory({ seed: 12, orders: 200, scenario: 'normal_day' });
  await mkdir(path.join(dir, 'data'));
  for (const [name, text] of demo.files) await writeFile(path.join(dir, 'data', name), text);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

it('replays a generated data set with no disorder: daily GMV and orders match a plain pass over the CSVs', async () => {
  const out = path.join(dir, 'out');
  await run(
    'npx',
    [
      'tsx',
      'scripts/replay.ts',
      '--data',
      path.join(dir, 'data'),
      '--window',
      '1d',
      '--lateness',
      '0',
      '--delay',
      '0',
      '--late-share',
      '0',
      '--dup-share',
      '0',
      '--out',
      out,
      '--check',
    ],
    { cwd: path.resolve(import.meta.dirname, '..') },
  );
  const read = async (name: string) =>
    parseTable(await readFile(path.join(out, name), 'utf8')).rows;
  const gmv = await read('stream.gmv.csv');
  const funnel = await read('stream.funnel.csv');

  // The same figures from the generated CSV text, by day of purchase.
  const orders = demo.table('olist_orders_dataset.csv');
  const day = new Map(orders.map((o) => [o.order_id!, o.order_purchase_timestamp!.slice(0, 10)]));
  const expectedGmv = new Map<string, number>();
  for (const i of demo.table('olist_order_items_dataset.csv')) {
    const d = day.get(i.order_id!);
    if (!d) continue;
    expectedGmv.set(d, (expectedGmv.get(d) ?? 0) + Number(i.price) + Number(i.freight_value));
  }
  const ordersPerDay = new Map<string, number>();
  for (const d of day.values()) ordersPerDay.set(d, (ordersPerDay.get(d) ?? 0) + 1);

  expect(gmv.map((r) => [r.window_start!.slice(0, 10), Number(Number(r.gmv).toFixed(2))])).toEqual(
    [...expectedGmv].sort().map(([d, v]) => [d, Number(v.toFixed(2))]),
  );
  expect(
    funnel
      .filter((r) => r.orders !== '0')
      .map((r) => [r.window_start!.slice(0, 10), Number(r.orders)]),
  ).toEqual([...ordersPerDay].sort());
  const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8'));
  expect(summary.progress.late + summary.progress.duplicates).toBe(0);
}, 300_000);
