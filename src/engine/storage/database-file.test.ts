import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import type { DuckDatabase, DuckSession } from '../duck/types.ts';
import { emptyDuckdbFile, sealHeaders } from '../duck/file-format.ts';
import { arrowRows } from '../arrow-rows.ts';
import { exportDatabase, importDatabase } from './database-file.ts';
import { dropUserData, exportSnapshot } from './snapshot.ts';

let dir: string;
let db: DuckDatabase;
let session: DuckSession;
/** What a data engineer hands over: a database written by native DuckDB (CLI, Python). */
let nativeFile: Uint8Array;

const rows = async (sql: string) => arrowRows(await session.query(sql));
const tables = () =>
  rows(
    "SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1",
  ).then((r) => r.map((x) => x.t));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lakehouse-dbfile-'));
  const file = path.join(dir, 'native.duckdb');
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  for (const sql of [
    "CREATE MACRO nz(x) AS nullif(trim(x), '')",
    'CREATE SCHEMA bronze',
    "CREATE TABLE bronze.olist_orders AS SELECT 'o' || range AS order_id, (range % 7)::DECIMAL(10,2) AS price, TIMESTAMP '2018-01-01' + INTERVAL (range) MINUTE AS placed FROM range(5000)",
    'CREATE SEQUENCE bronze.ids',
    "CREATE TABLE bronze.notes (id BIGINT DEFAULT nextval('bronze.ids'), note VARCHAR)",
    "INSERT INTO bronze.notes (note) VALUES ('a'), ('  ')",
    'CREATE SCHEMA gold',
    'CREATE VIEW gold.cheap AS SELECT order_id FROM bronze.olist_orders WHERE price < 1',
    'CREATE SCHEMA meta',
    'CREATE TABLE meta.app_state (key VARCHAR PRIMARY KEY, value VARCHAR)',
    "INSERT INTO meta.app_state VALUES ('saved_at', '2026-11-20T08:00:00.000Z'), ('layers_stale', '0')",
    'CHECKPOINT',
  ])
    await conn.run(sql);
  conn.closeSync();
  instance.closeSync();
  nativeFile = new Uint8Array(await readFile(file));
  db = await openNodeWasmDatabase();
  session = await db.connect();
});

afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await dropUserData(session);
  await session.exec(`
    CREATE OR REPLACE MACRO nz(x) AS nullif(x, '');
    CREATE SCHEMA bronze; CREATE TABLE bronze.mine AS SELECT 1 AS kept;
    CREATE SCHEMA meta; CREATE TABLE meta.app_state (key VARCHAR PRIMARY KEY, value VARCHAR);
    INSERT INTO meta.app_state VALUES ('saved_at', '2026-11-23T09:00:00.000Z');`);
});

/** The data the app held before a refused import, exactly. */
async function untouched() {
  expect(await tables()).toEqual(['bronze.mine', 'meta.app_state']);
  expect(await rows('SELECT kept FROM bronze.mine')).toEqual([{ kept: 1 }]);
}

