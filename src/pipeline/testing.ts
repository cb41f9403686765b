import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { ingestCsv } from '../engine/ingest/load-csv.ts';
import { bytesSource } from '../engine/ingest/sources.ts';

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
