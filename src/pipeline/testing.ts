import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { ingestCsv } from '../engine/ingest/load-csv.ts';
import { bytesSource } from '../engine/ingest/sources.ts';
import { openNativeDriver } from '../engine/duck/native.ts';
import { generateToMemory, type Generated } from '../data/test-helpers/generate.ts';
import type { DemoRecipe } from '../data/generator/index.ts';
import { loadModelFiles } from './load-files.ts';
import { runPipeline } from './run.ts';

/** Node test helper: loads every CSV of a fixture folder into bronze as one batch, with the app's loader. */
export async function loadFixtureBatch(
  driver: SqlDriver,
  dir: string,
  batchId: string,
  ingestedAt: string,
): Promise<void> {
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
    const bytes = new Uint8Array(await readFile(path.join(dir, name)));
    const out = await ingestCsv(driver, bytesSource(name, [bytes]), { batchId, ingestedAt });
    if (out.status !== 'loaded') {
      throw new Error(`fixture ${name}: ${out.status === 'refused' ? out.message : out.status}`);
    }
  }
}

/** Node test helper: a demo data set generated in memory, loaded and built on native DuckDB. */
export async function buildDemo(
  recipe: DemoRecipe,
): Promise<{ demo: Generated; driver: SqlDriver }> {
  const demo = await generateToMemory(recipe);
  const driver = await openNativeDriver();
  const encoder = new TextEncoder();
  for (const [name, text] of demo.files) {
    await ingestCsv(driver, bytesSource(name, [encoder.encode(text)]), {
      ingestedAt: '2026-01-01 00:00:00',
    });
  }
  const run = await runPipeline(
    driver,
    await loadModelFiles(path.resolve(import.meta.dirname, '../sql')),
  );
  if (run.error) throw new Error(`${run.error.model}: ${run.error.message}`);
  return { demo, driver };
}
