/** SQL text helpers for the bronze layer: quoting and the bookkeeping tables. */

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The columns every bronze table carries after its source columns (the bronze contract). */
export const BRONZE_METADATA_COLUMNS = [
  ['_source_file', 'VARCHAR'],
  ['_row_number', 'BIGINT'],
  ['_batch_id', 'VARCHAR'],
  ['_ingested_at', 'TIMESTAMP'],
] as const;

export const BRONZE_BOOKKEEPING_SQL = `
CREATE SCHEMA IF NOT EXISTS bronze;
CREATE TABLE IF NOT EXISTS bronze._batches (
  batch_id VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  content_hash VARCHAR NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  ingested_at TIMESTAMP NOT NULL,
  PRIMARY KEY (batch_id, format)
);
CREATE TABLE IF NOT EXISTS bronze._rejects (
  format VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  batch_id VARCHAR NOT NULL,
  _row_number BIGINT NOT NULL,
  error_type VARCHAR NOT NULL,
  error_message VARCHAR NOT NULL,
  raw_record VARCHAR
);`;

/** A bronze table: every source column text, then the metadata columns. */
export function createBronzeTableSql(
  schema: string,
  table: string,
  columns: readonly string[],
  mode: 'if-missing' | 'replace' = 'if-missing',
): string {
  const cols = [
    ...columns.map((c) => `${ident(c)} VARCHAR`),
    ...BRONZE_METADATA_COLUMNS.map(([c, type]) => `${c} ${type}`),
  ].join(', ');
  const create = mode === 'replace' ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE IF NOT EXISTS';
  return `${create} ${ident(schema)}.${ident(table)} (${cols})`;
}

/** read_csv over one piece: every column text, the file's own dialect, bad records set aside. */
export function readPieceSql(
  piece: string,
  columns: readonly string[],
  rejectsTable: string,
): string {
  const spec = [`'_row_number': 'BIGINT'`, ...columns.map((c) => `${literal(c)}: 'VARCHAR'`)];
  return `SELECT * FROM read_csv(${literal(piece)}, header = true, auto_detect = false,
    delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, null_padding = false,
    strict_mode = true, columns = {${spec.join(', ')}}, ignore_errors = true, store_rejects = true,
    rejects_table = ${literal(rejectsTable)}, rejects_scan = ${literal(`${rejectsTable}_scan`)})`;
}
