import type { DuckDatabase, DuckSession } from '../duck/types.ts';
import { EngineError, toEngineError } from '../errors.ts';
import { arrowRows } from '../arrow-rows.ts';
import { decodeSnapshot, dropUserData, exportSnapshot, importSnapshot } from './snapshot.ts';
import { databaseFileKind, readDuckdbHeader, type DuckdbHeader } from '../duck/file-format.ts';
import { isQuotaError } from './modes.ts';

/**
 * The database as a DuckDB database file, the one "Export database" downloads and "Import
 * database" reads: DuckDB's own `COPY FROM DATABASE` between the app's database and an attached
 * file, so schemas, tables, views, macros and sequences travel with their types and keys, and the
 * file opens in the DuckDB CLI or Python (`duckdb.connect('lakehouse-….duckdb')`).
 */

const EXPORT_AS = 'lakehouse_export';
const IMPORT_AS = 'lakehouse_import';
/** How every refused import ends: a refusal never touches the data. */
const UNCHANGED = 'Nothing was imported; the data here is unchanged.';

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function one(session: DuckSession, sql: string): Promise<Record<string, unknown>> {
  return arrowRows(await session.query(sql))[0] ?? {};
}

const tableCount = async (session: DuckSession, database: string) =>
  Number(
    (
      await one(
        session,
        `SELECT count(*)::INT AS n FROM duckdb_tables() WHERE database_name = ${literal(database)} AND NOT internal AND NOT temporary`,
      )
    ).n,
  );

export interface ExportedFile {
  bytes: Uint8Array;
  tables: number;
}

/** Copies the whole database into a new DuckDB database file in OPFS and returns the file's bytes. */
export async function exportDuckdbFile(
  db: DuckDatabase,
  session: DuckSession,
  onStep?: (step: string) => void,
): Promise<ExportedFile> {
  if (!db.scratchDatabase) throw new Error('This database cannot write a database file.');
  const source = String((await one(session, 'SELECT current_database() AS name')).name);
  const tables = await tableCount(session, source);
  const file = await db.scratchDatabase('export');
  try {
    onStep?.(`Copying ${tables} tables`);
    await session.exec(`ATTACH ${literal(file.path)} AS ${EXPORT_AS}`);
    try {
      await session.exec(`COPY FROM DATABASE ${quote(source)} TO ${EXPORT_AS}`);
      const copied = await tableCount(session, EXPORT_AS);
      if (copied !== tables)
        throw new Error(`The export holds ${copied} of the database's ${tables} tables.`);
      // Everything into the file itself: a download is one file, without its WAL.
      await session.exec(`CHECKPOINT ${EXPORT_AS}`);
    } finally {
      await session.exec(`DETACH ${EXPORT_AS}`);
    }
    onStep?.('Reading the file');
    return { bytes: await file.read(), tables };
  } catch (error) {
    if (isQuotaError(toEngineError(error).message))
      throw new EngineError(
        'unavailable',
        'The browser’s storage quota is too full for the export, which needs room for a copy of the database while it is written. Free some space and export again; the data is unchanged.',
      );
    throw error;
  } finally {
    await file.remove().catch(() => undefined);
  }
}

/** Macros, sequences and types outside the user schemas (in `main`), which `dropUserData` keeps. */
const MAIN_OBJECTS = [
  `SELECT DISTINCT schema_name, function_name AS name,
     CASE function_type WHEN 'table_macro' THEN 'MACRO TABLE' ELSE 'MACRO' END AS kind
   FROM duckdb_functions() WHERE database_name = current_database() AND NOT internal
     AND function_type IN ('macro', 'table_macro')`,
  `SELECT schema_name, sequence_name AS name, 'SEQUENCE' AS kind FROM duckdb_sequences()
   WHERE database_name = current_database() AND NOT temporary`,
  `SELECT schema_name, type_name AS name, 'TYPE' AS kind FROM duckdb_types()
   WHERE database_name = current_database() AND NOT internal`,
];

async function dropMainObjects(session: DuckSession): Promise<void> {
  for (const list of MAIN_OBJECTS)
    for (const o of arrowRows(await session.query(list)))
      await session.exec(
        `DROP ${String(o.kind)} IF EXISTS ${quote(String(o.schema_name))}.${quote(String(o.name))}`,
      );
}

/** Why DuckDB would not open the file, for a person; their data is untouched at this point. */
function openError(
  cause: unknown,
  header: DuckdbHeader,
  fileName: string,
  engineVersion: string,
): EngineError {
  const message = toEngineError(cause).message;
  const range = /versions? between (\d+) and (\d+)/i.exec(message);
  if (range && /version number/i.test(message)) {
    const newer = header.storageVersion > Number(range[2]);
    const by = header.writtenBy ? ` ${header.writtenBy}` : '';
    return new EngineError(
      'unavailable',
      newer
        ? `${fileName} was written by a newer DuckDB${by} (storage version ${header.storageVersion}) than this app’s DuckDB ${engineVersion} can read. ` +
            `With that DuckDB, write a copy in the older format and import the copy: ATTACH '${fileName}' AS src; ATTACH 'copy.duckdb' AS dst (STORAGE_VERSION 'v1.4.0'); COPY FROM DATABASE src TO dst. ${UNCHANGED}`
        : `${fileName} was written by an old DuckDB${by} (storage version ${header.storageVersion}) that DuckDB ${engineVersion} cannot read. ` +
            `With that DuckDB run EXPORT DATABASE 'dump', then IMPORT DATABASE 'dump' in a new file with DuckDB 1.4, and import that file. ${UNCHANGED}`,
    );
  }
  return new EngineError(
    'unavailable',
    `${fileName} could not be opened as a DuckDB database (${message.split('\n', 1)[0]}). ${UNCHANGED}`,
  );
}

