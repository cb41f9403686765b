import { arrowRows, type PlainRow } from './arrow-rows.ts';
import { OFFLINE_SETTINGS_SQL, type DuckDatabase, type DuckSession } from './duck/types.ts';

/**
 * The small interface the SQL models, CLIs and benchmarks use: the same calls over duckdb-wasm
 * (browser or Node) and over native DuckDB (@duckdb/node-api).
 */
export interface SqlDriver {
  readonly engine: 'wasm' | 'native';
  readonly description: string;
  exec(sql: string): Promise<void>;
  rows(sql: string, params?: readonly unknown[]): Promise<PlainRow[]>;
  /** Makes `bytes` readable from SQL under `name`. */
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function wasmDriver(db: DuckDatabase): Promise<SqlDriver> {
  const session = await db.connect();
  await session.exec(OFFLINE_SETTINGS_SQL);
  const driver = await sessionDriver(db, session);
  return {
    ...driver,
    async close() {
      await session.close();
      await db.close();
    },
  };
}

/** One connection of a database as a SqlDriver; closing it leaves the database open. */
export async function sessionDriver(db: DuckDatabase, session: DuckSession): Promise<SqlDriver> {
  return {
    engine: 'wasm',
    description: `duckdb-wasm ${await db.version()} (${db.bundle}, ${db.threads} thread${db.threads === 1 ? '' : 's'})`,
    exec: (sql) => session.exec(sql),
    rows: async (sql, params) => arrowRows(await session.query(sql, params)),
    registerBuffer: (name, bytes) => db.registerBuffer(name, bytes),
    close: () => session.close(),
  };
}
