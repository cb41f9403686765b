/**
 * Writes the demo data set of a recipe as CSV files.
 *   npx tsx scripts/generate.ts --seed 42 --orders 100000 --scenario normal_day --out data/demo
 */
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEMO_FILES,
  generateDemo,
  SCENARIOS,
  validateRecipe,
} from '../src/data/generator/index.ts';
import type { DemoRecipe, Scenario } from '../src/data/generator/index.ts';

const USAGE = `Usage: npx tsx scripts/generate.ts --out <dir> [--seed 42] [--orders 100000]
         [--scenario ${SCENARIOS.join('|')}] [--chunk 10000] [--quiet]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function readOptions(): { recipe: DemoRecipe; out: string; chunk: number; quiet: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: 'string', default: '42' },
        orders: { type: 'string', default: '100000' },
        scenario: { type: 'string', default: 'normal_day' },
        out: { type: 'string' },
        chunk: { type: 'string', default: '10000' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.out === undefined) fail('--out is required');
  const recipe = {
    seed: Number(values.seed),
    orders: Number(values.orders),
    scenario: values.scenario as Scenario,
  };
  try {
    validateRecipe(recipe);
  } catch (error) {
    fail((error as Error).message);
  }
  const chunk = Number(values.chunk);
  if (!Number.isInteger(chunk) || chunk < 1) fail('--chunk must be a positive integer');
  return { recipe, out: values.out, chunk, quiet: values.quiet };
}

async function main(): Promise<void> {
  const { recipe, out, chunk, quiet } = readOptions();
  mkdirSync(out, { recursive: true });
  const streams = new Map<string, WriteStream>();
  const bytes = new Map<string, number>();
  for (const file of DEMO_FILES) {
    streams.set(file.name, createWriteStream(join(out, file.name)));
    bytes.set(file.name, 0);
  }
  const started = performance.now();
  const summary = await generateDemo(
    recipe,
    {
      async write(file, text) {
        const stream = streams.get(file) as WriteStream;
        bytes.set(file, (bytes.get(file) ?? 0) + Buffer.byteLength(text));
        if (!stream.write(text)) await once(stream, 'drain');
      },
    },
    {
      chunkOrders: chunk,
      onProgress({ ordersDone, ordersTotal }) {
        if (quiet) return;
        const seconds = (performance.now() - started) / 1000;
        const pct = ((100 * ordersDone) / ordersTotal).toFixed(1);
        process.stderr.write(
          `\r${ordersDone}/${ordersTotal} orders (${pct}%) in ${seconds.toFixed(1)} s`,
        );
      },
    },
  );
  await Promise.all([...streams.values()].map((s) => new Promise((resolve) => s.end(resolve))));
  const seconds = (performance.now() - started) / 1000;
  if (!quiet) process.stderr.write('\n');

  const rows = Object.entries(summary.rows);
  const width = Math.max(...rows.map(([f]) => f.length));
  let totalRows = 0;
  let totalBytes = 0;
  console.log(`${'file'.padEnd(width)}  ${'rows'.padStart(11)}  ${'bytes'.padStart(13)}`);
  for (const [file, count] of rows) {
    totalRows += count;
    totalBytes += bytes.get(file) ?? 0;
    console.log(
      `${file.padEnd(width)}  ${String(count).padStart(11)}  ${String(bytes.get(file)).padStart(13)}`,
    );
  }
  console.log(
    `${'total'.padEnd(width)}  ${String(totalRows).padStart(11)}  ${String(totalBytes).padStart(13)}`,
  );
  const { r2Log1p, r2Raw } = summary.demandCeiling;
  console.log(
    `recipe seed=${recipe.seed} orders=${recipe.orders} scenario=${recipe.scenario} → ${out}\n` +
      `${rows.length} files, ${totalRows} rows, ${totalBytes} bytes in ${seconds.toFixed(1)} s ` +
      `(${Math.round(totalRows / seconds)} rows/s); persons ${summary.persons}, products ${summary.products}, ` +
      `sellers ${summary.sellers}; best R² on units sold: log1p ${r2Log1p.toFixed(3)}, raw ${r2Raw.toFixed(3)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
