import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import { sessionDriver, type SqlDriver } from '../sql-driver.ts';
import type { DuckDatabase } from '../duck/types.ts';
import { ingestCsv } from './load-csv.ts';
import {
  isOutOfMemory,
  parseSize,
  preflight,
  projectedOverflow,
  readMemoryBudget,
  type MemoryBudget,
} from './load-limits.ts';
import { bytesSource } from './sources.ts';

const GiB = 2 ** 30;
const MB = 1e6;
const inMemory = (limitBytes: number, usedBytes = 0): MemoryBudget => ({
  inMemory: true,
  limitBytes,
  usedBytes,
});

describe('parseSize', () => {
  it.each([
    ['3.1 GiB', Math.round(3.1 * GiB)],
    ['512.0 MiB', 512 * 2 ** 20],
    ['0 bytes', 0],
    ['40.0 MB', 40e6],
    ['lots', null],
    ['', null],
  ])('%s', (text, bytes) => expect(parseSize(text)).toBe(bytes));
});

describe('preflight: a file that cannot fit is refused before a byte is read', () => {
  // duckdb-wasm's default limit, 3.1 GiB: 85% of it is 2.83 GB.
  const limit = Math.round(3.1 * GiB);
  it.each([
    ['1 GB into an empty database fits', 1e9, inMemory(limit), false],
    ['2.8 GB into an empty database fits (2.83 GB room)', 2.8e9, inMemory(limit), false],
    ['3 GB into an empty database does not', 3e9, inMemory(limit), true],
    ['2 GB beside 1 GB already loaded does not (1.83 GB room)', 2e9, inMemory(limit, 1e9), true],
    [
      '3 GB into an OPFS database is not refused here',
      3e9,
      { ...inMemory(limit), inMemory: false },
      false,
    ],
    ['no budget known: never refused', 50e9, null, false],
  ])('%s', (_, size, budget, refused) => {
    expect(preflight('big.csv', size, budget) !== null).toBe(refused);
  });

  it('names the file, says why and points to the Node pipeline', () => {
    expect(preflight('olist_order_items_3gb.csv', 3e9, inMemory(4e9, 1e9))).toBe(
      'olist_order_items_3gb.csv: too large for this tab. It is 3.0 GB, and this tab keeps its ' +
        "database in memory, where it has 2.4 GB left of the 4.0 GB a browser's WebAssembly " +
        'database can use. Nothing from it was kept; the data loaded before is unchanged. Load it ' +
        'with the Node pipeline instead, which streams files of any size through native DuckDB: ' +
        'npm run pipeline -- --data <folder with the CSV files> --engine native --out <folder>, ' +
        'then drop the gold Parquet files it writes here.',
    );
  });
});

describe('projectedOverflow: the load stops once its growth shows it will not fit', () => {
  const budget = inMemory(1000 * MB);
  const at = (bytesRead: number, usedBytes: number, size = 600 * MB) => ({
    size,
    bytesRead,
    usedBytes,
    startBytes: 100 * MB,
  });
  it.each([
    // 40 MB read took 80 MB (2 per byte): 100 + 80 + 2 × 560 = 1,300 MB > 850 MB.
    ['2 bytes a byte: 1,300 MB projected', at(40 * MB, 180 * MB), true],
    // 40 MB read took 40 MB: 140 + 560 = 700 MB ≤ 850 MB.
    ['1 byte a byte: 700 MB projected', at(40 * MB, 140 * MB), false],
    // 1.3 bytes a byte: 152 + 1.3 × 560 = 880 MB > 850 MB.
    ['1.3 bytes a byte: 880 MB projected', at(40 * MB, 152 * MB), true],
    ['too early to tell (16 MB read)', at(16 * MB, 200 * MB), false],
    ['the whole file is read: nothing left to project', at(600 * MB, 900 * MB), false],
  ])('%s', (_, progress, refused) => {
    expect(projectedOverflow('f.csv', progress, budget) !== null).toBe(refused);
  });

  it('says what the first part took and what the whole would need', () => {
    expect(projectedOverflow('f.csv', at(40 * MB, 180 * MB), budget)).toMatch(
      /^f\.csv: too large for this tab\. Its first 40 MB took 80 MB of memory, so all 600 MB would need about 1\.3 GB, more than the 1\.0 GB .* npm run pipeline -- --data /,
    );
  });
});

describe('isOutOfMemory', () => {
  it.each([
    [
      'Out of Memory Error: could not allocate block of size 256.0 KiB (40.0 MB/40.0 MB used)',
      true,
    ],
    ['{"exception_type":"Out of Memory","exception_message":"could not allocate block"}', true],
    ['RuntimeError: memory access out of bounds', true],
    ['Aborted(OOM)', true],
    ['Parser Error: syntax error at or near "x"', false],
  ])('%s', (text, oom) => expect(isOutOfMemory(new Error(text))).toBe(oom));
});

