import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  databaseFileKind,
  duckdbChecksum,
  emptyDuckdbFile,
  readDuckdbHeader,
  sealHeaders,
} from './file-format.ts';

let dir: string;
/** A database file written by native DuckDB 1.4: its headers, then its blocks. */
let native: Uint8Array;

/** Opens `file` with native DuckDB, runs `sql`, and returns the rows of its last statement. */
async function runNative(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${file}' AS f; USE f`);
    const statements = sql.split(';').map((s) => s.trim());
    for (const statement of statements.slice(0, -1)) await conn.run(statement);
    return (await conn.runAndReadAll(statements.at(-1)!)).getRowObjectsJS();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lakehouse-format-'));
  const file = path.join(dir, 'native.duckdb');
  await runNative(file, 'CREATE TABLE t AS SELECT range AS i FROM range(100000); CHECKPOINT');
  native = new Uint8Array(await readFile(file));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DuckDB file headers', () => {
  it('tells DuckDB files, the app’s snapshots and anything else apart by content', () => {
    expect(databaseFileKind(native)).toBe('duckdb');
    expect(databaseFileKind(new TextEncoder().encode('LKHSNAP1{}'))).toBe('lakehouse');
    expect(databaseFileKind(new TextEncoder().encode('id,price\n1,2\n'))).toBe('unknown');
    expect(databaseFileKind(new Uint8Array())).toBe('unknown');
    expect(readDuckdbHeader(new TextEncoder().encode('order_id,price\n'))).toBeNull();
  });

  it('reads the storage version, the writer and the size a native file must have', () => {
    const header = readDuckdbHeader(native);
    expect(header?.storageVersion).toBe(64);
    expect(header?.writtenBy).toMatch(/^v1\.4\.\d+$/);
    expect(header?.minimumBytes).toBe(native.length);
    expect(readDuckdbHeader(native.subarray(0, 20_000))?.minimumBytes).toBe(native.length);
  });

  it('computes DuckDB’s own checksums of the three header blocks', () => {
    const view = new DataView(native.buffer, native.byteOffset);
    for (const at of [0, 4096, 8192])
      expect(duckdbChecksum(native.subarray(at + 8, at + 4096))).toBe(view.getBigUint64(at, true));
  });

  it.each([262_144, 16_384])(
    'writes an empty database (blocks of %i bytes) that native DuckDB opens and fills',
    async (blockSize) => {
      const empty = emptyDuckdbFile('v1.4.3', blockSize);
      expect(empty.length).toBe(12_288);
      expect(readDuckdbHeader(empty)).toEqual({
        storageVersion: 64,
        writtenBy: 'v1.4.3',
        minimumBytes: 12_288,
      });
      const file = path.join(dir, `empty-${blockSize}.duckdb`);
      await writeFile(file, empty);
      expect(
        await runNative(
          file,
          'CREATE TABLE x AS SELECT range AS n FROM range(50000); CHECKPOINT; SELECT sum(n)::BIGINT AS s FROM x',
        ),
      ).toEqual([{ s: 1_249_975_000n }]);
      const written = new Uint8Array(await readFile(file));
      expect(readDuckdbHeader(written)?.minimumBytes).toBe(written.length);
      expect((written.length - 12_288) % blockSize).toBe(0);
    },
  );

  it('re-seals edited headers so that DuckDB reads the edit, not a checksum error', async () => {
    const newer = native.slice();
    new DataView(newer.buffer).setBigUint64(12, 68n, true);
    const file = path.join(dir, 'newer.duckdb');
    await writeFile(file, sealHeaders(newer));
    await expect(runNative(file, 'SELECT 1')).rejects.toThrow(/version number 68/);
  });
});
