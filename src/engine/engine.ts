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
import { blobBuffer, parquetTableName, parquetToIpc } from './ingest/parquet-import.ts';
import { collectResult, tableStream, type QueryResult } from './collect-result.ts';

export interface EngineDeps {
  openDatabase(onProgress?: (fraction: number) => void): Promise<DuckDatabase>;
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

export function createEngine(deps: EngineDeps) {
  let database: Promise<{ db: DuckDatabase; info: EngineInfo }> | null = null;
  const sessions = new Map<string, Promise<DuckSession>>();
  const cancelled = new Set<string>();

  function ready() {
    database ??= (async () => {
      const started = deps.now();
      try {
        const db = await deps.openDatabase();
        const setup = await db.connect();
        await setup.exec(OFFLINE_SETTINGS_SQL.replaceAll('SET ', 'SET GLOBAL '));
        await setup.close();
        const info = {
          version: await db.version(),
          bundle: db.bundle,
          threads: db.threads,
          startupMs: deps.now() - started,
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

  async function session(channel: string): Promise<DuckSession> {
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
  let build: AbortController | null = null;
  const rethrow = (error: unknown): never => {
    throw toEngineError(error);
  };

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
      const started = deps.now();
      cancelled.delete(channel);
      try {
        const source = options.params?.length
          ? tableStream(await conn.query(sql, options.params))
          : await conn.stream(sql);
        const result = await collectResult(source, {
          maxRows: options.maxRows ?? DEFAULT_MAX_ROWS,
          isCancelled: () => cancelled.has(channel),
          onRows: onProgress && ((rows) => onProgress({ rows, elapsedMs: deps.now() - started })),
          elapsedMs: () => deps.now() - started,
        });
        if (cancelled.has(channel)) throw new EngineError('cancelled', 'Query cancelled.');
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
      return ingestor.ingestFiles(files, onProgress).catch(rethrow);
    },

    /** Generates the built-in demo data set in this worker and loads it into bronze. */
    loadDemo(recipe: DemoRecipe, onProgress?: (p: TaskProgress) => void) {
      return ingestor.loadDemo(recipe, onProgress).catch(rethrow);
    },

    /**
     * Opens Parquet files (e.g. gold tables written by `npm run pipeline --out` on native DuckDB) as
     * tables: `gold.sales_daily.parquet` becomes gold.sales_daily, any other name imported.<name>.
     */
    importParquet(files: Array<File | NamedBytes>): Promise<ParquetOutcome[]> {
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
      });
    },

    /** Stops the load in progress; nothing from the file being loaded is kept. */
    cancelIngest(): Promise<void> {
      return ingestor.cancel();
    },

    /** Runs the silver, gold and ml models over bronze, then their data tests. */
    buildPipeline(onProgress?: (p: RunProgress) => void): Promise<PipelineRun> {
      return serial(async () => {
        const controller = (build = new AbortController());
        try {
          return await runPipeline(await driver(), await deps.modelFiles(), {
            onProgress,
            signal: controller.signal,
          });
        } finally {
          build = null;
        }
      }).catch(rethrow);
    },

    async cancelBuild(): Promise<void> {
      if (!build) return;
      build.abort();
      await interrupt();
    },

    bronzeStatus() {
      return ingestor.status().catch(rethrow);
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
