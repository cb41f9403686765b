import type { DuckDatabase, DuckSession } from './duck/types.ts';
import { OFFLINE_SETTINGS_SQL } from './duck/types.ts';
import { EngineError, toEngineError } from './errors.ts';
import { arrowRows, type PlainRow } from './arrow-rows.ts';
import { sessionDriver, type SqlDriver } from './sql-driver.ts';
import { createIngestor, type NamedBytes, type TaskProgress } from './ingest/ingestor.ts';
import type { DemoRecipe } from '../data/generator/index.ts';
import { runPipeline } from '../pipeline/run.ts';
import type { ModelFile } from '../pipeline/model.ts';
import type { PipelineRun, RunProgress } from '../pipeline/types.ts';
import { createTaskQueue } from './task-queue.ts';
import { createStreamController } from '../stream/controller.ts';
import { streamApi } from '../stream/engine-api.ts';
import { blobBuffer, parquetTableName, parquetToIpc } from './ingest/parquet-import.ts';
import { collectResult, tableStream, type QueryResult } from './collect-result.ts';
import { Table, tableFromIPC, type RecordBatch } from 'apache-arrow';
import { exportTable, type ExportFormat } from './export/export-table.ts';
import type { OwnerChoice, Storage, StorageConfig, StorageStatus } from './storage/storage.ts';
import { writeState } from './storage/storage.ts';
import { isQuotaError } from './storage/modes.ts';
import { dropUserData } from './storage/snapshot.ts';
import { exportDatabase, importDatabase, type DatabaseExport } from './storage/database-file.ts';
import { savedRun } from './storage/saved-run.ts';

export interface EngineDeps {
  openDatabase(
    onProgress?: (fraction: number) => void,
    options?: { path?: string },
  ): Promise<DuckDatabase>;
  /** Where the database is kept between visits (OPFS, IndexedDB); in memory without. */
  storage?: Storage;
  /** The SQL model files (src/sql/**), as the pipeline runner takes them. */
  modelFiles(): Promise<ModelFile[]>;
  now(): number;
  /** Marks buffers to move, not copy, across the worker boundary (comlink's `transfer` in a worker). */
  transfer<T>(value: T, transferables: Transferable[]): T;
}

export interface EngineInfo {
  version: string;
  bundle: string;
  threads: number;
  startupMs: number;
  /** The steps of `startupMs` that the database reports (instantiate, open, …), in ms. */
  startupSteps: Record<string, number>;
}

export interface QueryOptions {
  /** Queries on the same channel share a connection (its temp tables, settings) and are cancelled together. */
  channel?: string;
  /** At most this many rows are sent back; the rest are still counted. */
  maxRows?: number;
  /** Values bound to the statement's `?` / `$n` placeholders, never spliced into its text. */
  params?: readonly unknown[];
}

export interface QueryProgress {
  rows: number;
  elapsedMs: number;
}

export type { QueryResult } from './collect-result.ts';

const DEFAULT_MAX_ROWS = 10_000;
/** The start of a statement: the start of the text or a `;`, then blanks and comments. */
const STATEMENT = String.raw`(^|;)\s*(--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*`;
/** A statement that may change the database, by its first word. */
const WRITE_START = new RegExp(
  `${STATEMENT}(create|insert|update|delete|drop|alter|copy|truncate|import|attach|detach|merge|comment|commit|end|checkpoint|vacuum)\\b`,
  'i',
);
/** `WITH … INSERT | UPDATE | DELETE`: a statement that writes through common table expressions. */
const WRITE_WITH = new RegExp(`${STATEMENT}with\\b[^;]*\\b(insert|update|delete)\\b`, 'i');
const writes = (sql: string) => WRITE_START.test(sql) || WRITE_WITH.test(sql);

