import path from 'node:path';
import { generateDemo, type DemoRecipe } from '../data/generator/index.ts';
import { openNodeWasmDatabase } from '../engine/duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../engine/sql-driver.ts';
import { ingestCsv } from '../engine/ingest/load-csv.ts';
import { bytesSource } from '../engine/ingest/sources.ts';
import { loadModelFiles } from '../pipeline/load-files.ts';
import { runPipeline } from '../pipeline/run.ts';
import { STATEMENT_SEPARATOR } from './checkpoint.ts';

/** Node test helper: the demo data set generated, loaded and built to silver/gold on duckdb-wasm's Node build. */
export async function buildWasmDemo(recipe: DemoRecipe): Promise<SqlDriver> {
  const driver = await wasmDriver(await openNodeWasmDatabase());
  const files = new Map<string, string>();
  await generateDemo(recipe, {
    write: (file, chunk) => void files.set(file, (files.get(file) ?? '') + chunk),
  });
  const encoder = new TextEncoder();
  for (const [name, text] of files) {
    const out = await ingestCsv(driver, bytesSource(name, [encoder.encode(text)]), {
      ingestedAt: '2026-01-01 00:00:00',
    });
    if (out.status !== 'loaded') throw new Error(`${name}: ${out.status}`);
  }
  const run = await runPipeline(
    driver,
    await loadModelFiles(path.resolve(import.meta.dirname, '../sql')),
  );
  if (run.error) throw new Error(`${run.error.model}: ${run.error.message}`);
  return driver;
}

/** A driver that fails (like a crashed process) once `budget` statements have run. */
export function crashingDriver(inner: SqlDriver, budget: number): SqlDriver {
  let left = budget;
  const spend = () => {
    if (left-- <= 0) throw new Error('simulated crash');
  };
  return {
    ...inner,
    exec: async (sql) => {
      for (const statement of sql.split(STATEMENT_SEPARATOR)) {
        spend();
        await inner.exec(statement);
      }
    },
    rows: async (sql, params) => {
      spend();
      return inner.rows(sql, params);
    },
  };
}
