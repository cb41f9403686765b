import { splitTopLevel } from './split-args.ts';

/** A data test declared in a model header's `@tests`. */
export type DataTest =
  | { kind: 'not_null'; name: string; column: string }
  | { kind: 'unique'; name: string; columns: string[] }
  | { kind: 'accepted_values'; name: string; column: string; values: string[] }
  | { kind: 'range'; name: string; column: string; min: string | null; max: string | null }
  | { kind: 'relationships'; name: string; column: string; parent: string; parentColumn: string }
  | { kind: 'expect'; name: string; predicate: string };

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function ident(value: string | undefined, test: string): string {
  if (value === undefined || !IDENT.test(value)) {
    throw new Error(`${test}: expected a column name, got "${value ?? ''}"`);
  }
  return value;
}

function bound(value: string | undefined, test: string): string | null {
  if (value === undefined || value === 'null') return null;
  if (!NUMBER.test(value) && !/^'[^']*'$/.test(value)) {
    throw new Error(`${test}: a bound must be a number, a quoted literal or null, got "${value}"`);
  }
  return value;
}

/** Parses one test expression such as `range(gmv, 0, null)`. */
export function parseDataTest(text: string): DataTest {
  const match = /^([a-z_]+)\s*\(([\s\S]*)\)$/.exec(text.trim());
  if (!match) throw new Error(`cannot read test "${text}"; expected name(arguments)`);
  const [, kind = '', argText = ''] = match;
  const name = text.trim().replace(/\s+/g, ' ');
  const args = splitTopLevel(argText);
  switch (kind) {
    case 'not_null':
      return { kind, name, column: ident(args[0], name) };
    case 'unique':
      if (args.length === 0) throw new Error(`${name}: needs at least one column`);
      return { kind, name, columns: args.map((a) => ident(a, name)) };
    case 'accepted_values': {
      const list = args[1]?.trim() ?? '';
      if (!list.startsWith('[') || !list.endsWith(']')) {
        throw new Error(`${name}: expected a list such as ['a', 'b']`);
      }
      const values = splitTopLevel(list.slice(1, -1)).map((v) => {
        if (!/^'([^']|'')*'$/.test(v)) throw new Error(`${name}: values must be quoted, got ${v}`);
        return v.slice(1, -1).replaceAll("''", "'");
      });
      return { kind, name, column: ident(args[0], name), values };
    }
    case 'range':
      if (args.length !== 3) throw new Error(`${name}: expected range(column, min, max)`);
      return {
        kind,
        name,
        column: ident(args[0], name),
        min: bound(args[1], name),
        max: bound(args[2], name),
      };
    case 'relationships': {
      const target = /^([a-z_]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/.exec(args[1] ?? '');
      if (!target) throw new Error(`${name}: expected relationships(column, schema.table.column)`);
      return {
        kind,
        name,
        column: ident(args[0], name),
        parent: `${target[1]}.${target[2]}`,
        parentColumn: target[3] as string,
      };
    }
    case 'expect':
      if (argText.trim() === '') throw new Error(`${name}: needs a SQL predicate`);
      return { kind, name, predicate: argText.trim() };
    default:
      throw new Error(
        `unknown test "${kind}"; known: not_null, unique, accepted_values, range, relationships, expect`,
      );
  }
}

export function parseDataTests(text: string): DataTest[] {
  return splitTopLevel(text).map(parseDataTest);
}

const quote = (v: string): string => `'${v.replaceAll("'", "''")}'`;

/** A query whose rows are the test's offenders: the test passes when it returns none. */
export function failingRowsSql(test: DataTest, table: string): string {
  switch (test.kind) {
    case 'not_null':
      return `SELECT * FROM ${table} WHERE ${test.column} IS NULL`;
    case 'unique': {
      const cols = test.columns.join(', ');
      return `SELECT ${cols}, count(*)::BIGINT AS duplicate_rows FROM ${table} GROUP BY ${cols} HAVING count(*) > 1`;
    }
    case 'accepted_values':
      return `SELECT * FROM ${table} WHERE ${test.column} IS NOT NULL AND ${test.column}::VARCHAR NOT IN (${test.values.map(quote).join(', ')})`;
    case 'range': {
      const conds = [
        test.min === null ? null : `${test.column} < ${test.min}`,
        test.max === null ? null : `${test.column} > ${test.max}`,
      ].filter((c) => c !== null);
      return `SELECT * FROM ${table} WHERE ${conds.length ? conds.join(' OR ') : 'false'}`;
    }
    case 'relationships':
      return (
        `SELECT c.* FROM ${table} c WHERE c.${test.column} IS NOT NULL AND NOT EXISTS ` +
        `(SELECT 1 FROM ${test.parent} p WHERE p.${test.parentColumn} = c.${test.column})`
      );
    case 'expect':
      return `SELECT * FROM ${table} WHERE NOT coalesce((${test.predicate}), false)`;
  }
}
