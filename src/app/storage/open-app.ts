import { getEngine } from '../engine-client.ts';
import { dataState } from '../data/data-state.svelte.ts';
import { storageState } from './storage-state.svelte.ts';
import { restoredNote } from './restored-note.ts';

/**
 * On open: data saved by an earlier visit comes back as it was (with a note saying what and from
 * when); an empty database is `onEmpty`'s to fill (the demo data set of the URL's recipe).
 */
export async function openData(onEmpty: () => void): Promise<void> {
  storageState.watch();
  try {
    await dataState.refresh();
  } finally {
    if (dataState.empty) dataState.opening = false;
  }
  const status = await getEngine().storageStatus();
  const ready = status?.state === 'ready' ? status : null;
  if (dataState.empty) {
    onEmpty();
    return;
  }
  const writable = !ready?.readOnly;
  try {
    await dataState.loadSaved();
  } finally {
    dataState.opening = false;
  }
  const rebuilding = writable && ((ready?.stale ?? false) || !dataState.lastRun);
  if (ready) {
    storageState.restored = restoredNote({
      batches: dataState.batches,
      builtAt: rebuilding ? null : (dataState.lastRun?.finishedAt ?? null),
      mode: ready.mode,
      savedAt: ready.savedAt,
      rebuilding,
    });
  }
  if (rebuilding) await dataState.build();
}
