import { DataType, type Field } from 'apache-arrow';
import { formatDate, formatTimestamp } from '../engine/arrow-rows.ts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function isNumericField(field: Field): boolean {
  return (
    DataType.isInt(field.type) || DataType.isFloat(field.type) || DataType.isDecimal(field.type)
  );
}

/** A result cell as a person reads it: thousands separators, DuckDB-style timestamps, NULL shown. */
export function formatCell(field: Field, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const type = field.type;
  if (typeof value === 'bigint') return integer.format(value);
  if (typeof value === 'number') {
    if (DataType.isTimestamp(type)) return formatTimestamp(value);
    if (DataType.isDate(type)) return formatDate(value);
    if (Number.isNaN(value)) return 'NaN';
    return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
  }
  if (DataType.isDecimal(type)) return decimal.format(Number(String(value)) / 10 ** type.scale);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return JSON.stringify(value.toJSON());
  }
  return String(value);
}

const brl = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL' });
const brlCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'BRL',
  notation: 'compact',
  maximumFractionDigits: 1,
});

/** An amount in Brazilian reais (the Olist data's currency): R$1,234.50, or R$1.2K compact. */
export function formatMoney(value: number, compact = false): string {
  return (compact ? brlCompact : brl).format(value);
}

/** A share as a percentage with one decimal: 0.1234 → "12.3%". */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}
