/**
 * Runs the SQL models on a folder of CSVs:
 *   npx tsx scripts/pipeline.ts --data <dir> --engine native|wasm [--out <dir>]
 * Files are recognised by their header and loaded into bronze with the app's loader. With --out,
 * every gold and ml table is written: Parquet on native DuckDB (COPY … FORMAT parquet), CSV on
 * duckdb-wasm, whose Parquet writer is an extension that cannot be loaded offline.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openNativeDriver } from '../src/engine/duck/native.ts';
import { openNodeWasmDatabase } from '../src/engine/duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../src/engine/sql-driver.ts';
import { ingestCsv } from '../src/engine/ingest/load-csv.ts';
import { nodeFileSource } from '../src/engine/ingest/node-source.ts';
import { loadModelFiles } from '../src/pipeline/load-files.ts';
import { runPipeline } from '../src/pipeline/run.ts';
import type { PlainRow } from '../src/engine/arrow-rows.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    engine: { type: 'string', default: 'native' },
    out: { type: 'string' },
    sql: { type: 'string', default: path.join(import.meta.dirname, '../src/sql') },
  },
});
if (!values.data || !['native', 'wasm'].includes(values.engine ?? '')) {
  console.error(
    'usage: tsx scripts/pipeline.ts --data <dir of CSVs> --engine native|wasm [--out <dir>]',
  );
  process.exit(2);
}

const ms = (n: number): string => `${n.toFixed(0).padStart(6)} ms`;
const driver: SqlDriver =
  values.engine === 'wasm'
    ? await wasmDriver(await openNodeWasmDatabase())
    : await openNativeDriver();
console.log(`engine: ${driver.description}`);

const t0 = performance.now();
const ingestedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
for (const name of (await readdir(values.data)).filter((f) => f.endsWith('.csv')).sort()) {
  const t = performance.now();
  const out = await ingestCsv(driver, await nodeFileSource(path.join(values.data, name)), {
    ingestedAt,
  });
  if (out.status === 'refused') {
    console.warn(`skipped ${out.message}`);
    continue;
  }
  if (out.status === 'duplicate') {
    console.warn(`skipped ${name}: the same bytes are already batch ${out.batchId}`);
    continue;
  }
  const aside = out.rejected ? ` (${out.rejected} malformed records set aside)` : '';
  console.log(
    `bronze.${out.format.padEnd(28)} ${String(out.rows).padStart(9)} rows ${ms(performance.now() - t)}  ← ${name}${aside}`,
  );
}
console.log(`loaded bronze in ${ms(performance.now() - t0)}`);

const run = await runPipeline(driver, await loadModelFiles(values.sql));
for (const m of run.models) {
  const extra = m.status === 'built' ? '' : `  ${m.status}: ${m.skipReason ?? m.error ?? ''}`;
  console.log(
    `${m.model.padEnd(36)} ${String(m.rows ?? '-').padStart(9)} rows ${ms(m.durationMs)}${extra}`,
  );
}
for (const t of run.tests.filter((x) => x.status === 'fail' || x.status === 'error')) {
  console.log(
    `TEST ${t.status.toUpperCase()} ${t.model} ${t.test}: ${t.error ?? `${t.failingRows} failing`}`,
  );
  if (t.samples[0]) console.log(`     e.g. ${JSON.stringify(t.samples[0])}`);
}
const count = (s: string): number => run.tests.filter((t) => t.status === s).length;
console.log(
  `run ${run.status}: ${run.models.length} models in ${ms(run.durationMs)}; tests ${count('pass')} pass, ` +
    `${count('fail')} fail, ${count('error')} error, ${count('skipped')} skipped; quality ${run.qualityScore ?? '-'}%`,
);

function csv(rows: PlainRow[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const cell = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return (
    [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n'
  );
}

if (values.out) {
  await mkdir(values.out, { recursive: true });
  const outputs = run.models.filter((m) => m.status === 'built' && m.layer !== 'silver');
  for (const m of outputs) {
    const file = path.resolve(
      values.out,
      `${m.model}.${driver.engine === 'native' ? 'parquet' : 'csv'}`,
    );
    if (driver.engine === 'native') {
      await driver.exec(`COPY ${m.model} TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`);
    } else {
      await writeFile(file, csv(await driver.rows(`SELECT * FROM ${m.model}`)));
    }
  }
  console.log(
    `wrote ${outputs.length} tables to ${values.out} as ${driver.engine === 'native' ? 'Parquet' : 'CSV (no Parquet in duckdb-wasm offline)'}`,
  );
}
await driver.close();
process.exit(run.status === 'success' ? 0 : 1);