/** `rows` order-items lines of about 133 bytes each, as the large-file script writes them. */
function orderItems(rows: number): Uint8Array {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const lines = [
    'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value',
  ];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${hex(i)}${hex(i * 7)}${hex(i * 13)}${hex(i * 31)},1,${hex(i % 5000)}${hex(7)}${hex(11)}${hex(13)},` +
        `${hex(i % 300)}${hex(1)}${hex(2)}${hex(3)},2017-10-01 10:56:33,${i % 500}.5,12.3`,
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

describe('loads into duckdb-wasm in memory under a small memory limit', () => {
  let db: DuckDatabase;
  let driver: SqlDriver;
  const SELLERS = new TextEncoder().encode(
    'seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01001,sao paulo,SP\ns2,13023,campinas,SP\n',
  );
  const sellers = async () =>
    (await driver.rows('SELECT count(*)::INT AS n FROM bronze.olist_sellers'))[0]?.n;
  const load = (name: string, bytes: Uint8Array) =>
    ingestCsv(driver, bytesSource(name, [bytes]), { ingestedAt: '2024-01-01 00:00:00' });

  beforeAll(async () => {
    db = await openNodeWasmDatabase();
    driver = await sessionDriver(db, await db.connect());
    expect(await load('olist_sellers_dataset.csv', SELLERS)).toMatchObject({ rows: 2 });
  }, 120_000);
  afterAll(() => db.close());

  it('reads the budget of a database in memory', async () => {
    const budget = await readMemoryBudget(driver);
    expect(budget?.inMemory).toBe(true);
    // duckdb-wasm's default memory_limit is 80% of the 4 GiB heap, shown rounded as "3.1 GiB".
    expect(budget?.limitBytes).toBe(Math.round(3.1 * GiB));
  });

  it('refuses a file larger than the room left before reading it', async () => {
    await driver.exec("SET memory_limit = '8MB'");
    try {
      const outcome = await load('olist_order_items_dataset.csv', orderItems(60_000));
      expect(outcome).toMatchObject({ status: 'refused' });
      expect(outcome.status === 'refused' && outcome.message).toMatch(
        /^olist_order_items_dataset\.csv: too large for this tab\. It is \d+ MB, .*npm run pipeline/,
      );
    } finally {
      await driver.exec("SET memory_limit = '3.1GiB'");
    }
    expect(await sellers()).toBe(2);
  });

  it('a load that runs out of memory part way is refused and rolled back; the rest stays usable', async () => {
    // These short lines take about 2.5 bytes of memory a byte (measured: 303,031 of them, 37 MB,
    // filled 95 MiB). 120,000 lines are 15 MB of CSV, about 37 MB in memory: under a 24 MB limit they
    // pass the pre-flight (15 MB < 85% of 24 MB) and run out before the projection has two pieces.
    await driver.exec("SET memory_limit = '24MB'");
    try {
      const outcome = await load('olist_order_items_dataset.csv', orderItems(120_000));
      expect(outcome).toMatchObject({ status: 'refused' });
      expect(outcome.status === 'refused' && outcome.message).toMatch(
        /^olist_order_items_dataset\.csv: too large for this tab\. The browser's database ran out of memory after [\d,]+ rows \(.*could not allocate.*\)\. Nothing from it was kept; the data loaded before is unchanged\. .*npm run pipeline -- --data/,
      );
    } finally {
      await driver.exec("SET memory_limit = '3.1GiB'");
    }
    expect(await sellers()).toBe(2);
    // The refused load created the items table inside its transaction: the rollback removed it.
    const [items] = await driver.rows(
      "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'olist_order_items'",
    );
    expect(items?.n).toBe(0);
    expect(await load('olist_order_items_dataset.csv', orderItems(10))).toMatchObject({
      status: 'loaded',
      rows: 10,
    });
  });

  it('a load whose growth shows it will not fit stops once the projection says so', async () => {
    // 420,000 lines are 52 MB of CSV, about 130 MB in memory: under a 100 MB limit the pre-flight lets
    // them in (52 MB < 85 MB), the first 16 MB fit (about 40 MB), and the projection stops them.
    await driver.exec("SET memory_limit = '100MB'");
    try {
      const outcome = await load('olist_order_items_dataset.csv', orderItems(420_000));
      expect(outcome.status === 'refused' && outcome.message).toMatch(
        /^olist_order_items_dataset\.csv: too large for this tab\. Its first \d+ MB took \d+ MB of memory, so all \d+ MB would need about \d+ MB, more than the 100 MB .*The load stopped there\. Nothing from it was kept/,
      );
    } finally {
      await driver.exec("SET memory_limit = '3.1GiB'");
    }
    expect(await sellers()).toBe(2);
  }, 180_000);
});
