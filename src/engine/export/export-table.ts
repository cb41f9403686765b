import { tableToIPC, type Table } from 'apache-arrow';
import { tableToCsv } from './csv.ts';
import { tableToParquet } from './parquet.ts';

export type ExportFormat = 'csv' | 'arrow' | 'parquet';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'arrow', 'parquet'];

export const EXPORT_TYPES: Record<ExportFormat, { mime: string; extension: string }> = {
  csv: { mime: 'text/csv;charset=utf-8', extension: 'csv' },
  arrow: { mime: 'application/vnd.apache.arrow.stream', extension: 'arrows' },
  parquet: { mime: 'application/vnd.apache.parquet', extension: 'parquet' },
};

/** The bytes of a result in one of the export formats. */
export function exportTable(table: Table, format: ExportFormat): Uint8Array {
  if (format === 'csv') return new TextEncoder().encode(tableToCsv(table));
  if (format === 'parquet') return tableToParquet(table);
  if (format === 'arrow') return tableToIPC(table, 'stream');
  throw new RangeError(`unknown export format ${String(format)}`);
}
