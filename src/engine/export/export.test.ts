import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { tableFromIPC, type Table } from 'apache-arrow';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import type { DuckDatabase, DuckSession } from '../duck/types.ts';
import { arrowRows } from '../arrow-rows.ts';
import { csvField, decimalText, tableToCsv } from './csv.ts';
import { exportTable } from './export-table.ts';

let db: DuckDatabase;
let conn: DuckSession;
beforeAll(async () => {
  db = await openNodeWasmDatabase();
  conn = await db.connect();
});
afterAll(async () => {
  await conn.close();
  await db.close();
});

describe('CSV fields (RFC 4180, formulas defused — issue #9)', () => {
  it.each<[string, string | null, boolean, string]>([
    ['plain text', 'toys', true, 'toys'],
    ['null is an empty field', null, true, ''],
    ['empty text is an empty field', '', true, ''],
    ['a comma quotes', 'a,b', true, '"a,b"'],
    ['a quote is doubled', 'say "hi"', true, '"say ""hi"""'],
    ['a line break quotes', 'a\nb', true, '"a\nb"'],
    ['a CR LF quotes', 'a\r\nb', true, '"a\r\nb"'],
    ['= formula', '=HYPERLINK("http://x","y")', true, '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+ formula', '+1+1', true, "'+1+1"],
    ['- formula', '-2+3', true, "'-2+3"],
    ['@ formula', '@SUM(A1)', true, "'@SUM(A1)"],
    ['leading tab', '\tcmd', true, "'\tcmd"],
    ['leading CR', '\rcmd', true, '"\'\rcmd"'],
    ['a negative number stays a number', '-12.5', false, '-12.5'],
    ['= inside is harmless', 'a=b', true, 'a=b'],
  ])('%s', (_name, value, isText, expected) => {
    expect(csvField(value, isText)).toBe(expected);
  });

  it.each([
    ['12345', 2, '123.45'],
    ['-5', 2, '-0.05'],
    ['7', 0, '7'],
    ['-123456789012345678901234567', 4, '-12345678901234567890123.4567'],
  ])('decimal %s scale %i', (unscaled, scale, text) => {
    expect(decimalText(unscaled, scale)).toBe(text);
  });
});

const SAMPLE = `SELECT * FROM (VALUES
  (1, 'plain', -3.25::DECIMAL(10,2), 1.5::DOUBLE, true, DATE '2018-01-02', TIMESTAMP '2018-01-02 03:04:05.678', 9007199254740993::BIGINT),
  (2, '=1+1', 100.00::DECIMAL(10,2), NULL, false, NULL, NULL, -1::BIGINT),
  (3, NULL, NULL, -0.5, NULL, DATE '1999-12-31', TIMESTAMP '1970-01-01 00:00:00', NULL),
  (4, 'comma, "quote"' || chr(10) || 'line', 0.01::DECIMAL(10,2), 1e20, true, DATE '2024-02-29', TIMESTAMP '2024-02-29 23:59:59', 0)
) t(id, label, amount, ratio, flag, "day", "at", big)`;

async function sample(): Promise<Table> {
  return conn.query(SAMPLE);
}

describe('CSV export', () => {
  it('reads back in DuckDB as the same text, with the formula defused', async () => {
    const csv = tableToCsv(await sample());
    await db.registerBuffer('export.csv', new TextEncoder().encode(csv));
    const back = arrowRows(
      await conn.query(
        "SELECT * FROM read_csv('export.csv', header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')",
      ),
    );
    expect(back).toHaveLength(4);
    expect(back[0]).toEqual({
      id: '1',
      label: 'plain',
      amount: '-3.25',
      ratio: '1.5',
      flag: 'true',
      day: '2018-01-02',
      at: '2018-01-02 03:04:05.678',
      big: '9007199254740993',
    });
    expect(back[1]?.label).toBe("'=1+1");
    expect(back[2]?.label).toBeNull();
    expect(back[3]?.label).toBe('comma, "quote"\nline');
    expect(back[3]?.amount).toBe('0.01');
    expect(csv.split('\r\n')[0]).toBe('id,label,amount,ratio,flag,day,at,big');
  });
});

describe('Parquet export', () => {
  it('round-trips through hyparquet to the same values', async () => {
    const table = await sample();
    const bytes = exportTable(table, 'parquet');
    const rows = await parquetReadObjects({ file: bytes.slice().buffer as ArrayBuffer });
    const plain = (v: unknown) =>
      v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : (v ?? null);
    expect(
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)]))),
    ).toEqual([
      {
        id: 1,
        label: 'plain',
        amount: -3.25,
        ratio: 1.5,
        flag: true,
        day: '2018-01-02T00:00:00.000Z',
        at: '2018-01-02T03:04:05.678Z',
        big: '9007199254740993',
      },
      {
        id: 2,
        label: '=1+1',
        amount: 100,
        ratio: null,
        flag: false,
        day: null,
        at: null,
        big: '-1',
      },
      {
        id: 3,
        label: null,
        amount: null,
        ratio: -0.5,
        flag: null,
        day: '1999-12-31T00:00:00.000Z',
        at: '1970-01-01T00:00:00.000Z',
        big: null,
      },
      {
        id: 4,
        label: 'comma, "quote"\nline',
        amount: 0.01,
        ratio: 1e20,
        flag: true,
        day: '2024-02-29T00:00:00.000Z',
        at: '2024-02-29T23:59:59.000Z',
        big: '0',
      },
    ]);
  });

  it('an empty result is a valid file with the columns', async () => {
    const table = await conn.query("SELECT 1::INTEGER AS a, 'x' AS b WHERE false");
    const bytes = exportTable(table, 'parquet');
    expect(await parquetReadObjects({ file: bytes.slice().buffer as ArrayBuffer })).toEqual([]);
  });
});

describe('Arrow export', () => {
  it('is the Arrow IPC stream of the result', async () => {
    const table = await sample();
    expect(arrowRows(tableFromIPC(exportTable(table, 'arrow')))).toEqual(arrowRows(table));
  });
});
