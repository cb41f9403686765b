import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../data/generator/index.ts';
import { openNativeDriver } from '../engine/duck/native.ts';
import { openNodeWasmDatabase } from '../engine/duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../engine/sql-driver.ts';
import { ingestCsv } from '../engine/ingest/load-csv.ts';
import { bytesSource } from '../engine/ingest/sources.ts';
import { loadModelFiles } from './load-files.ts';
import { runPipeline } from './run.ts';

async function demoFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await generateDemo(
    { seed: 11, orders: 400, scenario: 'normal_day' },
    {
      write: (file, chunk) => void files.set(file, (files.get(file) ?? '') + chunk),
    },
  );
  return files;
}

/** Row count and an order-independent checksum of every gold and ml table. */
async function fingerprint(driver: SqlDriver, files: Map<string, string>) {
  for (const [name, text] of files) {
    const out = await ingestCsv(driver, bytesSource(name, [new TextEncoder().encode(text)]), {
      batchId: 'b1',
      ingestedAt: '2024-01-01 00:00:00',
    });
    expect(out.status, name).toBe('loaded');
  }
  const run = await runPipeline(
    driver,
    await loadModelFiles(path.resolve(import.meta.dirname, '../sql')),
  );
  expect(run.error).toBeNull();
  const out: Record<string, string> = {};
  for (const m of run.models.filter(
    (x) => x.layer !== 'silver' || x.model === 'silver.reconciliation',
  )) {
    const [row] = await driver.rows(
      `SELECT count(*)::BIGINT AS n, sum(hash(t::VARCHAR))::VARCHAR AS h FROM ${m.model} t`,
    );
    out[m.model] = `${row?.n} rows, ${row?.h}`;
  }
  return { out, quality: run.qualityScore };
}

describe('the same SQL on duckdb-wasm and native DuckDB', () => {
  it('gives the same gold and ml tables', async () => {
    const files = await demoFiles();
    const native = await openNativeDriver();
    const wasm = await wasmDriver(await openNodeWasmDatabase());
    try {
      const a = await fingerprint(native, files);
      const b = await fingerprint(wasm, files);
      expect(Object.keys(a.out).length).toBeGreaterThan(5);
      expect(b.out).toEqual(a.out);
      expect(b.quality).toBe(a.quality);
    } finally {
      await native.close();
      await wasm.close();
    }
  });
});
