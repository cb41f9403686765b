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
  /** While set, a save waits for it before storing its snapshot (a save in progress). */
  let holdSave: Promise<void> | null = null;
  let savesStarted = 0;
  /** What happened, in order, for the tests that care (saves and build progress). */
  const events: string[] = [];
  let engine: EngineApi;

  beforeAll(async () => {
    const storage = createStorage({
      workerCaps: () => ({ opfs: false, syncHandles: false, indexedDb: true }),
      openDatabase: () => openNodeWasmDatabase(),
      ownership: () => null,
      idb: {
        get: () => Promise.resolve(undefined),
        set: async (_key, value) => {
          savesStarted++;
          events.push('save');
          await holdSave;
          saved.push(value);
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

  it('a console write waits for a save in progress, and a WITH … INSERT is saved too', async () => {
    // In OPFS a save is CHECKPOINT then the WAL emptied by hand: a commit between the two was cut.
    let release!: () => void;
    holdSave = new Promise((resolve) => (release = resolve));
    const before = saved.length;
    const started = savesStarted;
    const saving = engine.checkpoint();
    await vi.waitFor(() => expect(savesStarted).toBe(started + 1), { timeout: 10_000 });
    let inserted = false;
    const insert = engine
      .query('WITH v AS (SELECT 9 AS x) INSERT INTO kept SELECT x FROM v', { channel: 'console' })
      .then(() => (inserted = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(inserted).toBe(false);
    release();
    holdSave = null;
    await saving;
    await insert;
    // The save it waited for, then its own.
    await vi.waitFor(() => expect(saved).toHaveLength(before + 2), { timeout: 10_000 });
    const rows = await engine.rows('SELECT x FROM kept ORDER BY x');
    expect(rows.map((r) => r.x)).toEqual([7, 8, 9]);
  });

  it('a save never runs in the middle of a build', async () => {
    // A build outside the serial queue ran beside the save a load had queued: in OPFS the save's
    // CHECKPOINT and emptied WAL failed the build's commits (tests/sources.spec.ts, now and then).
    events.length = 0;
    holdSave = null;
    // The save is asked for once the build is under way.
    let save: Promise<unknown> | null = null;
    await engine.buildPipeline(() => {
      events.push('build progress');
      save ??= engine.checkpoint();
    });
    await save;
    const first = events.indexOf('build progress');
    const last = events.lastIndexOf('build progress');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(events.slice(first, last + 1)).not.toContain('save');
    expect(events).toContain('save');
  });
});
