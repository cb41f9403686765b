import { DataType, type Table } from 'apache-arrow';
import { formatDate, formatTimestamp, plainInteger } from '../arrow-rows.ts';

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection, issue #9).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would take for a formula gets a leading single quote first; numbers
 * (a negative amount) are left as they are.
 */
export function csvField(value: string | null, isText: boolean): string {
  if (value === null) return '';
  const safe = isText && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A column's cell-to-text conversion, chosen once per column rather than per cell. */
export function cellConverter(type: DataType): (value: unknown) => string | null {
  if (DataType.isUtf8(type)) return (v) => (v === null || v === undefined ? null : String(v));
  if (
    DataType.isFloat(type) ||
    DataType.isBool(type) ||
    (DataType.isInt(type) && type.bitWidth < 64)
  )
    return (v) => (v === null || v === undefined ? null : String(v));
  return (v) => cellText(type, v);
}

/** A cell's text as the CSV carries it: DuckDB's own forms for dates and timestamps. */
export function cellText(type: DataType, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return String(plainInteger(value));
  if (DataType.isTimestamp(type) && typeof value === 'number') return formatTimestamp(value);
  if (DataType.isDate(type) && typeof value === 'number') return formatDate(value);
  if (DataType.isDecimal(type)) return decimalText(String(value), type.scale);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** An unscaled decimal's digits with the point put back, exactly (no float in between). */
export function decimalText(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

const isTextType = (type: DataType) =>
  !(
    DataType.isInt(type) ||
    DataType.isFloat(type) ||
    DataType.isDecimal(type) ||
    DataType.isBool(type) ||
    DataType.isDate(type) ||
    DataType.isTimestamp(type)
  );

/** A whole Arrow table as CSV text: a header row, CRLF line ends (RFC 4180). */
export function tableToCsv(table: Table): string {
  const fields = table.schema.fields;
  // Column by column: a vector's iterator walks its chunks once, far faster than get(row).
  const cells = fields.map((field, c) => {
    const isText = isTextType(field.type);
    const text = cellConverter(field.type);
    return Array.from(table.getChildAt(c) ?? [], (v) => csvField(text(v), isText));
  });
  const lines: string[] = [fields.map((f) => csvField(f.name, true)).join(',')];
  // numRows is a getter that walks the record batches: read it once.
  const rows = table.numRows;
  for (let r = 0; r < rows; r++) {
    let line = cells[0]?.[r] ?? '';
    for (let c = 1; c < cells.length; c++) line += ',' + cells[c]![r]!;
    lines.push(line);
  }
  return lines.join('\r\n') + '\r\n';
}
