import { KNOWN_FORMATS, normaliseColumn } from '../data/formats.ts';
import { createBronzeTableSql } from '../engine/ingest/bronze-sql.ts';

export { BRONZE_METADATA_COLUMNS } from '../engine/ingest/bronze-sql.ts';

export interface BronzeSource {
  /** Table name inside schema `bronze`: the format id of src/data/formats.ts. */
  table: string;
  /** The file name the format usually comes under. */
  files: string[];
  /** Business columns (lowercased CSV header), all VARCHAR. */
  columns: string[];
}

/** Every bronze table the models know, with its columns: an absent one is stood in for by an empty table. */
export const BRONZE_SOURCES: readonly BronzeSource[] = KNOWN_FORMATS.map((f) => ({
  table: f.id,
  files: [f.fileName],
  columns: f.columns.map(normaliseColumn),
}));

export function bronzeSource(table: string): BronzeSource | undefined {
  return BRONZE_SOURCES.find((s) => s.table === table);
}

/** DDL for an empty stand-in of a bronze table, with the contract's column types. */
export function emptyBronzeTableSql(schema: string, source: BronzeSource): string {
  return createBronzeTableSql(schema, source.table, source.columns, 'replace');
}
