import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../sql-driver.ts';
import { ingestCsv, type CsvSource } from './load-csv.ts';
import { KNOWN_FORMATS, normaliseColumn } from '../../data/formats.ts';

const enc = new TextEncoder();

function source(name: string, text: string, chunkSize = 1 << 20): CsvSource {
  const bytes = enc.encode(text);
  return {
    name,
    size: bytes.length,
    chunks: (async function* () {
      for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
    })(),
  };
}

const ORDERS_HEADER =
  'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date';
const ORDERS =
  `${ORDERS_HEADER}\r\n` +
  'e481f51cbdc54678b7cc49136f2d6af7,9ef432eb6251297304e76186b10a928d,delivered,2017-10-02 10:56:33,2017-10-02 11:07:15,2017-10-04 19:55:00,2017-10-10 21:25:13,2017-10-18 00:00:00\r\n' +
  '3e5a1c2b3e5a1c2b3e5a1c2b3e5a1c2b,b0830fb4747a6c6d20dea0b8c802d7ef,canceled,2018-07-24 20:41:37,,,,2018-08-13 00:00:00\r\n' +
  '"53cdb2fc8bc7dce0b6741e2150273451","b0830fb4747a6c6d20dea0b8c802d7ef","shipped","2018-07-24 20:41:37","2018-07-26 03:24:27","2018-07-26 14:31:00","","2018-08-13 00:00:00"\r\n';

const opts = { ingestedAt: '2026-01-02 03:04:05' };
let driver: SqlDriver;

beforeAll(async () => {
  driver = await wasmDriver(await openNodeWasmDatabase());
});
beforeEach(async () => {
  await driver.exec('DROP SCHEMA IF EXISTS bronze CASCADE');
});
afterAll(async () => {
  await driver.close();
});

