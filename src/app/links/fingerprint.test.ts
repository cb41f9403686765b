import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../../engine/duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../../engine/sql-driver.ts';
import {
  BATCHES_EXIST_SQL,
  FINGERPRINT_SQL,
  fingerprintFiles,
  fingerprintText,
} from './fingerprint-sql.ts';

let driver: SqlDriver;
beforeAll(async () => {
  driver = await wasmDriver(await openNodeWasmDatabase());
});
afterAll(async () => {
  await driver.close();
});

const fingerprint = async () => fingerprintText((await driver.rows(FINGERPRINT_SQL))[0]);
/** The same fingerprint worked out in Node: MD5 of the sorted distinct hashes joined by commas. */
const expected = (hashes: string[]) => {
  const sorted = [...new Set(hashes)].sort();
  return `${sorted.length}-${createHash('md5').update(sorted.join(',')).digest('hex').slice(0, 16)}`;
};

describe('data fingerprint', () => {
  it('is null before any file is loaded', async () => {
    expect((await driver.rows(BATCHES_EXIST_SQL))[0]?.n).toBe(0);
    await driver.exec(
      'CREATE SCHEMA bronze; CREATE TABLE bronze._batches (batch_id INTEGER, content_hash VARCHAR)',
    );
    expect(await fingerprint()).toBeNull();
  });

  it('depends on the files, not on the order they were loaded in', async () => {
    await driver.exec("INSERT INTO bronze._batches VALUES (1, 'bbb'), (2, 'aaa'), (3, 'ccc')");
    const first = await fingerprint();
    expect(first).toBe(expected(['aaa', 'bbb', 'ccc']));
    expect(fingerprintFiles(first!)).toBe(3);
    await driver.exec('DELETE FROM bronze._batches');
    await driver.exec("INSERT INTO bronze._batches VALUES (7, 'ccc'), (8, 'aaa'), (9, 'bbb')");
    expect(await fingerprint()).toBe(first);
  });

  it('changes when one file differs', async () => {
    const before = await fingerprint();
    await driver.exec("UPDATE bronze._batches SET content_hash = 'ddd' WHERE content_hash = 'aaa'");
    const after = await fingerprint();
    expect(after).not.toBe(before);
    expect(after).toBe(expected(['ddd', 'bbb', 'ccc']));
    expect(after).toMatch(/^\d{1,5}-[0-9a-f]{16}$/);
  });
});
