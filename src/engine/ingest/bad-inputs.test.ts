import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type EngineApi } from '../engine.ts';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import { loadModelFiles } from '../../pipeline/load-files.ts';
import type { PlainRow } from '../arrow-rows.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../tests/fixtures');
const BAD = path.join(FIXTURES, 'bad');

let engine: EngineApi;
/** Bronze and silver as they were after the good batch, before any bad file. */
let before: { bronze: PlainRow[]; orders: PlainRow[]; items: PlainRow[] };

async function file(dir: string, name: string) {
  return { name, bytes: new Uint8Array(await readFile(path.join(dir, name))) };
}

/** Loads one bad file the way the Data page does, under the given file name. */
async function load(fixture: string, as = fixture) {
  const { bytes } = await file(BAD, fixture);
  const [outcome] = await engine.ingestFiles([{ name: as, bytes }]);
  return outcome!;
}

/** The good set's batches are the ones whose file names are the Olist names. */
const BASE = `(SELECT batch_id FROM bronze._batches WHERE source_file LIKE 'olist_%' OR source_file LIKE 'product_%')`;

const bronzeOfBase = () =>
  engine.rows(
    `SELECT 'orders' AS t, count(*)::INT AS n FROM bronze.olist_orders WHERE _batch_id IN ${BASE}
     UNION ALL SELECT 'items', count(*)::INT FROM bronze.olist_order_items WHERE _batch_id IN ${BASE}
     UNION ALL SELECT 'sellers', count(*)::INT FROM bronze.olist_sellers WHERE _batch_id IN ${BASE}
     ORDER BY 1`,
  );

beforeAll(async () => {
  engine = createEngine({
    openDatabase: openNodeWasmDatabase,
    modelFiles: () => loadModelFiles(path.resolve(import.meta.dirname, '../../sql')),
    now: () => performance.now(),
    transfer: (value) => value,
  });
  await engine.init();
  const dir = path.join(FIXTURES, 'medallion/olist');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.csv')).sort();
  // One batch id for the whole good set keeps the expectations simple: load them as one call.
  const good = await Promise.all(names.map((n) => file(dir, n)));
  for (const outcome of await engine.ingestFiles(good)) expect(outcome.status).toBe('loaded');
  await engine.buildPipeline();
  before = {
    bronze: await bronzeOfBase(),
    orders: await engine.rows('SELECT order_id, gmv::DOUBLE AS gmv FROM silver.orders ORDER BY 1'),
    items: await engine.rows(
      'SELECT order_id, order_item_id FROM silver.order_items ORDER BY 1, 2',
    ),
  };
}, 120_000);

describe('refused with a message naming the file and the problem', () => {
  it.each([
    ['empty.csv', 'empty.csv', /^empty\.csv: the file is empty \(no header line\)\.$/],
    [
      'zero-byte/olist_orders_dataset.csv',
      'olist_orders_dataset.csv',
      /^olist_orders_dataset\.csv: the file is empty/,
    ],
    ['header-only.csv', 'header-only.csv', /header but no rows; nothing was loaded/],
    ['semicolons.csv', 'semicolons.csv', /separated by semicolons \(;\), not commas/],
    ['tabs.csv', 'tabs.csv', /separated by tabs, not commas/],
    [
      'missing-column.csv',
      'missing-column.csv',
      /closest is olist_sellers .*missing seller_zip_code_prefix\.$/,
    ],
    [
      'extra-column.csv',
      'extra-column.csv',
      /closest is olist_sellers .*unexpected seller_rating\.$/,
    ],
    [
      'duplicate-column.csv',
      'duplicate-column.csv',
      /closest is olist_sellers .*unexpected seller_city \(duplicate\)\.$/,
    ],
    ['binary-renamed.csv', 'binary-renamed.csv', /not a CSV text file; it looks like a PNG image/],
    ['xlsx-renamed.csv', 'orders.csv', /^orders\.csv: .*an Excel workbook \(\.xlsx\)/],
  ])('%s', async (fixture, as, message) => {
    const outcome = await load(fixture, as);
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && outcome.message).toMatch(message);
  });
});