describe('ingestCsv', () => {
  it('loads every record as text with its source file, record number and batch', async () => {
    const out = await ingestCsv(driver, source('olist_orders_dataset.csv', ORDERS), opts);
    expect(out).toMatchObject({
      status: 'loaded',
      format: 'olist_orders',
      batchId: 'B000001',
      rows: 3,
      rejected: 0,
    });
    const rows = await driver.rows(
      'SELECT order_id, order_status, order_approved_at, order_delivered_customer_date, _source_file, _row_number, _batch_id, _ingested_at FROM bronze.olist_orders ORDER BY _row_number',
    );
    expect(rows).toEqual([
      expect.objectContaining({
        order_id: 'e481f51cbdc54678b7cc49136f2d6af7',
        order_status: 'delivered',
        _row_number: 1,
      }),
      // Unquoted empty fields arrive as NULL; the 3e5… id stays text.
      expect.objectContaining({
        order_id: '3e5a1c2b3e5a1c2b3e5a1c2b3e5a1c2b',
        order_approved_at: null,
        _row_number: 2,
      }),
      // A quoted empty field stays an empty string: bronze keeps what came.
      expect.objectContaining({
        order_id: '53cdb2fc8bc7dce0b6741e2150273451',
        order_delivered_customer_date: '',
        _row_number: 3,
      }),
    ]);
    expect(rows[0]).toMatchObject({
      _source_file: 'olist_orders_dataset.csv',
      _batch_id: 'B000001',
      _ingested_at: '2026-01-02 03:04:05',
    });
  });

  it('recognises a file loaded before by its content and does not double its rows', async () => {
    await ingestCsv(driver, source('olist_orders_dataset.csv', ORDERS), opts);
    const again = await ingestCsv(driver, source('renamed.csv', ORDERS, 7), opts);
    expect(again).toEqual({
      status: 'duplicate',
      file: 'renamed.csv',
      format: 'olist_orders',
      batchId: 'B000001',
      bytes: ORDERS.length,
    });
    const changed = await ingestCsv(
      driver,
      source('orders-2.csv', ORDERS.replace('shipped', 'delivered')),
      opts,
    );
    expect(changed).toMatchObject({ status: 'loaded', batchId: 'B000002', rows: 3 });
    expect(
      await driver.rows(
        'SELECT _batch_id, count(*)::INT AS n FROM bronze.olist_orders GROUP BY ALL ORDER BY 1',
      ),
    ).toEqual([
      { _batch_id: 'B000001', n: 3 },
      { _batch_id: 'B000002', n: 3 },
    ]);
  });

  it('keeps quoted line breaks, quotes and commas, a BOM and a reordered header', async () => {
    const text =
      '\uFEFF"review_score","review_id","order_id","review_comment_title","review_comment_message","review_creation_date","review_answer_timestamp"\n' +
      '5,"r1","o1","","Chegou antes, ""ótimo""\nrecomendo",2018-01-18 00:00:00,2018-01-18 21:46:59\n' +
      '1,"r2","o2",,"",2018-03-10 00:00:00,2018-03-11 03:05:13\n';
    const out = await ingestCsv(driver, source('reviews.csv', text, 5), {
      ...opts,
      pieceBytes: 64,
    });
    expect(out).toMatchObject({ status: 'loaded', format: 'olist_order_reviews', rows: 2 });
    expect(
      await driver.rows(
        'SELECT review_id, review_score, review_comment_message, review_comment_title FROM bronze.olist_order_reviews ORDER BY _row_number',
      ),
    ).toEqual([
      {
        review_id: 'r1',
        review_score: '5',
        review_comment_message: 'Chegou antes, "ótimo"\nrecomendo',
        review_comment_title: '',
      },
      {
        review_id: 'r2',
        review_score: '1',
        review_comment_message: '',
        review_comment_title: null,
      },
    ]);
  });

  it('sets aside malformed records with their record number and reason, and loads the rest', async () => {
    const text =
      'seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01310,sao paulo,SP\ns2,02,rio,RJ,extra\ns3,13023\ns4,04,"open quote,SP\n';
    const out = await ingestCsv(driver, source('olist_sellers_dataset.csv', text), opts);
    expect(out).toMatchObject({ status: 'loaded', rows: 1, rejected: 3 });
    expect(
      await driver.rows(
        'SELECT seller_id, seller_zip_code_prefix, _row_number FROM bronze.olist_sellers',
      ),
    ).toEqual([{ seller_id: 's1', seller_zip_code_prefix: '01310', _row_number: 1 }]);
    const rejects = await driver.rows(
      'SELECT _row_number, error_type, raw_record FROM bronze._rejects ORDER BY _row_number',
    );
    expect(rejects).toEqual([
      { _row_number: 2, error_type: 'TOO MANY COLUMNS', raw_record: 's2,02,rio,RJ,extra' },
      { _row_number: 3, error_type: 'MISSING COLUMNS', raw_record: 's3,13023' },
      { _row_number: 4, error_type: expect.any(String), raw_record: 's4,04,"open quote,SP\n' },
    ]);
    // Nothing lost: accepted + rejected = records in the file.
    expect(
      await driver.rows('SELECT rows_loaded + rows_rejected AS n FROM bronze._batches'),
    ).toEqual([{ n: 4 }]);
  });

  it.each([
    ['an unknown header', 'foo,bar\n1,2\n', /matches no known format/],
    [
      'a semicolon-separated file',
      'seller_id;seller_zip_code_prefix;seller_city;seller_state\ns1;1;a;SP\n',
      /separated by semicolons/,
    ],
    ['an empty file', '', /the file is empty/],
  ])('refuses %s with a message naming the file, and loads nothing', async (_, text, message) => {
    const out = await ingestCsv(driver, source('mystery.csv', text), opts);
    expect(out.status).toBe('refused');
    expect(out.status === 'refused' && out.message).toMatch(/^mystery\.csv: /);
    expect(out.status === 'refused' && out.message).toMatch(message);
    expect(
      await driver.rows(
        "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE schema_name = 'bronze' AND table_name NOT LIKE '\\_%' ESCAPE '\\'",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('a cancelled load keeps nothing from the file', async () => {
    let pieces = 0;
    const big =
      ORDERS_HEADER +
      '\n' +
      Array.from(
        { length: 2000 },
        (_, i) => `o${i},c${i},delivered,2017-10-02 10:56:33,,,,2017-10-18 00:00:00`,
      ).join('\n');
    await expect(
      ingestCsv(driver, source('olist_orders_dataset.csv', big, 4096), {
        ...opts,
        pieceBytes: 4096,
        onProgress: () => pieces++,
        isCancelled: () => pieces >= 2,
      }),
    ).rejects.toThrow(/cancelled; nothing from it was kept/);
    expect(
      await driver.rows(
        "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'olist_orders'",
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe('every recognised format', () => {
  it.each(KNOWN_FORMATS.map((f) => [f.id, f] as const))(
    '%s loads from its header, columns in any order and case',
    async (_, format) => {
      // Reversed column order and upper-cased names: recognition is by the set of columns.
      const columns = [...format.columns].reverse();
      const header = columns.map((c) => c.toUpperCase()).join(',');
      const row = columns.map((c, i) => (i % 2 ? `"${c}, value"` : `v${i}`)).join(',');
      const out = await ingestCsv(driver, source(format.fileName, `${header}\n${row}\n`), opts);
      expect(out).toMatchObject({ status: 'loaded', format: format.id, rows: 1, rejected: 0 });
      const [loaded] = await driver.rows(`SELECT * FROM bronze."${format.id}"`);
      const last = columns.length - 1;
      expect(loaded?.[normaliseColumn(columns[last]!)]).toBe(
        last % 2 ? `${columns[last]}, value` : `v${last}`,
      );
    },
  );
});