describe('importing a DuckDB database file', () => {
  it('replaces every schema, table, view, macro and sequence with the file’s', async () => {
    const result = await importDatabase(db, session, nativeFile.slice(), 'x.duckdb');
    expect(result).toEqual({ tables: 3, savedAt: '2026-11-20T08:00:00.000Z', format: 'duckdb' });
    expect(await tables()).toEqual(['bronze.notes', 'bronze.olist_orders', 'meta.app_state']);
    expect(
      await rows(
        'SELECT count(*)::INT AS n, sum(price)::DOUBLE AS total, max(placed)::VARCHAR AS last FROM bronze.olist_orders',
      ),
    ).toEqual([{ n: 5000, total: 14_995, last: '2018-01-04 11:19:00' }]);
    expect(await rows('SELECT count(*)::INT AS n FROM gold.cheap')).toEqual([{ n: 715 }]);
    // The file's macro (trims) replaced the app's (does not), and its sequence goes on counting.
    expect(await rows("SELECT nz('  ') IS NULL AS trimmed")).toEqual([{ trimmed: true }]);
    await session.exec("INSERT INTO bronze.notes (note) VALUES ('b')");
    expect(await rows('SELECT max(id)::INT AS id FROM bronze.notes')).toEqual([{ id: 3 }]);
    expect(await rows("SELECT value FROM meta.app_state WHERE key = 'layers_stale'")).toEqual([
      { value: '0' },
    ]);
    expect(
      await rows('SELECT count(*)::INT AS n FROM duckdb_databases() WHERE NOT internal'),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses a file that is no database, and keeps the data', async () => {
    const csv = new TextEncoder().encode('order_id,price\n1,2\n');
    await expect(importDatabase(db, session, csv, 'orders.csv')).rejects.toThrow(
      /orders\.csv is neither a DuckDB database \(\.duckdb\) nor a database exported by this app/,
    );
    await untouched();
  });

  it('refuses a cut-off file before DuckDB reads it (duckdb-wasm would loop on the short read)', async () => {
    await expect(
      importDatabase(db, session, nativeFile.slice(0, 300_000), 'half.duckdb'),
    ).rejects.toThrow(/half\.duckdb is cut short \(300,000 of at least [\d,]+ bytes\)/);
    await untouched();
  });

  it('explains a file from a newer DuckDB, and keeps the data', async () => {
    const newer = nativeFile.slice();
    const view = new DataView(newer.buffer);
    view.setBigUint64(12, 68n, true);
    newer.set(new TextEncoder().encode('v9.9.9\0'), 52);
    await expect(importDatabase(db, session, sealHeaders(newer), 'new.duckdb')).rejects.toThrow(
      /new\.duckdb was written by a newer DuckDB v9\.9\.9 \(storage version 68\) than this app’s DuckDB v1\.4\.\d+ can read\..*STORAGE_VERSION 'v1\.4\.0'.*Nothing was imported/,
    );
    await untouched();
  });

  it('explains a file from an old DuckDB, and keeps the data', async () => {
    const old = nativeFile.slice();
    new DataView(old.buffer).setBigUint64(12, 51n, true);
    await expect(importDatabase(db, session, sealHeaders(old), 'old.duckdb')).rejects.toThrow(
      /old\.duckdb was written by an old DuckDB .*\(storage version 51\)/,
    );
    await untouched();
  });

  it('refuses a damaged file, and keeps the data', async () => {
    const damaged = nativeFile.slice();
    damaged[20_000] = damaged[20_000]! ^ 0xff;
    damaged[4096 + 100] = 1;
    await expect(importDatabase(db, session, damaged, 'bad.duckdb')).rejects.toThrow(
      /bad\.duckdb could not be opened as a DuckDB database \(.*\)\. Nothing was imported/,
    );
    await untouched();
  });

  it('refuses a database without tables rather than emptying the app', async () => {
    await expect(
      importDatabase(db, session, emptyDuckdbFile('v1.4.3'), 'empty.duckdb'),
    ).rejects.toThrow(/empty\.duckdb is a DuckDB database without tables/);
    await untouched();
  });

  it('still imports the app’s own .lakehouse snapshots', async () => {
    const snapshot = await exportSnapshot(session, '2026-11-22T07:00:00.000Z');
    await session.exec('DROP TABLE bronze.mine');
    const result = await importDatabase(db, session, snapshot, 'old.lakehouse');
    expect(result).toEqual({ tables: 2, savedAt: '2026-11-22T07:00:00.000Z', format: 'lakehouse' });
    await untouched();
  });
});

describe('exporting where the database cannot write a file', () => {
  it('falls back to the app’s own snapshot and says why', async () => {
    expect(db.scratchDatabase).toBeUndefined();
    const result = await exportDatabase(db, session, { opfs: false, now: 'now' });
    expect(result.format).toBe('lakehouse');
    expect(result.tables).toBe(2);
    expect(result.reason).toMatch(/no private file system \(OPFS\)/);
  });
});
