import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { RecordBatch, Table } from 'apache-arrow';
import type { DuckDatabase, DuckSession, ResultStream } from './types.ts';
import { opfsScratchDatabase } from './scratch.ts';

/**
 * Adapts duckdb-wasm's AsyncDuckDB (browser worker) to DuckDatabase; `afterCheckpoint` runs after
 * each CHECKPOINT (the OPFS database empties its WAL there).
 */
export function asyncDatabase(
  db: AsyncDuckDB,
  bundle: string,
  threads: number,
  afterCheckpoint?: () => Promise<void>,
  startup?: Record<string, number>,
): DuckDatabase {
  return {
    bundle,
    threads,
    ...(startup && { startup }),
    connect: async () => asyncSession(await db.connect()),
    registerBuffer: async (name, bytes) => {
      await db.registerFileBuffer(name, bytes);
    },
    dropFile: async (name) => {
      await db.dropFile(name);
    },
    async checkpoint(session) {
      await session.exec('CHECKPOINT');
      await afterCheckpoint?.();
    },
    // The threaded bundle cannot register OPFS files (scratch.ts says why).
    ...(bundle !== 'coi' && {
      scratchDatabase: (purpose: string) => opfsScratchDatabase(db, purpose),
    }),
    version: () => db.getVersion(),
    close: () => db.terminate(),
  };
}

function asyncSession(conn: AsyncDuckDBConnection): DuckSession {
  return {
    async exec(sql) {
      await conn.query(sql);
    },
    async query(sql, params) {
      if (!params?.length) return (await conn.query(sql)) as Table;
      const stmt = await conn.prepare(sql);
      try {
        return (await stmt.query(...params)) as Table;
      } finally {
        await stmt.close();
      }
    },
    async stream(sql): Promise<ResultStream> {
      const reader = await conn.send(sql, true);
      return { schema: reader.schema, batches: reader as AsyncIterable<RecordBatch> };
    },
    insertArrowIpc: (schema, table, ipc) =>
      conn.insertArrowFromIPCStream(ipc, { schema, name: table, create: true }),
    cancel: () => conn.cancelSent(),
    close: () => conn.close(),
  };
}
