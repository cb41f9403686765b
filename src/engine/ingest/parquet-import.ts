import {
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
  type AsyncBuffer,
} from 'hyparquet';
import {
  Bool,
  DateDay,
  Float64,
  Int32,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';

/**
 * Parquet files (the gold tables `npm run pipeline --out` writes on native DuckDB) opened in the
 * browser: DuckDB-WASM's parquet extension cannot be loaded offline, so hyparquet reads the file and
 * the rows reach DuckDB as Arrow.
 */
export interface ParquetTable {
  schema: string;
  table: string;
}

const LAYERS = new Set(['bronze', 'silver', 'gold', 'ml']);

/** `gold.sales_daily.parquet` → gold.sales_daily; any other name → imported.<name>. */
export function parquetTableName(fileName: string): ParquetTable {
  const base = fileName.replace(/\.parquet$/i, '');
  const [schema, table] = base.split('.', 2);
  if (schema && table && LAYERS.has(schema) && /^\w+$/.test(table)) return { schema, table };
  const safe =
    base
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'table';
  return { schema: 'imported', table: /^\d/.test(safe) ? `t_${safe}` : safe };
}

/** An AsyncBuffer over a Blob, so a large file is read range by range, never whole. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

interface ColumnInfo {
  name: string;
  type: DataType;
  convert(value: unknown): unknown;
}

function columnInfo(element: {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type?: string };
}): ColumnInfo {
  const { name, type, converted_type: converted } = element;
  const logical = element.logical_type?.type;
  const asText = (v: unknown) =>
    v === null || v === undefined
      ? null
      : typeof v === 'string'
        ? v
        : JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  if (converted === 'DATE' || logical === 'DATE')
    return { name, type: new DateDay(), convert: (v) => v ?? null };
  if (converted?.startsWith('TIMESTAMP') || logical === 'TIMESTAMP') {
    return { name, type: new TimestampMillisecond(), convert: (v) => v ?? null };
  }
  if (converted === 'DECIMAL' || logical === 'DECIMAL' || type === 'DOUBLE' || type === 'FLOAT') {
    return {
      name,
      type: new Float64(),
      convert: (v) => (v === null || v === undefined ? null : Number(v)),
    };
  }
  if (type === 'INT64')
    return {
      name,
      type: new Int64(),
      convert: (v) => (v === null || v === undefined ? null : BigInt(v as bigint)),
    };
  if (type === 'INT32') return { name, type: new Int32(), convert: (v) => v ?? null };
  if (type === 'BOOLEAN') return { name, type: new Bool(), convert: (v) => v ?? null };
  return { name, type: new Utf8(), convert: asText };
}

/** Reads a Parquet file into Arrow IPC stream bytes, with its row count and column names. */
export async function parquetToIpc(
  file: AsyncBuffer,
): Promise<{ ipc: Uint8Array; rows: number; columns: string[] }> {
  const metadata = await parquetMetadataAsync(file);
  const columns = parquetSchema(metadata).children.map((c) => columnInfo(c.element as never));
  const objects = (await parquetReadObjects({ file, metadata })) as Record<string, unknown>[];
  const vectors: Record<string, Vector> = {};
  for (const column of columns) {
    vectors[column.name] = vectorFromArray(
      objects.map((row) => column.convert(row[column.name])),
      column.type,
    );
  }
  const table = new Table(vectors);
  return {
    ipc: tableToIPC(table, 'stream'),
    rows: objects.length,
    columns: columns.map((c) => c.name),
  };
}
