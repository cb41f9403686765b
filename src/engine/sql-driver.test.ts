import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDriver } from './duck/native.ts';
import { openNodeWasmDatabase } from './duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from './sql-driver.ts';

const SQL = `
  SELECT 42::BIGINT AS big, 1.25::DOUBLE AS dbl, 12.50::DECIMAL(10, 2) AS dec_value,
         'x' AS txt, NULL::VARCHAR AS missing, true AS flag,
         DATE '2017-11-24' AS day, TIMESTAMP '2017-11-24 00:00:00' AS midnight,
         TIMESTAMP '2018-01-02 03:04:05' AS ts, 9007199254740993::BIGINT AS huge`;

const EXPECTED = {
  big: 42,
  dbl: 1.25,
  dec_value: 12.5,
  txt: 'x',
  missing: null,
  flag: true,
  day: '2017-11-24',
  midnight: '2017-11-24 00:00:00',
  ts: '2018-01-02 03:04:05',
  huge: '9007199254740993',
};

describe('SqlDriver gives the same plain rows on duckdb-wasm and native DuckDB', () => {
  const drivers: SqlDriver[] = [];
  beforeAll(async () => {
    drivers.push(await wasmDriver(await openNodeWasmDatabase()), await openNativeDriver());
  });
  afterAll(async () => {
    for (const d of drivers) await d.close();
  });

  it('normalises types the same way', async () => {
    for (const driver of drivers)
      expect(await driver.rows(SQL), driver.description).toEqual([EXPECTED]);
  });

  it('binds parameters', async () => {
    for (const driver of drivers) {
      expect(await driver.rows('SELECT ?::INTEGER * 2 AS v, ? AS s', [21, "it's"])).toEqual([
        { v: 42, s: "it's" },
      ]);
    }
  });

  it('reads a registered buffer by name', async () => {
    for (const driver of drivers) {
      await driver.registerBuffer('orders.csv', new TextEncoder().encode('a,b\n1,x\n2,y\n'));
      expect(await driver.rows("SELECT sum(a)::INTEGER AS s FROM read_csv('orders.csv')")).toEqual([
        { s: 3 },
      ]);
    }
  });
});
