import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { createEngine, type EngineApi } from './engine.ts';
import { openNodeWasmDatabase } from './duck/wasm-node.ts';
import { createStorage } from './storage/storage.ts';
import { loadModelFiles } from '../pipeline/load-files.ts';

/**
 * What a user changes from the SQL console must be saved like a load: a commit made after the
 * session's last CHECKPOINT did not come back after a reload. The engine here keeps its data as
 * IndexedDB snapshots (a Map standing in for idb-keyval), so every save is one `set`.
 */
describe('console writes are saved', () => {
  const saved: Uint8Array[] = [];
  let engine: EngineApi;

  beforeAll(async () => {
    const storage = createStorage({
      workerCaps: () => ({ opfs: false, syncHandles: false, indexedDb: true }),
      openDatabase: () => openNodeWasmDatabase(),
      ownership: () => null,
      idb: {
        get: () => Promise.resolve(undefined),
        set: (_key, value) => {
          saved.push(value);
          return Promise.resolve();
        },
        del: () => Promise.resolve(),
      },
      nowIso: () => new Date().toISOString(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    engine = createEngine({
      openDatabase: openNodeWasmDatabase,
      storage,
      modelFiles: () => loadModelFiles(path.resolve(import.meta.dirname, '../sql')),
      now: () => performance.now(),
      transfer: (value) => value,
    });
    await engine.init();
  });
  afterAll(async () => {
    await engine.checkpoint().catch(() => null);
  });

  it('a console SELECT saves nothing; a console CREATE TABLE is saved', async () => {
    expect(engine.storageStatus()).toMatchObject({ state: 'ready', mode: 'indexeddb' });
    await engine.query('SELECT 42 AS answer', { channel: 'console' });
    // The dashboards' queries go through the same call on another channel: never a save either.
    await engine.query('CREATE TEMP TABLE scratch AS SELECT 1 AS x');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(saved).toHaveLength(0);

    await engine.query('SELECT 1; /* keep it */ CREATE TABLE kept AS SELECT 7 AS x', {
      channel: 'console',
    });
    await vi.waitFor(() => expect(saved).toHaveLength(1), { timeout: 10_000 });
    await engine.query('-- the second one\nINSERT INTO kept VALUES (8)', { channel: 'console' });
    await vi.waitFor(() => expect(saved).toHaveLength(2), { timeout: 10_000 });
  });
});