export interface ImportedFile {
  tables: number;
  /** When the data was last saved in the app that exported it; null for other DuckDB files. */
  savedAt: string | null;
}

/**
 * Replaces the database's user data with a DuckDB database file's, in one transaction: a file
 * DuckDB cannot open, from a version it cannot read, or with no tables, changes nothing.
 */
export async function importDuckdbFile(
  db: DuckDatabase,
  session: DuckSession,
  bytes: Uint8Array,
  fileName: string,
): Promise<ImportedFile> {
  const header = readDuckdbHeader(bytes);
  if (!header)
    throw new EngineError('unavailable', `${fileName} is not a DuckDB database file. ${UNCHANGED}`);
  // A short read makes duckdb-wasm 1.32 loop forever (a cut-off download), so measure first.
  if (bytes.length < header.minimumBytes)
    throw new EngineError(
      'unavailable',
      `${fileName} is cut short (${bytes.length.toLocaleString('en')} of at least ${header.minimumBytes.toLocaleString('en')} bytes): download or copy it again. ${UNCHANGED}`,
    );
  const engineVersion = await db.version();
  const target = String((await one(session, 'SELECT current_database() AS name')).name);
  const name = `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.duckdb`;
  await db.registerBuffer(name, bytes);
  try {
    try {
      await session.exec(`ATTACH ${literal(name)} AS ${IMPORT_AS} (READ_ONLY)`);
    } catch (error) {
      throw openError(error, header, fileName, engineVersion);
    }
    try {
      const tables = await tableCount(session, IMPORT_AS);
      if (!tables)
        throw new EngineError(
          'unavailable',
          `${fileName} is a DuckDB database without tables. ${UNCHANGED}`,
        );
      const state = await one(
        session,
        `SELECT count(*)::INT AS n FROM duckdb_tables() WHERE database_name = '${IMPORT_AS}' AND schema_name = 'meta' AND table_name = 'app_state'`,
      );
      const savedAt = state.n
        ? ((await one(
            session,
            `SELECT max(value) AS v FROM ${IMPORT_AS}.meta.app_state WHERE key = 'saved_at'`,
          ).then((r) => r.v)) as string | null)
        : null;
      await session.exec('BEGIN TRANSACTION');
      try {
        await dropUserData(session);
        await dropMainObjects(session);
        await session.exec(`COPY FROM DATABASE ${IMPORT_AS} TO ${quote(target)}`);
        await session.exec('COMMIT');
      } catch (error) {
        await session.exec('ROLLBACK');
        throw error;
      }
      return { tables, savedAt: savedAt ?? null };
    } finally {
      await session.exec(`DETACH ${IMPORT_AS}`);
    }
  } finally {
    await db.dropFile(name);
  }
}

export interface DatabaseExport extends ExportedFile {
  format: 'duckdb' | 'lakehouse';
  /** Why the export is a `.lakehouse` snapshot, for the person who asked for a DuckDB file. */
  reason: string | null;
}

/**
 * "Export database": a DuckDB database file where OPFS can hold it while DuckDB writes it (and the
 * database can write there), else the app's own snapshot, which only this app reads.
 */
export async function exportDatabase(
  db: DuckDatabase,
  session: DuckSession,
  options: { opfs: boolean; now: string; onStep?: ((step: string) => void) | undefined },
): Promise<DatabaseExport> {
  if (db.scratchDatabase && options.opfs) {
    const file = await exportDuckdbFile(db, session, options.onStep);
    return { ...file, format: 'duckdb', reason: null };
  }
  const bytes = await exportSnapshot(session, options.now);
  return {
    bytes,
    tables: decodeSnapshot(bytes).header.tables.length,
    format: 'lakehouse',
    reason: options.opfs
      ? 'In this session DuckDB runs its multi-threaded build, which cannot write files to the browser’s private file system (OPFS)'
      : 'This browser has no private file system (OPFS) to write a DuckDB file in',
  };
}

/** "Import database": a DuckDB database file or a `.lakehouse` snapshot, told apart by content. */
export async function importDatabase(
  db: DuckDatabase,
  session: DuckSession,
  bytes: Uint8Array,
  fileName: string,
): Promise<ImportedFile & { format: DatabaseExport['format'] }> {
  const kind = databaseFileKind(bytes);
  if (kind === 'duckdb')
    return { ...(await importDuckdbFile(db, session, bytes, fileName)), format: 'duckdb' };
  if (kind === 'lakehouse') {
    const header = await importSnapshot(session, bytes);
    return { tables: header.tables.length, savedAt: header.savedAt, format: 'lakehouse' };
  }
  throw new EngineError(
    'unavailable',
    `${fileName} is neither a DuckDB database (.duckdb) nor a database exported by this app (.lakehouse). ${UNCHANGED}`,
  );
}
