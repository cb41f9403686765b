import * as duckdb from '@duckdb/duckdb-wasm';
import type { ScratchDatabase } from './types.ts';
import { emptyDuckdbFile } from './file-format.ts';

/** Names of scratch files, so a sweep never touches the app's own database (lakehouse.duckdb). */
const SCRATCH = /^scratch-[a-z]+-[0-9a-z]+-[0-9a-z]+\.duckdb(\.wal)?$/;
/**
 * DuckDB's smallest block size (native DuckDB reads it from the file). Each table takes at least
 * one block: the 1,000-order demo's 108 tables made a 33.6 MB file with the default 256 KiB, and
 * make a 14.2 MB one with 16 KiB.
 */
const SCRATCH_BLOCK = 16_384;
/** A scratch file this old was left by a tab that closed mid-export; a live export takes seconds. */
const STALE_MS = 10 * 60_000;

const isGone = (error: unknown) => error instanceof DOMException && error.name === 'NotFoundError';

function scratchName(purpose: string): string {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return `scratch-${purpose.toLowerCase().replace(/[^a-z]/g, '') || 'file'}-${id}.duckdb`;
}

/**
 * Deletes scratch files earlier sessions left behind (a tab closed during an export). One that
 * another tab still has open cannot be removed (its access handle locks it) and is skipped.
 */
async function sweep(root: FileSystemDirectoryHandle, now: number): Promise<void> {
  for await (const [name, handle] of root.entries()) {
    if (handle.kind !== 'file' || !SCRATCH.test(name)) continue;
    try {
      const file = await (handle as FileSystemFileHandle).getFile();
      if (now - file.lastModified > STALE_MS) await root.removeEntry(name);
    } catch {
      // Locked by another tab's export, or already gone.
    }
  }
}

/**
 * A new database file in the origin's private file system that SQL can ATTACH (duckdb-wasm 1.32,
 * single-threaded bundle only: the threaded one posts each registered handle to its pthreads, and
 * a FileSystemSyncAccessHandle cannot be cloned, "DataCloneError").
 *
 * duckdb-wasm only writes OPFS files it holds an access handle for, so both the file and its WAL
 * are registered. Left empty, the file is refused where the app's own database is not in OPFS
 * ("exists, but it is not a valid DuckDB database file"; DuckDB takes it for an existing file), so
 * it starts as the empty database DuckDB itself would write; the WAL may start empty, as the app's
 * own does (duck/browser.ts). duckdb-wasm ignores DuckDB's `removeFile` in OPFS, so `remove`
 * deletes both files itself.
 */
export async function opfsScratchDatabase(
  db: duckdb.AsyncDuckDB,
  purpose: string,
): Promise<ScratchDatabase> {
  const root = await navigator.storage.getDirectory();
  await sweep(root, Date.now());
  const name = scratchName(purpose);
  const path = `opfs://${name}`;
  const names = [name, `${name}.wal`];
  const close = async () => {
    for (const n of names) await db.dropFile(`opfs://${n}`).catch(() => undefined);
  };
  const remove = async () => {
    await close();
    for (const n of names) {
      await root.removeEntry(n).catch((error: unknown) => {
        if (!isGone(error)) throw error;
      });
    }
  };
  try {
    const file = await root.getFileHandle(name, { create: true });
    const access = await file.createSyncAccessHandle();
    try {
      access.write(emptyDuckdbFile(await db.getVersion(), SCRATCH_BLOCK), { at: 0 });
      access.flush();
    } finally {
      access.close();
    }
    for (const [n, handle] of [
      [path, file],
      [`${path}.wal`, await root.getFileHandle(`${name}.wal`, { create: true })],
    ] as const)
      await db.registerFileHandle(n, handle, duckdb.DuckDBDataProtocol.BROWSER_FSACCESS, true);
  } catch (error) {
    await remove().catch(() => undefined);
    throw error;
  }
  return {
    path,
    async read() {
      await close(); // flushes and closes the access handles, which lock the files
      const file = await (await root.getFileHandle(name)).getFile();
      return new Uint8Array(await file.arrayBuffer());
    },
    remove,
  };
}