describe('loaded, with the problem rows set aside or quarantined', () => {
  it('reads a Latin-1 file as Windows-1252 and says so', async () => {
    const outcome = await load('latin1-sellers.csv');
    expect(outcome).toMatchObject({
      status: 'loaded',
      rows: 2,
      rejected: 0,
      encoding: 'windows-1252',
    });
    const rows = await engine.rows(
      "SELECT seller_city FROM bronze.olist_sellers WHERE seller_id IN ('s7', 's8') ORDER BY 1",
    );
    expect(rows.map((r) => r.seller_city)).toEqual(['Florianópolis', 'São Paulo']);
  });

  it('strips a byte-order mark', async () => {
    expect(await load('bom-sellers.csv')).toMatchObject({ status: 'loaded', rows: 1 });
  });

  it('accepts LF, CRLF and lone CR line breaks in one file', async () => {
    expect(await load('mixed-line-endings.csv')).toMatchObject({
      status: 'loaded',
      rows: 3,
      rejected: 0,
    });
    const rows = await engine.rows(
      "SELECT seller_id, seller_state, _row_number FROM bronze.olist_sellers WHERE _source_file = 'mixed-line-endings.csv' ORDER BY _row_number",
    );
    expect(rows.map((r) => `${r._row_number}:${r.seller_id}/${r.seller_state}`)).toEqual([
      '1:s2/RJ',
      '2:s3/MG',
      '3:s4/BA',
    ]);
  });

  it('sets aside an unterminated quote and a row with too many fields, with record number and reason', async () => {
    expect(await load('unterminated-quote.csv')).toMatchObject({
      status: 'loaded',
      rows: 0,
      rejected: 1,
    });
    expect(await load('too-many-fields.csv')).toMatchObject({
      status: 'loaded',
      rows: 1,
      rejected: 1,
    });
    const rejects = await engine.rows(
      `SELECT source_file, _row_number, error_type FROM bronze._rejects
       WHERE source_file IN ('unterminated-quote.csv', 'too-many-fields.csv') ORDER BY 1`,
    );
    expect(rejects).toEqual([
      { source_file: 'too-many-fields.csv', _row_number: 2, error_type: 'TOO MANY COLUMNS' },
      { source_file: 'unterminated-quote.csv', _row_number: 1, error_type: 'UNQUOTED VALUE' },
    ]);
  });

  it('keeps IDs that look like numbers exactly as written', async () => {
    expect(await load('scientific-ids.csv')).toMatchObject({ status: 'loaded', rows: 1 });
  });

  it('keeps hostile text as plain data, whatever its length or script', async () => {
    expect(await load('hostile-text.csv')).toMatchObject({
      status: 'loaded',
      rows: 4,
      rejected: 0,
    });
    const rows = await engine.rows(
      "SELECT seller_id, seller_city FROM bronze.olist_sellers WHERE seller_id LIKE 'sh%' ORDER BY 1",
    );
    expect(rows.map((r) => String(r.seller_city).length)).toEqual([28, 22, 15, 100_000]);
    expect(rows[0]!.seller_city).toBe('<img src=x onerror=alert(1)>');
  });

  it('loads the rows whose values are wrong, for silver to quarantine', async () => {
    for (const name of [
      'other-date-formats.csv',
      'bad-prices.csv',
      'duplicate-keys.csv',
      'orphan-items.csv',
    ]) {
      expect(await load(name)).toMatchObject({ status: 'loaded', rejected: 0 });
    }
  });
});

describe('after every bad file', () => {
  let quarantine: PlainRow[];
  beforeAll(async () => {
    await engine.buildPipeline();
    quarantine = await engine.rows(
      `SELECT _source_file AS file, _row_number AS row, reason_code AS reason FROM silver.quarantine
       WHERE _source_file NOT LIKE 'olist_%' ORDER BY 1, 2`,
    );
  }, 120_000);

  it('quarantines wrong values with a reason code per row', () => {
    // Worked out from the files: each row's first failing rule in the silver checks.
    expect(quarantine).toEqual([
      { file: 'bad-prices.csv', row: 1, reason: 'OUT_OF_RANGE' },
      { file: 'bad-prices.csv', row: 2, reason: 'BAD_NUMBER' },
      { file: 'bad-prices.csv', row: 3, reason: 'BAD_NUMBER' },
      { file: 'duplicate-keys.csv', row: 2, reason: 'DUPLICATE_KEY' },
      { file: 'orphan-items.csv', row: 1, reason: 'ORPHAN_FK' },
      { file: 'other-date-formats.csv', row: 1, reason: 'BAD_TIMESTAMP' },
      { file: 'other-date-formats.csv', row: 3, reason: 'BAD_TIMESTAMP' },
    ]);
  });

  it('accepts an ISO timestamp with a T and keeps a scientific-looking id as text', async () => {
    const [order] = await engine.rows(
      "SELECT purchased_at::VARCHAR AS at FROM silver.orders WHERE order_id = 'd2'",
    );
    expect(order?.at).toBe('2018-01-10 10:00:00');
    const [customer] = await engine.rows(
      "SELECT customer_id, customer_unique_id FROM silver.customers WHERE customer_id = '1E5'",
    );
    expect(customer).toEqual({ customer_id: '1E5', customer_unique_id: '2.5E+10' });
  });

  it('still reconciles: every bronze row is in silver or in quarantine', async () => {
    const rows = await engine.rows(
      'SELECT source_table, balanced FROM silver.reconciliation WHERE NOT balanced',
    );
    expect(rows).toEqual([]);
  });

  it('lost nothing loaded before', async () => {
    // The good set: 6 orders, 7 item lines, 1 seller in bronze (counted from the fixture files).
    expect(before.bronze).toEqual([
      { t: 'items', n: 7 },
      { t: 'orders', n: 6 },
      { t: 'sellers', n: 1 },
    ]);
    expect(await bronzeOfBase()).toEqual(before.bronze);
    const orders = await engine.rows(
      `SELECT order_id, gmv::DOUBLE AS gmv FROM silver.orders WHERE _batch_id IN ${BASE} ORDER BY 1`,
    );
    // o1 gained one accepted line from too-many-fields.csv (100.00 + 10.00 freight); no other change.
    const expected = before.orders.map((o) =>
      o.order_id === 'o1' ? { ...o, gmv: Number(o.gmv) + 110 } : o,
    );
    expect(orders).toEqual(expected);
    const items = await engine.rows(
      `SELECT order_id, order_item_id FROM silver.order_items WHERE _batch_id IN ${BASE} ORDER BY 1, 2`,
    );
    expect(items).toEqual(before.items);
  });
});
