import type { DuckDatabase, DuckSession } from '../duck/types.ts';
import { OFFLINE_SETTINGS_SQL } from '../duck/types.ts';
import { arrowRows } from '../arrow-rows.ts';
import { chooseMode, type StorageCaps, type StorageMode } from './modes.ts';
import { exportSnapshot, importSnapshot } from './snapshot.ts';
import type { Ownership, OwnershipDeps } from './ownership.ts';

export const OPFS_PATH = 'opfs://lakehouse.duckdb';
export const IDB_KEY = 'lakehouse-snapshot';

export interface StorageDeps {
  /** What the engine's worker supports (sync access handles exist only in workers). */
  workerCaps(): Omit<StorageCaps, 'indexedDb'> & { indexedDb: boolean };
  openDatabase(
    onProgress: ((fraction: number) => void) | undefined,
    options: { path?: string },
  ): Promise<DuckDatabase>;
  /** Null where the Web Locks API is missing: the tab then assumes it is alone. */
  ownership(handlers: Pick<OwnershipDeps, 'onReleaseRequested' | 'snapshot'>): Ownership | null;
  idb: {
    get(key: string): Promise<Uint8Array | undefined>;
    set(key: string, value: Uint8Array): Promise<void>;
    del(key: string): Promise<void>;
  };
  nowIso(): string;
  sleep(ms: number): Promise<void>;
}

/** What the page sends before the first query: what it sees of the browser, and a forced mode. */
export interface StorageConfig {
  caps?: Partial<StorageCaps>;
  force?: StorageMode | null;
}

export type StorageStatus =
  | { state: 'opening' }
  | { state: 'blocked' }
  | {
      state: 'ready';
      mode: StorageMode;
      reason: string | null;
      /** When the restored data was last saved; null for a fresh database. */
      savedAt: string | null;
      /** A load or build was under way when the data was last saved: the layers need a rebuild. */
      stale: boolean;
      readOnly: boolean;
    }
  | { state: 'released' };

export type OwnerChoice = 'take-over' | 'snapshot';

const STATE_DDL =
  'CREATE SCHEMA IF NOT EXISTS meta; CREATE TABLE IF NOT EXISTS meta.app_state (key VARCHAR PRIMARY KEY, value VARCHAR)';

async function readState(session: DuckSession): Promise<Record<string, string>> {
  const exists = arrowRows(
    await session.query(
      "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'meta' AND table_name = 'app_state'",
    ),
  );
  if (!exists[0]?.n) return {};
  const rows = arrowRows(await session.query('SELECT key, value FROM meta.app_state'));
  return Object.fromEntries(rows.map((r) => [String(r.key), String(r.value)]));
}

export async function writeState(session: DuckSession, key: string, value: string): Promise<void> {
  await session.exec(STATE_DDL);
  await session.query('INSERT OR REPLACE INTO meta.app_state VALUES (?, ?)', [key, value]);
}

/**
 * Opens the database where it can last longest (OPFS, else an in-memory database saved to IndexedDB,
 * else memory only), settles which tab owns it, and saves it on request.
 */
