import { tableToIPC } from 'apache-arrow';
import type { DuckSession } from '../duck/types.ts';
import { arrowRows } from '../arrow-rows.ts';

/**
 * A snapshot of every user table and view of a database: the IndexedDB fallback's saved state,
 * the read-only copy a second tab opens, and the file "Export database" downloads.
 *
 * Layout: MAGIC, a 4-byte little-endian header length, the JSON header, then each table's rows as
 * an Arrow IPC stream, in header order. Tables are re-created from DuckDB's own DDL, so types,
 * keys and defaults survive; Arrow only carries the rows.
 */
export interface SnapshotHeader {
  format: typeof FORMAT;
  savedAt: string;
  schemas: string[];
  tables: { schema: string; name: string; ddl: string; rows: number; bytes: number }[];
  views: string[];
}

const FORMAT = 'lakehouse-snapshot/1';
const MAGIC = new TextEncoder().encode('LKHSNAP1');
const STAGING = '_snapshot_staging';

export function encodeSnapshot(header: SnapshotHeader, parts: Uint8Array[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const total = MAGIC.length + 4 + json.length + parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  let at = MAGIC.length + 4 + json.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function decodeSnapshot(bytes: Uint8Array): { header: SnapshotHeader; parts: Uint8Array[] } {
  const magicOk = bytes.length > MAGIC.length + 4 && MAGIC.every((b, i) => bytes[i] === b);
  if (!magicOk) throw new Error('This file is not a database exported from this app.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(MAGIC.length, true);
  let at = MAGIC.length + 4;
  if (at + length > bytes.length) throw new Error('The database file is truncated.');
  const header = JSON.parse(
    new TextDecoder().decode(bytes.subarray(at, at + length)),
  ) as SnapshotHeader;
  if (header.format !== FORMAT)
    throw new Error(`Unknown snapshot format ${String(header.format)}.`);
  at += length;
  const parts: Uint8Array[] = [];
  for (const table of header.tables) {
    if (at + table.bytes > bytes.length) throw new Error('The database file is truncated.');
    parts.push(bytes.subarray(at, at + table.bytes));
    at += table.bytes;
  }
  return { header, parts };
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every schema, table and view the user (or the pipeline) created; DuckDB's own catalog is left out. */
export async function userCatalog(session: DuckSession) {
  const schemas = arrowRows(
    await session.query(
      'SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND NOT internal ORDER BY schema_name',
    ),
  ).map((r) => String(r.schema_name));
  const tables = arrowRows(
    await session.query(
      'SELECT schema_name, table_name, sql FROM duckdb_tables() WHERE database_name = current_database() AND NOT internal AND NOT temporary ORDER BY schema_name, table_name',
    ),
  ).map((r) => ({ schema: String(r.schema_name), name: String(r.table_name), ddl: String(r.sql) }));
  const views = arrowRows(
    await session.query(
      'SELECT sql FROM duckdb_views() WHERE database_name = current_database() AND NOT internal AND NOT temporary ORDER BY schema_name, view_name',
    ),
  ).map((r) => String(r.sql));
  return { schemas: schemas.filter((s) => s !== STAGING), tables, views };
}

export async function exportSnapshot(session: DuckSession, savedAt: string): Promise<Uint8Array> {
  const catalog = await userCatalog(session);
  const parts: Uint8Array[] = [];
  const tables: SnapshotHeader['tables'] = [];
  for (const t of catalog.tables) {
    const data = await session.query(`SELECT * FROM ${quote(t.schema)}.${quote(t.name)}`);
    const ipc = data.numRows > 0 ? tableToIPC(data, 'stream') : new Uint8Array();
    parts.push(ipc);
    tables.push({ ...t, rows: data.numRows, bytes: ipc.length });
  }
  return encodeSnapshot(
    { format: FORMAT, savedAt, schemas: catalog.schemas, tables, views: catalog.views },
    parts,
  );
}

/** Drops every user schema, table and view (what "Clear all data" and an import start from). */
export async function dropUserData(session: DuckSession): Promise<void> {
  const catalog = await userCatalog(session);
  for (const view of catalog.views) {
    const name = /^CREATE VIEW\s+(\S+)/i.exec(view)?.[1];
    if (name) await session.exec(`DROP VIEW IF EXISTS ${name}`);
  }
  for (const s of catalog.schemas) await session.exec(`DROP SCHEMA IF EXISTS ${quote(s)} CASCADE`);
  for (const t of catalog.tables.filter((x) => !catalog.schemas.includes(x.schema)))
    await session.exec(`DROP TABLE IF EXISTS ${quote(t.schema)}.${quote(t.name)}`);
}

/** Replaces the database's user data with the snapshot's, in one transaction. */
export async function importSnapshot(
  session: DuckSession,
  bytes: Uint8Array,
): Promise<SnapshotHeader> {
  const { header, parts } = decodeSnapshot(bytes);
  await session.exec('BEGIN TRANSACTION');
  try {
    await dropUserData(session);
    for (const s of header.schemas) await session.exec(`CREATE SCHEMA IF NOT EXISTS ${quote(s)}`);
    await session.exec(`CREATE SCHEMA IF NOT EXISTS ${STAGING}`);
    for (const [i, t] of header.tables.entries()) {
      await session.exec(t.ddl);
      if (!t.rows) continue;
      // insertArrowIpc detaches its buffer: give it a copy, so the caller's bytes stay usable.
      await session.insertArrowIpc(STAGING, 'rows', parts[i]!.slice());
      await session.exec(
        `INSERT INTO ${quote(t.schema)}.${quote(t.name)} SELECT * FROM ${STAGING}.rows; DROP TABLE ${STAGING}.rows`,
      );
    }
    await session.exec(`DROP SCHEMA ${STAGING}`);
    for (const view of header.views) await session.exec(view);
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw error;
  }
  return header;
}
