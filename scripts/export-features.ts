/**
 * Writes the sales model's training data, ml.product_sales_features, as Parquet:
 *   npx tsx scripts/export-features.ts --out models/data/product_features.parquet
 * The recipe is fixed (models/README.md): demo data {seed 42, orders 100000, normal_day}, generated
 * in memory, loaded with the app's loader and built on native DuckDB with only the models that the
 * feature table depends on. Rows are written sorted by product_id, so the same recipe gives the same rows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemo, type DemoRecipe } from '../src/data/generator/index.ts';
import { KNOWN_FORMATS } from '../src/data/formats.ts';
import { openNativeDriver } from '../src/engine/duck/native.ts';
import { ingestCsv } from '../src/engine/ingest/load-csv.ts';
import { bytesSource } from '../src/engine/ingest/sources.ts';
import { loadModelFiles } from '../src/pipeline/load-files.ts';
import { allInputs } from '../src/pipeline/graph.ts';
import { parseModel, type ModelFile } from '../src/pipeline/model.ts';
import { runPipeline } from '../src/pipeline/run.ts';

const TABLE = 'ml.product_sales_features';
export const TRAINING_RECIPE: DemoRecipe = { seed: 42, orders: 100_000, scenario: 'normal_day' };

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'models/data/product_features.parquet' },
    seed: { type: 'string' },
    orders: { type: 'string' },
    sql: { type: 'string', default: path.join(import.meta.dirname, '../src/sql') },
  },
});
const recipe: DemoRecipe = {
  ...TRAINING_RECIPE,
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.orders ? { orders: Number(values.orders) } : {}),
};

/** The model files `target` depends on (itself included) and the bronze tables they read. */
function closure(files: readonly ModelFile[], target: string) {
  const isMacro = (f: ModelFile) => /(^|\/)macros\/[^/]+\.sql$/.test(f.path);
  const models = new Map(files.filter((f) => !isMacro(f)).map((f) => [parseModel(f).id, f]));
  const needed = new Set<string>();
  const bronze = new Set<string>();
  const visit = (id: string): void => {
    if (needed.has(id)) return;
    if (id.startsWith('bronze.')) {
      bronze.add(id.slice('bronze.'.length));
      return;
    }
    const file = models.get(id);
    if (!file) throw new Error(`no model ${id}`);
    needed.add(id);
    const model = parseModel(file);
    for (const input of allInputs(model)) visit(input);
    // A relationships test's parent must exist for the pipeline to accept the model.
    for (const t of model.tests) if (t.kind === 'relationships') visit(t.parent);
  };
  visit(target);
  const keep = files.filter((f) => isMacro(f) || needed.has(parseModel(f).id));
  return { files: keep, bronze };
}

const t0 = performance.now();
const all = await loadModelFiles(values.sql);
const { files, bronze } = closure(all, TABLE);
const wanted = new Set(KNOWN_FORMATS.filter((f) => bronze.has(f.id)).map((f) => f.fileName));

const encoder = new TextEncoder();
const parts = new Map<string, Uint8Array[]>();
const summary = await generateDemo(recipe, {
  write(file, chunk) {
    if (!wanted.has(file)) return;
    const list = parts.get(file) ?? [];
    list.push(encoder.encode(chunk));
    parts.set(file, list);
  },
});
console.log(
  `generated ${JSON.stringify(recipe)}: ${summary.products} products; kept ${[...parts.keys()].sort().join(', ')}`,
);

const driver = await openNativeDriver();
try {
  for (const [name, chunks] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
    const out = await ingestCsv(driver, bytesSource(name, chunks), {
      ingestedAt: '2026-01-01 00:00:00',
    });
    if (out.status !== 'loaded') throw new Error(`${name}: ${out.status}`);
  }
  const run = await runPipeline(driver, files, { persist: false });
  const built = run.models.find((m) => m.model === TABLE);
  if (built?.status !== 'built') {
    throw new Error(`${TABLE} not built: ${JSON.stringify(run.error ?? built)}`);
  }
  const failed = run.tests.filter((t) => t.model === TABLE && t.status !== 'pass');
  if (failed.length) throw new Error(`tests failed: ${failed.map((t) => t.test).join(', ')}`);
  const out = path.resolve(values.out);
  await mkdir(path.dirname(out), { recursive: true });
  await driver.exec(
    `COPY (SELECT * FROM ${TABLE} ORDER BY product_id) TO '${out.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  // The recipe and the generator's ceiling travel with the data: train.py puts them on the card.
  const meta = { table: TABLE, recipe, rows: built.rows, demandCeiling: summary.demandCeiling };
  await writeFile(out.replace(/\.parquet$/, '') + '.json', JSON.stringify(meta, null, 2) + '\n');
  console.log(
    `wrote ${built.rows} rows to ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `best achievable R² on log1p(units): ${summary.demandCeiling.r2Log1p.toFixed(4)}, on units: ${summary.demandCeiling.r2Raw.toFixed(4)}`,
  );
} finally {
  await driver.close();
}
