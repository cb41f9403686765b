import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToMemory } from '../../data/test-helpers/generate.ts';
import { openNativeDriver } from '../../engine/duck/native.ts';
import { openNodeWasmDatabase } from '../../engine/duck/wasm-node.ts';
import { ingestCsv } from '../../engine/ingest/load-csv.ts';
import { bytesSource } from '../../engine/ingest/sources.ts';
import { wasmDriver, type SqlDriver } from '../../engine/sql-driver.ts';
import { loadModelFiles } from '../../pipeline/load-files.ts';
import { runPipeline } from '../../pipeline/run.ts';
import * as customers from '../customers/customers-sql.ts';
import { NO_FILTERS, type Filters, type Query } from '../filters/filters.ts';
import * as pricing from '../pricing/pricing-sql.ts';
import * as sales from './sales-sql.ts';

// Regression: duckdb-wasm binds a JavaScript number as DOUBLE, where the native driver binds an
// integer, so `range(0, ?)` ran in the Node tests and failed in the browser. Every query of the
// Sales, Pricing and Customers pages runs here on both engines and must give the same rows.

let native: SqlDriver;
let wasm: SqlDriver;

async function load(driver: SqlDriver, files: Map<string, string>) {
  for (const [name, text] of files) {
    await ingestCsv(driver, bytesSource(name, [new TextEncoder().encode(text)]), {
      ingestedAt: '2026-01-01 00:00:00',
    });
  }
  const run = await runPipeline(
    driver,
    await loadModelFiles(path.resolve(import.meta.dirname, '../../sql')),
  );
  if (run.error) throw new Error(`${run.error.model}: ${run.error.message}`);
}

beforeAll(async () => {
  const demo = await generateToMemory({ seed: 5, orders: 1000, scenario: 'normal_day' });
  native = await openNativeDriver();
  wasm = await wasmDriver(await openNodeWasmDatabase());
  await load(native, demo.files);
  await load(wasm, demo.files);
}, 300_000);
afterAll(async () => {
  await native?.close();
  await wasm?.close();
});

function queries(f: Filters): [string, Query][] {
  return [
    ['sales trend', sales.categoryTrendQuery(f, 'week', 5)],
    ['sales table', sales.categoryTableQuery(f)],
    ['discount bands', sales.discountBandsQuery(f)],
    ['scatter', pricing.scatterQuery(f)],
    ['correlation', pricing.correlationQuery(f)],
    ['categories', pricing.categoriesQuery(f)],
    ['what-if inputs', pricing.categoryProductsQuery(f, 'bed_bath_table', 7)],
    ['rfm', customers.rfmQuery(f)],
    ['segments', customers.segmentsQuery(f)],
    ['churn', customers.churnListQuery(f, 'all', 15)],
    ['cohorts', customers.cohortQuery(f, 6, 5)],
    ['scores', customers.scoreDistributionQuery(f)],
    ['delivery', customers.deliveryScoreQuery(f)],
    ['category satisfaction', customers.categorySatisfactionQuery(f, 6)],
  ];
}

/** Doubles to 9 significant digits: the engines may sum in a different order. */
const settle = (rows: Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(9)) : v]),
    ),
  );

describe('the dashboard queries on duckdb-wasm and native DuckDB', () => {
  it.each<[string, Filters]>([
    ['without filters', NO_FILTERS],
    [
      'with filters',
      { ...NO_FILTERS, from: '2017-03-01', state: ['SP', 'RJ', 'MG'], status: ['delivered'] },
    ],
  ])('give the same rows %s', async (_, f) => {
    for (const [name, q] of queries(f)) {
      const a = await native.rows(q.sql, q.params);
      const b = await wasm.rows(q.sql, q.params);
      expect(a.length, name).toBeGreaterThan(0);
      expect(settle(b), name).toEqual(settle(a));
    }
  });
});
