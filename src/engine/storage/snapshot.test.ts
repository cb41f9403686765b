import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import type { DuckDatabase, DuckSession } from '../duck/types.ts';
import { arrowRows } from '../arrow-rows.ts';
import { decodeSnapshot, dropUserData, exportSnapshot, importSnapshot } from './snapshot.ts';

let source: DuckDatabase;
let target: DuckDatabase;
let from: DuckSession;
let to: DuckSession;

beforeAll(async () => {
  source = await openNodeWasmDatabase();
  target = await openNodeWasmDatabase();
  from = await source.connect();
  to = await target.connect();
  await from.exec(`
    CREATE SCHEMA bronze; CREATE SCHEMA silver;
    CREATE TABLE bronze.orders (id INTEGER PRIMARY KEY, price DECIMAL(10,2), placed TIMESTAMP, tags VARCHAR[], note VARCHAR);
    INSERT INTO bronze.orders VALUES (1, 10.50, TIMESTAMP '2018-01-02 03:04:05', ['a','b'], 'it''s'), (2, NULL, NULL, [], NULL);
    CREATE TABLE silver.empty (k BIGINT NOT NULL);
    CREATE VIEW silver.big AS SELECT id FROM bronze.orders WHERE price > 5;
    CREATE TABLE main.scratch AS SELECT 42 AS answer;`);
});

afterAll(async () => {
  await source.close();
  await target.close();
});

const rows = async (s: DuckSession, sql: string) => arrowRows(await s.query(sql));

describe('database snapshots', () => {
  it('round-trips tables, types, keys, empty tables and views into another database', async () => {
    const bytes = await exportSnapshot(from, '2026-11-23T10:00:00.000Z');
    await to.exec('CREATE SCHEMA stale; CREATE TABLE stale.t AS SELECT 1 AS x');
    const header = await importSnapshot(to, bytes);
    expect(header.savedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(header.tables.map((t) => `${t.schema}.${t.name}:${t.rows}`)).toEqual([
      'bronze.orders:2',
      'main.scratch:1',
      'silver.empty:0',
    ]);
    expect(
      await rows(
        to,
        'SELECT id, price::VARCHAR AS price, placed::VARCHAR AS placed, tags, note FROM bronze.orders ORDER BY id',
      ),
    ).toEqual(
      await rows(
        from,
        'SELECT id, price::VARCHAR AS price, placed::VARCHAR AS placed, tags, note FROM bronze.orders ORDER BY id',
      ),
    );
    expect(await rows(to, 'SELECT id FROM silver.big')).toEqual([{ id: 1 }]);
    expect(
      await rows(to, "SELECT count(*)::INT AS n FROM duckdb_schemas() WHERE schema_name = 'stale'"),
    ).toEqual([{ n: 0 }]);
    await expect(to.exec('INSERT INTO bronze.orders (id) VALUES (1)')).rejects.toThrow(
      /constraint|duplicate/i,
    );
  });

  it('refuses bytes that are not a snapshot and leaves the database as it was', async () => {
    await expect(importSnapshot(to, new TextEncoder().encode('id,price\n1,2\n'))).rejects.toThrow(
      /not a database/,
    );
    const bytes = await exportSnapshot(from, 'x');
    await expect(importSnapshot(to, bytes.subarray(0, bytes.length - 10))).rejects.toThrow(
      /truncated/,
    );
    expect(await rows(to, 'SELECT count(*)::INT AS n FROM bronze.orders')).toEqual([{ n: 2 }]);
    expect(decodeSnapshot(bytes).header.tables).toHaveLength(3);
  });

  it('drops every user schema, table and view', async () => {
    await dropUserData(to);
    expect(
      await rows(to, 'SELECT count(*)::INT AS n FROM duckdb_tables() WHERE NOT internal'),
    ).toEqual([{ n: 0 }]);
    expect(
      await rows(to, 'SELECT count(*)::INT AS n FROM duckdb_views() WHERE NOT internal'),
    ).toEqual([{ n: 0 }]);
  });
});
