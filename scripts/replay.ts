/**
 * Replays a folder of demo CSVs (as `npm run generate` writes them) through the stream operators:
 *   npm run replay -- --data <dir> [--seed 1] [--window 1h] [--slide <d>] [--lateness 10m]
 *     [--delay 5m] [--late-share 0.01] [--dup-share 0.01] [--trigger 1d] [--engine native|wasm]
 *     [--out <dir>] [--check]
 * Loads bronze and builds silver with the same SQL models as the app, builds the event log and the
 * seeded arrival order, runs every micro-batch (each committed with its checkpoint), and writes the
 * final windows of each output as CSV. --check compares them with the batch oracle.
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
import { openReplay, prepareReplay, runToEnd } from '../src/stream/replay.ts';
import { OUTPUTS, oracleRows, sinkRows } from '../src/stream/oracle.ts';
import {
  DEFAULT_SETTINGS,
  formatDuration,
  parseDuration,
  validateSettings,
  type StreamSettings,
} from '../src/stream/settings.ts';

const d = DEFAULT_SETTINGS;
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    seed: { type: 'string', default: String(d.seed) },
    window: { type: 'string', default: formatDuration(d.windowMs) },
    slide: { type: 'string' },
    lateness: { type: 'string', default: formatDuration(d.latenessMs) },
    delay: { type: 'string', default: formatDuration(d.maxDelayMs) },
    'late-share': { type: 'string', default: String(d.lateShare) },
    'dup-share': { type: 'string', default: String(d.dupShare) },
    trigger: { type: 'string', default: formatDuration(d.triggerMs) },
    engine: { type: 'string', default: 'native' },
    out: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`${message}
usage: npm run replay -- --data <dir of CSVs> [--seed N] [--window 1m|1h|1d] [--slide <duration>]
  [--lateness 10m] [--delay 5m] [--late-share 0.01] [--dup-share 0.01] [--trigger 1d]
  [--engine native|wasm] [--out <dir>] [--check]`);
  process.exit(2);
}

const duration = (name: string, text: string | undefined): number =>
  parseDuration(text ?? '') ?? fail(`--${name}: not a duration (e.g. 90s, 10m, 1h, 1d)`);
if (!values.data) fail('--data is required');
if (!['native', 'wasm'].includes(values.engine ?? '')) fail('--engine: native or wasm');
const windowMs = duration('window', values.window);
const settings: StreamSettings = {
  seed: Number(values.seed),
  windowMs,
  slideMs: values.slide ? duration('slide', values.slide) : windowMs,
  latenessMs: duration('lateness', values.lateness),
  maxDelayMs: duration('delay', values.delay),
  lateShare: Number(values['late-share']),
  dupShare: Number(values['dup-share']),
  triggerMs: duration('trigger', values.trigger),
};
const invalid = validateSettings(settings);
if (invalid) fail(invalid);

const ms = (n: number) => `${n.toFixed(0)} ms`;
const driver: SqlDriver =
  values.engine === 'wasm'
    ? await wasmDriver(await openNodeWasmDatabase())
    : await openNativeDriver();
console.log(`engine: ${driver.description}`);

let t = performance.now();
for (const name of (await readdir(values.data)).filter((f) => f.endsWith('.csv')).sort()) {
  const out = await ingestCsv(driver, await nodeFileSource(path.join(values.data, name)), {
    ingestedAt: '2026-01-01 00:00:00',
  });
  if (out.status !== 'loaded') console.warn(`skipped ${name}: ${out.status}`);
}
const run = await runPipeline(
  driver,
  await loadModelFiles(path.join(import.meta.dirname, '../src/sql')),
);
if (run.error) fail(`pipeline: ${run.error.model}: ${run.error.message}`);
console.log(`bronze + silver/gold built in ${ms(performance.now() - t)}`);

t = performance.now();
await prepareReplay(driver, settings);
console.log(`event log and arrival order built in ${ms(performance.now() - t)}`);
t = performance.now();
let operatorMs = 0;
const progress = await runToEnd(await openReplay(driver, () => performance.now()), (r) => {
  operatorMs += r.operatorMs;
});
const elapsed = performance.now() - t;
console.log(
  `replayed ${progress.events} arrivals in ${progress.commits} micro-batches: ${progress.accepted} accepted, ` +
    `${progress.late} late, ${progress.duplicates} duplicates dropped; ${ms(elapsed)} ` +
    `(operators ${ms(operatorMs)}, the rest reading the log and committing)`,
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

let mismatches = 0;
if (values.check) {
  for (const output of OUTPUTS) {
    const a = JSON.stringify(await sinkRows(driver, output), round);
    const b = JSON.stringify(await oracleRows(driver, output, settings), round);
    console.log(`oracle ${output}: ${a === b ? 'equal' : 'DIFFERENT'}`);
    if (a !== b) mismatches++;
  }
}
function round(_key: string, v: unknown) {
  return typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v;
}

if (values.out) {
  await mkdir(values.out, { recursive: true });
  for (const output of OUTPUTS) {
    await writeFile(
      path.join(values.out, `stream.${output}.csv`),
      csv(await sinkRows(driver, output)),
    );
  }
  await writeFile(
    path.join(values.out, 'stream.late_events.csv'),
    csv(await driver.rows('SELECT * FROM stream.late_events ORDER BY seq')),
  );
  await writeFile(
    path.join(values.out, 'summary.json'),
    JSON.stringify({ settings, progress, elapsedMs: Math.round(elapsed) }, null, 2) + '\n',
  );
  console.log(
    `wrote the final windows of ${OUTPUTS.join(', ')} and the late events to ${values.out}`,
  );
}
await driver.close();
process.exit(mismatches === 0 ? 0 : 1);