export function createStorage(deps: StorageDeps) {
  let config: StorageConfig = {};
  let status: StorageStatus = { state: 'opening' };
  const listeners = new Set<(s: StorageStatus) => void>();
  let choice: ((c: OwnerChoice) => void) | null = null;
  let current: { db: DuckDatabase; mode: StorageMode } | null = null;
  let handover: (() => Promise<void>) | null = null;

  const emit = (next: StorageStatus) => {
    status = next;
    for (const listener of listeners) listener(next);
  };

  const ownership = deps.ownership({
    onReleaseRequested: async () => {
      await handover?.();
      emit({ state: 'released' });
    },
    snapshot: async () => {
      if (!current) throw new Error('The database is not open.');
      const session = await current.db.connect();
      try {
        return await exportSnapshot(session, deps.nowIso());
      } finally {
        await session.close();
      }
    },
  });

  async function openOpfs(onProgress?: (f: number) => void): Promise<DuckDatabase> {
    // After a hand-over the other tab's access handles close a moment after its lock is released.
    for (let attempt = 0; ; attempt++) {
      try {
        return await deps.openDatabase(onProgress, { path: OPFS_PATH });
      } catch (error) {
        const busy = /access handle|NoModificationAllowed|InvalidState/i.test(String(error));
        if (!busy || attempt >= 20) throw error;
        await deps.sleep(250);
      }
    }
  }

  async function prepare(db: DuckDatabase, restore?: Uint8Array): Promise<Record<string, string>> {
    const session = await db.connect();
    try {
      await session.exec(OFFLINE_SETTINGS_SQL.replaceAll('SET ', 'SET GLOBAL '));
      if (restore) await importSnapshot(session, restore);
      // In OPFS every commit is in the WAL, which DuckDB replays when the file is opened after a kill
      // (duck/browser.ts keeps the WAL writable, and empty after each checkpoint). Only `save` folds
      // the WAL into the file: after each load, build and import, and now and then during a replay.
      return await readState(session);
    } finally {
      await session.close();
    }
  }

  return {
    configure(next: StorageConfig): void {
      config = next;
    },

    status: () => status,

    /** Whether this tab can keep files in OPFS: its worker can, and the page did not find it missing. */
    opfsAvailable(): boolean {
      const worker = deps.workerCaps();
      return worker.opfs && worker.syncHandles && config.caps?.opfs !== false;
    },

    watch(listener: (s: StorageStatus) => void): () => void {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },

    /** The user's answer when another tab owns the data. */
    choose(c: OwnerChoice): void {
      choice?.(c);
    },

    /** Called by the engine with what to do before this tab lets go of the database. */
    onHandover(fn: () => Promise<void>): void {
      handover = fn;
    },

    async open(onProgress?: (f: number) => void): Promise<DuckDatabase> {
      const worker = deps.workerCaps();
      const caps: StorageCaps = {
        opfs: worker.opfs && config.caps?.opfs !== false,
        syncHandles: worker.syncHandles,
        indexedDb: worker.indexedDb && config.caps?.indexedDb !== false,
      };
      let { mode, reason } = chooseMode(caps, config.force);
      if (mode !== 'memory' && ownership && !(await ownership.tryAcquire())) {
        emit({ state: 'blocked' });
        const answer = await new Promise<OwnerChoice>((resolve) => (choice = resolve));
        choice = null;
        emit({ state: 'opening' });
        if (answer === 'snapshot') {
          const bytes = await ownership.requestSnapshot();
          const db = await deps.openDatabase(onProgress, {});
          const state = await prepare(db, bytes);
          current = { db, mode: 'snapshot' };
          emit({
            state: 'ready',
            mode: 'snapshot',
            reason:
              'Another tab owns the data: this is a read-only copy of it, and changes made here are not saved.',
            savedAt: state.saved_at ?? null,
            stale: false,
            readOnly: true,
          });
          return db;
        }
        await ownership.takeOver();
      }
      let db: DuckDatabase | null = null;
      let restore: Uint8Array | undefined;
      if (mode === 'opfs') {
        try {
          db = await openOpfs(onProgress);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          ({ mode, reason } = chooseMode({ ...caps, opfs: false }, null));
          reason = `The database file in OPFS could not be opened (${message}). ${reason ?? ''}`;
        }
      }
      if (mode === 'indexeddb') {
        try {
          restore = await deps.idb.get(IDB_KEY);
        } catch (error) {
          mode = 'memory';
          reason = `IndexedDB could not be read (${String(error)}): the data lives in this tab only.`;
        }
      }
      db ??= await deps.openDatabase(onProgress, {});
      let state: Record<string, string>;
      try {
        state = await prepare(db, restore);
      } catch (error) {
        if (!restore) throw error;
        reason = `The saved IndexedDB snapshot could not be restored (${String(error)}); starting empty.`;
        state = {};
      }
      current = { db, mode };
      emit({
        state: 'ready',
        mode,
        reason,
        savedAt: state.saved_at ?? null,
        stale: state.layers_stale === '1',
        readOnly: false,
      });
      return db;
    },

    /** Makes everything committed so far durable: CHECKPOINT in OPFS, a snapshot in IndexedDB. */
    async save(session: DuckSession): Promise<string | null> {
      if (status.state !== 'ready' || status.readOnly || status.mode === 'memory') return null;
      const savedAt = deps.nowIso();
      await writeState(session, 'saved_at', savedAt);
      if (status.mode === 'opfs' && current) await current.db.checkpoint(session);
      else await deps.idb.set(IDB_KEY, await exportSnapshot(session, savedAt));
      emit({ ...status, savedAt });
      return savedAt;
    },

    /** Forgets the IndexedDB copy (the database itself is emptied by the caller). */
    async forget(): Promise<void> {
      if (status.state === 'ready' && status.mode === 'indexeddb') await deps.idb.del(IDB_KEY);
    },

    /** Lets go of the database and the lock (the page is closing, or another tab took over). */
    async close(): Promise<void> {
      await current?.db.close();
      current = null;
      ownership?.release();
    },
  };
}

export type Storage = ReturnType<typeof createStorage>;