export function createEngine(deps: EngineDeps) {
  let database: Promise<{ db: DuckDatabase; info: EngineInfo }> | null = null;
  const sessions = new Map<string, Promise<DuckSession>>();
  const cancelled = new Set<string>();

  function ready() {
    database ??= (async () => {
      const started = deps.now();
      try {
        const db = deps.storage ? await deps.storage.open() : await deps.openDatabase();
        const setup = await db.connect();
        await setup.exec(OFFLINE_SETTINGS_SQL.replaceAll('SET ', 'SET GLOBAL '));
        await setup.close();
        const info = {
          version: await db.version(),
          bundle: db.bundle,
          threads: db.threads,
          startupMs: deps.now() - started,
          startupSteps: { ...db.startup },
        };
        return { db, info };
      } catch (error) {
        database = null;
        throw new EngineError(
          'startup',
          `The database could not start: ${toEngineError(error).message}`,
        );
      }
    })();
    return database;
  }

  const storageState = () => deps.storage?.status() ?? null;
  function assertOpen() {
    if (storageState()?.state === 'released')
      throw new EngineError(
        'unavailable',
        'Another tab took over the data, so this tab closed its copy. Reload this tab to take it back.',
      );
  }
  function assertWritable() {
    assertOpen();
    const s = storageState();
    if (s?.state === 'ready' && s.readOnly)
      throw new EngineError(
        'unavailable',
        'This tab shows a read-only copy of the data another tab owns. Take over the data to change it.',
      );
  }

  async function session(channel: string): Promise<DuckSession> {
    assertOpen();
    const { db } = await ready();
    let s = sessions.get(channel);
    if (!s) {
      s = db.connect();
      sessions.set(channel, s);
    }
    return s;
  }

  let taskDriver: Promise<SqlDriver> | null = null;
  const driver = () =>
    (taskDriver ??= (async () => sessionDriver((await ready()).db, await session('tasks')))());
  const interrupt = async () => {
    await (await sessions.get('tasks'))?.cancel();
  };
  const serial = createTaskQueue();
  const ingestor = createIngestor({ driver, interrupt, serial });
  const stream = createStreamController({
    driver,
    serial,
    now: deps.now,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    durable: () => replaySave(),
  });
  // A replay commit is durable once committed in OPFS (it is in the WAL, which DuckDB replays after a
  // kill), so a CHECKPOINT only folds the WAL into the file now and then, which keeps it short to
  // replay on the next open. In IndexedDB a save is a snapshot of the whole database, taken at most
  // every 5 s; a commit not yet in a snapshot is replayed again after a reload (offsets, state and
  // sinks travel together, so exactly-once holds).
  let lastReplaySave = Number.NEGATIVE_INFINITY;
  async function replaySave(): Promise<void> {
    const mode = storageState();
    const every = mode?.state === 'ready' && mode.mode === 'indexeddb' ? 5_000 : 30_000;
    if (deps.now() - lastReplaySave < every) return;
    lastReplaySave = deps.now();
    await checkpoint();
  }
  let build: AbortController | null = null;
  const rethrow = (error: unknown): never => {
    const e = toEngineError(error);
    if (isQuotaError(e.message))
      throw new EngineError(
        'unavailable',
        'The browser’s storage quota is full, so this load stopped and nothing from it was kept; ' +
          'everything saved before is intact. Free space (Storage on the Data page) and load again.',
      );
    throw e;
  };

  /**
   * Makes what is committed durable (CHECKPOINT in OPFS, a snapshot in IndexedDB). Not queued: call
   * it from inside a serial task (the replay does after its commits), or through
   * `api.checkpoint()` from outside one.
   */
  async function checkpoint(): Promise<string | null> {
    const storage = deps.storage;
    if (!storage) return null;
    const tasks = await session('tasks');
    return walGate(() => storage.save(tasks));
  }
  /**
   * In OPFS a save is a CHECKPOINT and then the WAL emptied by hand (duck/browser.ts): a commit that
   * landed between the two would be cut from the WAL, and lost if the tab died before the next save.
   * Console statements that may commit run outside the serial queue, so they and saves take turns here.
   */
  const walGate = createTaskQueue();
  const markStale = (stale: boolean) =>
    deps.storage
      ? session('tasks').then((s) => writeState(s, 'layers_stale', stale ? '1' : '0'))
      : null;
  /**
   * Runs a write task after flagging the layers stale, then saves what it committed. `work` must put
   * its database work in the serial queue itself (the ingestor's tasks do, so does the build): run
   * beside it, a queued save would CHECKPOINT and empty the WAL under its commits.
   */
  function writeTask<T>(work: () => Promise<T>): Promise<T> {
    assertWritable();
    return serial(() => markStale(true) ?? Promise.resolve())
      .then(work)
      .finally(() => serial(checkpoint).catch(() => null))
      .catch(rethrow);
  }
  deps.storage?.onHandover(async () => {
    ingestor.cancel().catch(() => undefined);
    build?.abort();
    await serial(checkpoint).catch(() => null);
    await deps.storage?.close();
    database = null;
    sessions.clear();
    taskDriver = null;
  });

  const api = {
    async init(): Promise<EngineInfo> {
      return (await ready()).info;
    },

    /** Runs SQL and returns the result as Arrow IPC stream bytes (moved, not copied, to the caller). */
    async query(
      sql: string,
      options: QueryOptions = {},
      onProgress?: (progress: QueryProgress) => void,
    ): Promise<QueryResult> {
      const channel = options.channel ?? 'default';
      const conn = await session(channel);
      const write = channel === 'console' && writes(sql);
      cancelled.delete(channel);
      try {
        const run = async () => {
          const started = deps.now();
          const source = options.params?.length
            ? tableStream(await conn.query(sql, options.params))
            : await conn.stream(sql);
          return collectResult(source, {
            maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
            isCancelled: () => cancelled.has(channel),
            onRows: onProgress && ((rows) => onProgress({ rows, elapsedMs: deps.now() - started })),
            elapsedMs: () => deps.now() - started,
          });
        };
        const result = write ? await walGate(run) : await run();
        if (cancelled.has(channel)) throw new EngineError('cancelled', 'Query cancelled.');
        // What the user changes from the console is saved like a load; queued, so a result never
        // waits for a load or build in progress.
        if (write) void serial(checkpoint).catch(() => null);
        return deps.transfer(result, [result.ipc.buffer as ArrayBuffer]);
      } catch (error) {
        throw cancelled.has(channel)
          ? new EngineError('cancelled', 'Query cancelled.')
          : toEngineError(error);
      } finally {
        cancelled.delete(channel);
      }
    },

    /** Runs a query with a small result and returns its rows as plain values (KPIs, checks). */
    async rows(sql: string, params?: readonly unknown[]): Promise<PlainRow[]> {
      const conn = await session('default');
      try {
        return arrowRows(await conn.query(sql, params));
      } catch (error) {
        throw toEngineError(error);
      }
    },

    /**
     * Runs a read query again to the last row and returns the whole result as a file's bytes (CSV,
     * Arrow IPC or Parquet), made here so a large export never blocks the page. Channel 'export'.
     */
    async exportQuery(
      sql: string,
      format: ExportFormat,
    ): Promise<{ bytes: Uint8Array; rows: number }> {
      const conn = await session('export');
      cancelled.delete('export');
      try {
        const source = await conn.stream(sql);
        const batches: RecordBatch[] = [];
        for await (const batch of source.batches) {
          if (cancelled.has('export')) throw new EngineError('cancelled', 'Export cancelled.');
          batches.push(batch);
        }
        const table = batches.length ? new Table(batches) : new Table(source.schema);
        const bytes = exportTable(table, format);
        return deps.transfer({ bytes, rows: table.numRows }, [bytes.buffer as ArrayBuffer]);
      } catch (error) {
        throw toEngineError(error);
      } finally {
        cancelled.delete('export');
      }
    },

    /** A result the page already holds (Arrow IPC bytes) as a file's bytes. */
    exportIpc(ipc: Uint8Array, format: ExportFormat): { bytes: Uint8Array; rows: number } {
      const table = tableFromIPC(ipc);
      const bytes = exportTable(table, format);
      return deps.transfer({ bytes, rows: table.numRows }, [bytes.buffer as ArrayBuffer]);
    },

    /** Runs statements whose results are not needed (DDL, inserts, settings). */
    async exec(sql: string, options: { channel?: string } = {}): Promise<void> {
      const conn = await session(options.channel ?? 'default');
      try {
        await conn.exec(sql);
      } catch (error) {
        throw toEngineError(error);
      }
    },

    /** Stops the statement running on `channel`; resolves true when one was running. */
    async cancel(channel = 'default'): Promise<boolean> {
      const s = sessions.get(channel);
      if (!s) return false;
      cancelled.add(channel);
      return (await s).cancel();
    },

    /** Loads CSV files into bronze; each file is recognised by its header. */
    ingestFiles(files: Array<File | NamedBytes>, onProgress?: (p: TaskProgress) => void) {
      return writeTask(() => ingestor.ingestFiles(files, onProgress));
    },

    /** Generates the built-in demo data set in this worker and loads it into bronze. */
    loadDemo(recipe: DemoRecipe, onProgress?: (p: TaskProgress) => void) {
      return writeTask(() => ingestor.loadDemo(recipe, onProgress));
    },

    /**
     * Opens Parquet files (e.g. gold tables written by `npm run pipeline --out` on native DuckDB) as
     * tables: `gold.sales_daily.parquet` becomes gold.sales_daily, any other name imported.<name>.
     */
    importParquet(files: Array<File | NamedBytes>): Promise<ParquetOutcome[]> {
      assertWritable();
      return serial(async () => {
        const conn = await session('tasks');
        const outcomes: ParquetOutcome[] = [];
        for (const item of files) {
          const target = parquetTableName(item.name);
          try {
            const source =
              item instanceof Blob ? blobBuffer(item) : (item.bytes.slice().buffer as ArrayBuffer);
            const { ipc, rows, columns } = await parquetToIpc(source);
            const name = `"${target.schema}"."${target.table}"`;
            await conn.exec(
              `CREATE SCHEMA IF NOT EXISTS "${target.schema}"; DROP TABLE IF EXISTS ${name}`,
            );
            await conn.insertArrowIpc(target.schema, target.table, ipc);
            outcomes.push({
              status: 'loaded',
              file: item.name,
              table: `${target.schema}.${target.table}`,
              rows,
              columns,
            });
          } catch (error) {
            outcomes.push({
              status: 'refused',
              file: item.name,
              message: `${item.name}: not a Parquet file this app can read (${toEngineError(error).message}).`,
            });
          }
        }
        return outcomes;
      }).finally(() => serial(checkpoint).catch(() => null));
    },

    /** Stops the load in progress; nothing from the file being loaded is kept. */
    cancelIngest(): Promise<void> {
      return ingestor.cancel();
    },

    /** Runs the silver, gold and ml models over bronze, then their data tests. */
    buildPipeline(onProgress?: (p: RunProgress) => void): Promise<PipelineRun> {
      // In the serial queue like a load (the ingestor queues its own work): a build outside it ran
      // beside a queued save, whose CHECKPOINT and emptied WAL failed the build's commits.
      return writeTask(() =>
        serial(async () => {
          const controller = (build = new AbortController());
          try {
            const run = await runPipeline(await driver(), await deps.modelFiles(), {
              onProgress,
              signal: controller.signal,
            });
            if (run.status === 'success') await markStale(false);
            return run;
          } finally {
            build = null;
          }
        }),
      );
    },

    async cancelBuild(): Promise<void> {
      if (!build) return;
      build.abort();
      await interrupt();
    },

    /** The streaming replay (src/stream): start, pause, resume, step, seek, reset, status. */
    ...streamApi(stream),

    bronzeStatus() {
      return ingestor.status().catch(rethrow);
    },

    /** Sends the page what the storage layer does: opening, blocked by another tab, ready, released. */
    configureStorage(config: StorageConfig): void {
      deps.storage?.configure(config);
    },

    storageStatus(): StorageStatus | null {
      return storageState();
    },

    watchStorage(listener: (status: StorageStatus) => void): void {
      deps.storage?.watch(listener);
    },

    /** The answer when another tab owns the data: take it over, or open a read-only copy. */
    chooseOwner(choice: OwnerChoice): void {
      deps.storage?.choose(choice);
    },

    /** Saves what is committed (queued after the running load or build). */
    checkpoint(): Promise<string | null> {
      return serial(checkpoint).catch(rethrow);
    },

    /** The last pipeline run recorded in meta.*, for a page opened on restored data. */
    async savedRun(): Promise<PipelineRun | null> {
      return savedRun(await driver()).catch(rethrow);
    },

    /**
     * The whole database as one file ("Export database"): a DuckDB database file (the app's own
     * snapshot where the database cannot write one). Moved, not copied, to the caller.
     */
    async exportDatabase(onStep?: (step: string) => void): Promise<DatabaseExport> {
      const result = await serial(async () =>
        exportDatabase((await ready()).db, await session('tasks'), {
          opfs: deps.storage?.opfsAvailable() ?? true,
          now: new Date().toISOString(),
          onStep,
        }),
      ).catch(rethrow);
      return deps.transfer(result, [result.bytes.buffer as ArrayBuffer]);
    },

    /**
     * Replaces all data with a DuckDB database file's or an exported `.lakehouse` snapshot's, in one
     * transaction (a file that cannot be read changes nothing), then saves.
     */
    importDatabase(bytes: Uint8Array, fileName = 'The file') {
      assertWritable();
      return serial(async () => {
        const { db } = await ready();
        const result = await importDatabase(db, await session('tasks'), bytes, fileName);
        await checkpoint();
        return result;
      }).catch(rethrow);
    },

    /** Drops every table, view and schema and saves the empty database. */
    clearAll(): Promise<void> {
      assertWritable();
      return serial(async () => {
        await dropUserData(await session('tasks'));
        await checkpoint();
        await deps.storage?.forget();
      }).catch(rethrow);
    },

    async registerBuffer(name: string, bytes: Uint8Array): Promise<void> {
      const { db } = await ready();
      await db.registerBuffer(name, bytes);
    },
  };
  return api;
}

export type ParquetOutcome =
  | { status: 'loaded'; file: string; table: string; rows: number; columns: string[] }
  | { status: 'refused'; file: string; message: string };

export type EngineApi = ReturnType<typeof createEngine>;
