import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';
import { formatDate, formatTimestamp, plainInteger, type PlainRow } from '../arrow-rows.ts';
import type { SqlDriver } from '../sql-driver.ts';

export interface NativeOptions {
  /** Threads for native DuckDB; 1 compares like for like with single-threaded duckdb-wasm. */
  threads?: number;
  path?: string;
}

/** Native DuckDB (@duckdb/node-api) behind SqlDriver, for the CLIs and the benchmarks' reference. */
export async function openNativeDriver(options: NativeOptions = {}): Promise<SqlDriver> {
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', {
    threads: String(options.threads ?? 1),
  });
  const conn = await instance.connect();
  // Registered buffers become files in a private folder that DuckDB searches for relative names.
  const files = await mkdtemp(path.join(tmpdir(), 'lakehouse-native-'));
  await conn.run(`SET file_search_path = '${files.replaceAll("'", "''")}'`);
  const version = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]?.v;
  return {
    engine: 'native',
    description: `native DuckDB ${String(version)} (${options.threads ?? 1} thread${options.threads === 1 || !options.threads ? '' : 's'})`,
    async exec(sql) {
      await conn.run(sql);
    },
    async rows(sql, params) {
      const reader = await conn.runAndReadAll(sql, params as DuckDBValue[] | undefined);
      const dateColumns = new Set(
        reader
          .columnNames()
          .filter((_, i) => reader.columnTypes()[i]?.typeId === DuckDBTypeId.DATE),
      );
      return reader.getRowObjectsJS().map((row) => plainRow(row, dateColumns));
    },
    async registerBuffer(name, bytes) {
      await writeFile(path.join(files, name), bytes);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
      await rm(files, { recursive: true, force: true });
    },
  };
}

function plainRow(row: Record<string, unknown>, dateColumns: Set<string>): PlainRow {
  const out: PlainRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[key] = null;
    else if (typeof value === 'bigint') out[key] = plainInteger(value);
    else if (value instanceof Date) {
      const ms = value.getTime();
      out[key] = dateColumns.has(key) ? formatDate(ms) : formatTimestamp(ms);
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      out[key] = value;
    } else out[key] = String(value);
  }
  return out;
}
