import type { Page } from '@playwright/test';
import { generateDemo, type DemoRecipe } from '../src/data/generator/index.ts';
import { ingestCsv } from '../src/engine/ingest/load-csv.ts';
import { bytesSource } from '../src/engine/ingest/sources.ts';
import { openNativeDriver } from '../src/engine/duck/native.ts';
import { loadModelFiles } from '../src/pipeline/load-files.ts';
import { runPipeline } from '../src/pipeline/run.ts';
import type { PipelineRun } from '../src/pipeline/types.ts';

export interface PipelineTimes {
  /** Generate the demo files and load them into bronze. */
  loadMs: number;
  /** Silver + gold + ml models and their data tests. */
  buildMs: number;
  rows: number;
  models: Record<string, number>;
}

const RESET =
  'DROP SCHEMA IF EXISTS bronze CASCADE; DROP SCHEMA IF EXISTS silver CASCADE; DROP SCHEMA IF EXISTS gold CASCADE; DROP SCHEMA IF EXISTS ml CASCADE; DROP SCHEMA IF EXISTS meta CASCADE; DROP SCHEMA IF EXISTS bronze_absent CASCADE';

const modelTimes = (run: PipelineRun) =>
  Object.fromEntries(run.models.map((m) => [m.model, m.durationMs]));

/** The app's own path: the engine worker generates, loads and builds (times taken in the page). */
export async function browserPipeline(page: Page, recipe: DemoRecipe): Promise<PipelineTimes> {
  return page.evaluate(
    async ({ recipe, reset }) => {
      const engine = globalThis.lakehouse.engine;
      await engine.exec(reset);
      const t0 = performance.now();
      const demo = await engine.loadDemo(recipe);
      const t1 = performance.now();
      const run = await engine.buildPipeline();
      const t2 = performance.now();
      if (run.status !== 'success') throw new Error(`build ${run.status}: ${run.error?.message}`);
      return {
        loadMs: t1 - t0,
        buildMs: t2 - t1,
        rows: Object.values(demo.summary.rows).reduce((a, b) => a + b, 0),
        models: Object.fromEntries(run.models.map((m) => [m.model, m.durationMs])),
      };
    },
    { recipe, reset: RESET },
  );
}

/** The same generator, loader and SQL on native DuckDB (1 thread) in Node. */
export async function nativePipeline(recipe: DemoRecipe, sqlDir: string): Promise<PipelineTimes> {
  const driver = await openNativeDriver({ threads: 1 });
  try {
    const encoder = new TextEncoder();
    const t0 = performance.now();
    const files = new Map<string, Uint8Array[]>();
    const summary = await generateDemo(recipe, {
      write(file, chunk) {
        files.set(file, [...(files.get(file) ?? []), encoder.encode(chunk)]);
      },
    });
    for (const [name, parts] of files) {
      await ingestCsv(driver, bytesSource(name, parts), { ingestedAt: '2026-01-01 00:00:00' });
    }
    const t1 = performance.now();
    const run = await runPipeline(driver, await loadModelFiles(sqlDir));
    const t2 = performance.now();
    if (run.status !== 'success') throw new Error(`build ${run.status}: ${run.error?.message}`);
    return {
      loadMs: t1 - t0,
      buildMs: t2 - t1,
      rows: Object.values(summary.rows).reduce((a, b) => a + b, 0),
      models: modelTimes(run),
    };
  } finally {
    await driver.close();
  }
}
