import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { tableFromIPC, type RecordBatch } from 'apache-arrow';
import type { DuckDatabase, DuckSession, ResultStream } from './types.ts';

/** duckdb-wasm's Node build (blocking bindings, single thread): the engine's code under Vitest and the wasm CLIs. */
export async function openNodeWasmDatabase(): Promise<DuckDatabase> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({});
  return {
    bundle: 'node-eh',
    threads: 1,
    connect: async () => nodeSession(db, db.connect()),
    registerBuffer: async (name, bytes) => db.registerFileBuffer(name, bytes),
    dropFile: async (name) => db.dropFile(name),
    checkpoint: (session) => session.exec('CHECKPOINT'),
    version: async () => db.getVersion(),
    close: async () => db.reset(),
  };
}

/**
 * Talks to the bindings in Arrow IPC bytes and decodes them with this module's apache-arrow: the
 * blocking build `require`s its own CommonJS copy of Arrow, whose objects fail the ESM copy's
 * `instanceof` checks (`new Table(batches)` then recurses until the stack overflows).
 */
function nodeSession(db: duckdb.DuckDBBindings, conn: duckdb.DuckDBConnection): DuckSession {
  const run = <R>(fn: (bindings: duckdb.DuckDBBindings, id: number) => R): R => conn.useUnsafe(fn);
  return {
    async exec(sql) {
      run((b, id) => b.runQuery(id, sql));
    },
    async query(sql, params) {
      if (!params?.length) return tableFromIPC(run((b, id) => b.runQuery(id, sql)));
      return run((b, id) => {
        const statement = b.createPrepared(id, sql);
        try {
          return tableFromIPC(b.runPrepared(id, statement, [...params]));
        } finally {
          b.closePrepared(id, statement);
        }
      });
    },
    async stream(sql): Promise<ResultStream> {
      const header = run((b, id) => {
        let bytes = b.startPendingQuery(id, sql, true);
        while (bytes === null) bytes = b.pollPendingQuery(id);
        return bytes;
      });
      const schema = tableFromIPC(header).schema;
      async function* batches(): AsyncIterable<RecordBatch> {
        for (;;) {
          // null: not ready yet; an empty chunk: the end of the result.
          let chunk: Uint8Array | null = null;
          while (chunk === null) chunk = run((b, id) => b.fetchQueryResults(id));
          if (chunk.byteLength === 0) return;
          const joined = new Uint8Array(header.byteLength + chunk.byteLength);
          joined.set(header);
          joined.set(chunk, header.byteLength);
          yield* tableFromIPC(joined).batches;
        }
      }
      return { schema, batches: batches() };
    },
    insertArrowIpc: async (schema, table, ipc) =>
      conn.insertArrowFromIPCStream(ipc, { schema, name: table, create: true }),
    cancel: async () => conn.cancelSent(),
    close: async () => conn.close(),
  };
}
