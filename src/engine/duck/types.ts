import type { RecordBatch, Schema, Table } from 'apache-arrow';

export interface ResultStream {
  schema: Schema;
  batches: AsyncIterable<RecordBatch>;
}

/** One DuckDB connection, the same shape over duckdb-wasm in a browser worker and in Node. */
export interface DuckSession {
  /** Runs one or more statements and discards their results. */
  exec(sql: string): Promise<void>;
  /** Runs one statement and returns its whole result; `params` bind to `?` / `$n` placeholders. */
  query(sql: string, params?: readonly unknown[]): Promise<Table>;
  /** Runs one statement and yields its result batch by batch, so a caller can stop early. */
  stream(sql: string): Promise<ResultStream>;
  /** Creates `schema.table` from Arrow IPC stream bytes (the bytes may be detached afterwards). */
  insertArrowIpc(schema: string, table: string, ipc: Uint8Array): Promise<void>;
  /** Interrupts the statement this session is running, if any. */
  cancel(): Promise<boolean>;
  close(): Promise<void>;
}

/** A new database file DuckDB can ATTACH, fill and DETACH, then give up whole (an export). */
export interface ScratchDatabase {
  /** What ATTACH takes. */
  readonly path: string;
  /** The file's bytes; call after its CHECKPOINT and DETACH. */
  read(): Promise<Uint8Array>;
  /** Deletes the file and its write-ahead log. */
  remove(): Promise<void>;
}

/** A DuckDB-WASM database: the browser's AsyncDuckDB or the Node blocking build, behind one interface. */
export interface DuckDatabase {
  readonly bundle: string;
  readonly threads: number;
  /** How long each step of starting it took (ms), for the Data page and the persistence bench. */
  readonly startup?: Readonly<Record<string, number>>;
  connect(): Promise<DuckSession>;
  /** Makes `bytes` readable from SQL as `name` (e.g. `read_csv('name')`). */
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * Folds everything committed into the database file (CHECKPOINT) and leaves an empty write-ahead
   * log behind, so that later commits are replayed after a reload (duck/browser.ts says why the WAL
   * must be emptied by hand in OPFS).
   */
  checkpoint(session: DuckSession): Promise<void>;
  /**
   * A new, empty database file to ATTACH, in the origin's private file system (OPFS); absent where
   * the database cannot write one there (duckdb-wasm's threaded bundle, Node). `purpose` (letters)
   * goes into its name.
   */
  scratchDatabase?(purpose: string): Promise<ScratchDatabase>;
  version(): Promise<string>;
  close(): Promise<void>;
}

/** Settings that must run before any other SQL: DuckDB-WASM would otherwise fetch extensions from the internet. */
export const OFFLINE_SETTINGS_SQL = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
  // A same-origin, never-served path: an explicit LOAD fails fast instead of reaching out (PLATFORM_NOTES.md).
  "SET custom_extension_repository = './no-extensions-offline'",
].join(';\n');
