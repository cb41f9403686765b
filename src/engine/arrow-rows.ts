import { DataType, type Table } from 'apache-arrow';

export type PlainValue = string | number | boolean | null;
export type PlainRow = Record<string, PlainValue>;

/** A 64-bit integer as a JS number when it is exact, else as its decimal text. */
export function plainInteger(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString();
}

/** `YYYY-MM-DD HH:MM:SS[.fff]` in UTC, the form DuckDB prints a TIMESTAMP in. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const fraction = iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction === '.000' ? '' : fraction}`;
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function plainValue(type: DataType, value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return plainInteger(value);
  if (DataType.isTimestamp(type) && typeof value === 'number') return formatTimestamp(value);
  if (DataType.isDate(type) && typeof value === 'number') return formatDate(value);
  if (DataType.isDecimal(type)) return Number(String(value)) / 10 ** type.scale;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return String(value);
}

/** Rows of an Arrow result as plain JS values, normalised the same way as the native driver's. */
/** A plain value as a number, keeping SQL NULL (and a missing column) as null. */
export const numberOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

export function arrowRows(table: Table): PlainRow[] {
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: PlainRow[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: PlainRow = {};
    fields.forEach((field, c) => {
      row[field.name] = plainValue(field.type, columns[c]?.get(r));
    });
    rows[r] = row;
  }
  return rows;
}
