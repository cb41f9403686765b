import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthread from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import { asyncDatabase } from './wasm-async.ts';
import type { DuckDatabase } from './types.ts';

// Only the bundles selectBundle can pick in a browser with wasm exceptions: `eh` everywhere, `coi`
// (threads) when the page is cross-origin isolated. The `mvp` bundle would add 35 MB for browsers
// older than every one the app supports.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: ehWasm, mainWorker: ehWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
  coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthread },
};

export interface OpenOptions {
  /** An `opfs://` path for a database that persists in the origin's private file system; in memory without. */
  path?: string;
}

const walHandle = async (path: string) =>
  (await navigator.storage.getDirectory()).getFileHandle(`${path.slice('opfs://'.length)}.wal`, {
    create: true,
  });

/**
 * Registers the database's write-ahead log with duckdb-wasm before the database opens.
 *
 * Works around duckdb/duckdb-wasm#2182 (1.32.0): `open` registers an OPFS file only when it is not
 * empty. Reopening an existing database, DuckDB first opens the WAL read-only to replay it, and an
 * unregistered (empty) WAL then stays read-only for the whole session: every commit that must write
 * the WAL (one that cannot checkpoint at once, e.g. while another transaction is open) fails with
 * "File is not opened in write mode". A registered WAL is writable, like the database file.
 */
async function registerWal(db: duckdb.AsyncDuckDB, path: string): Promise<void> {
  await db.registerFileHandle(
    `${path}.wal`,
    await walHandle(path),
    duckdb.DuckDBDataProtocol.BROWSER_FSACCESS,
    true,
  );
}

/**
 * Empties the write-ahead log after a CHECKPOINT, as DuckDB means to by deleting it.
 *
 * duckdb-wasm 1.32's OPFS file system ignores `removeFile`, so after a CHECKPOINT the WAL keeps its
 * old bytes, headed with the checkpoint iteration the database file has just left behind. DuckDB then
 * appends the next commits to that file, and when it reopens the database it skips the whole WAL as
 * already checkpointed: every commit since the last CHECKPOINT of a session was lost on reload
 * (tests/persistence.spec.ts "commits after a checkpoint"). Truncating it by hand restores what
 * DuckDB expects: the next commit starts a fresh WAL with the current iteration. Run only while no
 * other write commits (the engine's saves and console writes take turns: `walGate` in engine.ts).
 */
async function emptyWal(db: duckdb.AsyncDuckDB, path: string): Promise<void> {
  await db.dropFile(`${path}.wal`); // closes duckdb-wasm's access handle, which locks the file
  // A sync access handle, as duckdb-wasm itself uses: where OPFS works for DuckDB, this does too.
  const access = await (await walHandle(path)).createSyncAccessHandle();
  try {
    access.truncate(0);
    access.flush();
  } finally {
    access.close();
  }
  await registerWal(db, path);
}

/**
 * Starts a session on an OPFS database with an empty WAL, and keeps DuckDB from checkpointing on its
 * own: what it replayed from the WAL at open (or skipped as stale) goes into the file now, and from
 * here on only `checkpoint` (which empties the WAL after it) folds the WAL into the file. An automatic
 * checkpoint would leave a stale WAL behind (see `emptyWal`) and lose the commits after it.
 */
async function startCleanWal(db: duckdb.AsyncDuckDB, path: string): Promise<void> {
  const conn = await db.connect();
  try {
    await conn.query(`SET GLOBAL checkpoint_threshold = '${NO_AUTO_CHECKPOINT}'; CHECKPOINT`);
  } finally {
    await conn.close();
  }
  await emptyWal(db, path);
}

/** Larger than any WAL a tab can write: DuckDB never checkpoints by itself (the engine does). */
const NO_AUTO_CHECKPOINT = '1000 GB';

/** Starts DuckDB-WASM in its own worker, nested in the engine worker. */
export async function openBrowserDatabase(
  onProgress?: (fraction: number) => void,
  options: OpenOptions = {},
): Promise<DuckDatabase> {
  // With duckdb-wasm 1.32's threaded bundle, a database in OPFS never finished loading the 1,000-order
  // demo (stalled past 4 minutes, where the same page in memory took 85 s; tests/hosting.spec.ts).
  // OPFS sync access handles belong to the DuckDB worker that opened them, not to its pthreads. So a
  // persistent database runs single-threaded even on a cross-origin isolated page; in memory (and
  // with IndexedDB snapshots) the threaded bundle is used.
  const bundle = await duckdb.selectBundle(options.path ? { ...BUNDLES, coi: undefined } : BUNDLES);
  const threaded = bundle.mainModule === coiWasm;
  let mark = performance.now();
  const startup: Record<string, number> = {};
  const lap = (step: string) => {
    const now = performance.now();
    startup[step] = Math.round(now - mark);
    mark = now;
  };
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
    if (p.bytesTotal > 0) onProgress?.(p.bytesLoaded / p.bytesTotal);
  });
  lap('instantiate');
  const threads = threaded ? Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4)) : 1;
  try {
    if (options.path?.startsWith('opfs://')) await registerWal(db, options.path);
    await db.open({
      maximumThreads: threads,
      query: { castBigIntToDouble: false },
      ...(options.path && {
        path: options.path,
        accessMode: duckdb.DuckDBAccessMode.READ_WRITE,
      }),
    });
    lap('open');
    if (options.path?.startsWith('opfs://')) {
      await startCleanWal(db, options.path);
      lap('wal');
    }
  } catch (error) {
    // The nested worker holds the OPFS access handles: end it so a retry (or another tab) can open the file.
    await db.terminate();
    throw error;
  }
  const path = options.path;
  return asyncDatabase(
    db,
    threaded ? 'coi' : 'eh',
    threads,
    path?.startsWith('opfs://') ? () => emptyWal(db, path) : undefined,
    startup,
  );
}
