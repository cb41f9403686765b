import type { StorageMode } from '../../engine/storage/modes.ts';
import type { StorageConfig } from '../../engine/storage/storage.ts';

const MODES: readonly StorageMode[] = ['opfs', 'indexeddb', 'memory'];

/**
 * What the page sees of the browser's storage (a test or an old browser may lack
 * `navigator.storage.getDirectory` or IndexedDB), and `?storage=indexeddb|memory` to force a mode.
 */
export function storageConfig(): StorageConfig {
  const forced = new URLSearchParams(location.search).get('storage');
  let indexedDb: boolean;
  try {
    indexedDb = typeof indexedDB !== 'undefined' && indexedDB !== null;
  } catch {
    indexedDb = false;
  }
  return {
    caps: { opfs: typeof navigator.storage?.getDirectory === 'function', indexedDb },
    force: MODES.find((m) => m === forced) ?? null,
  };
}
