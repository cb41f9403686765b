/** Where the database lives, from the most to the least durable. */
export type StorageMode = 'opfs' | 'indexeddb' | 'memory' | 'snapshot';

export interface StorageCaps {
  /** `navigator.storage.getDirectory` (the Origin Private File System). */
  opfs: boolean;
  /** `FileSystemSyncAccessHandle`, which DuckDB-WASM needs to keep its database in OPFS. */
  syncHandles: boolean;
  indexedDb: boolean;
}

export interface ModeChoice {
  mode: StorageMode;
  /** For people: why this mode, when it is not the preferred one. */
  reason: string | null;
}

export const MODE_LABEL: Record<StorageMode, string> = {
  opfs: 'this browser’s private file system (OPFS)',
  indexeddb: 'IndexedDB snapshots',
  memory: 'memory only',
  snapshot: 'a read-only snapshot',
};

const NO_OPFS =
  'This browser has no private file system with synchronous access (older Safari, some private windows)';

/** The most durable mode the browser supports; `force` (tests, debugging) never picks one it lacks. */
export function chooseMode(caps: StorageCaps, force?: StorageMode | null): ModeChoice {
  const opfs = caps.opfs && caps.syncHandles;
  if ((force === 'opfs' || !force) && opfs) return { mode: 'opfs', reason: null };
  if ((force === 'indexeddb' || !force || force === 'opfs') && caps.indexedDb) {
    return {
      mode: 'indexeddb',
      reason:
        force === 'indexeddb' && opfs
          ? 'IndexedDB snapshots were chosen for this session.'
          : `${NO_OPFS}: the data is saved to IndexedDB after each load and build.`,
    };
  }
  return {
    mode: 'memory',
    reason:
      force === 'memory'
        ? 'Memory-only mode was chosen for this session: nothing is saved.'
        : `${caps.opfs ? 'Storage is blocked' : NO_OPFS}, and IndexedDB is unavailable: the data lives in this tab only and is gone when it closes.`,
  };
}

/** A DuckDB or browser error that means the origin's storage quota is full. */
export function isQuotaError(message: string): boolean {
  return /QuotaExceeded|quota (?:has been )?exceeded|exceeds? (?:the )?quota|no space left|disk is full/i.test(
    message,
  );
}
