import { createStore, del, get, set } from 'idb-keyval';
import { openBrowserDatabase } from '../duck/browser.ts';
import { createOwnership } from './ownership.ts';
import { createStorage } from './storage.ts';

/** The storage layer wired to the worker's real OPFS, IndexedDB, Web Locks and BroadcastChannel. */
export function browserStorage() {
  const store = typeof indexedDB === 'undefined' ? null : createStore('lakehouse', 'snapshots');
  return createStorage({
    workerCaps: () => ({
      opfs: typeof navigator.storage?.getDirectory === 'function',
      syncHandles: typeof FileSystemSyncAccessHandle !== 'undefined',
      indexedDb: store !== null,
    }),
    openDatabase: openBrowserDatabase,
    ownership: (handlers) =>
      typeof navigator.locks?.request === 'function' && typeof BroadcastChannel !== 'undefined'
        ? createOwnership({
            ...handlers,
            locks: navigator.locks,
            channel: new BroadcastChannel('lakehouse-database'),
          })
        : null,
    idb: {
      get: (key) => get<Uint8Array>(key, store ?? undefined),
      set: (key, value) => set(key, value, store ?? undefined),
      del: (key) => del(key, store ?? undefined),
    },
    nowIso: () => new Date().toISOString(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
