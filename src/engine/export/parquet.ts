import { DataType, type Table } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { cellText } from './csv.ts';

type ParquetColumn = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];
type Element = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

interface Mapping {
  element: Omit<Element, 'name'>;
  convert(value: unknown): unknown;
}

const optional = { repetition_type: 'OPTIONAL' } as const;
const orNull =
  <T>(f: (v: NonNullable<unknown>) => T) =>
  (v: unknown) =>
    v === null || v === undefined ? null : f(v);

/** How an Arrow column of this type is stored in Parquet, and each value converted on the way. */
function mapping(type: DataType): Mapping {
  if (DataType.isBool(type))
    return { element: { type: 'BOOLEAN', ...optional }, convert: orNull(Boolean) };
  if (DataType.isInt(type)) {
    return type.bitWidth === 64 || (type.bitWidth === 32 && !type.isSigned)
      ? { element: { type: 'INT64', ...optional }, convert: orNull((v) => BigInt(v as bigint)) }
      : { element: { type: 'INT32', ...optional }, convert: orNull(Number) };
  }
  if (DataType.isFloat(type) || DataType.isDecimal(type)) {
    return {
      element: { type: 'DOUBLE', ...optional },
      convert: orNull((v) => Number(cellText(type, v))),
    };
  }
  if (DataType.isDate(type)) {
    return {
      element: { type: 'INT32', converted_type: 'DATE', ...optional },
      convert: orNull((v) => new Date(v as number)),
    };
  }
  if (DataType.isTimestamp(type)) {
    // Milliseconds: Arrow JS hands DuckDB's microsecond timestamps over as milliseconds.
    return {
      element: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', ...optional },
      convert: orNull((v) => new Date(v as number)),
    };
  }
  return {
    element: { type: 'BYTE_ARRAY', converted_type: 'UTF8', ...optional },
    convert: (v) => cellText(type, v),
  };
}

/** A whole Arrow table as a Parquet file (snappy-compressed, written by hyparquet-writer). */
export function tableToParquet(table: Table): Uint8Array {
  const fields = table.schema.fields;
  const maps = fields.map((f) => mapping(f.type));
  const columnData: ParquetColumn[] = fields.map((field, c) => {
    const convert = maps[c]!.convert;
    const data = Array.from(table.getChildAt(c) ?? [], (v) => convert(v));
    return { name: field.name, data: data as ParquetColumn['data'] };
  });
  const schema: Element[] = [
    { name: 'root', num_children: fields.length },
    ...fields.map((f, c) => ({ name: f.name, ...maps[c]!.element }) as Element),
  ];
  return new Uint8Array(
    parquetWriteBuffer({ columnData, schema, createdBy: 'lakehouse-in-a-tab' }),
  );
}
