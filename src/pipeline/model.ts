import { parseDataTests, type DataTest } from './data-tests.ts';
import { splitTopLevel } from './split-args.ts';

export const LAYERS = ['silver', 'gold', 'ml'] as const;
export type Layer = (typeof LAYERS)[number];

/** A model's source text as shipped: `path` relative to `src/sql`, e.g. `silver/orders.sql`. */
export interface ModelFile {
  path: string;
  sql: string;
}

export interface Model {
  /** `schema.table`, e.g. `silver.orders`. */
  id: string;
  layer: Layer;
  table: string;
  path: string;
  inputs: string[];
  optionalInputs: string[];
  grain: string;
  key: string[];
  tests: DataTest[];
  /** Free comment lines of the header (the documented decisions). */
  notes: string[];
  /** The SELECT, without a trailing semicolon. */
  body: string;
}

const REF = /^(bronze|silver|gold|ml)\.[a-z0-9_]+$/;
const DIRECTIVES = new Set(['inputs', 'optional-inputs', 'grain', 'key', 'tests']);

function refs(value: string, id: string): string[] {
  return splitTopLevel(value).map((r) => {
    const ref = r.toLowerCase();
    if (!REF.test(ref)) throw new Error(`${id}: "${r}" is not schema.table`);
    return ref;
  });
}

/** Reads a model file: header directives (`-- @name: value`, continued on `--   ` lines) and body. */
export function parseModel(file: ModelFile): Model {
  const match = /^(?:.*\/)?(silver|gold|ml)\/([a-z0-9_]+)\.sql$/.exec(file.path);
  if (!match) throw new Error(`${file.path}: expected <silver|gold|ml>/<table>.sql`);
  const layer = match[1] as Layer;
  const table = match[2] as string;
  const id = `${layer}.${table}`;
  const values = new Map<string, string>();
  const notes: string[] = [];
  let last: string | null = null;
  for (const line of file.sql.split(/\r?\n/)) {
    if (!line.startsWith('--')) break;
    const directive = /^--\s*@([a-z-]+):\s*(.*)$/.exec(line);
    if (directive) {
      const [, name = '', value = ''] = directive;
      if (!DIRECTIVES.has(name)) throw new Error(`${id}: unknown header directive @${name}`);
      if (values.has(name)) throw new Error(`${id}: @${name} given twice`);
      values.set(name, value.trim());
      last = name;
    } else if (last !== null && /^-- {3,}\S/.test(line)) {
      values.set(last, `${values.get(last) ?? ''} ${line.slice(2).trim()}`.trim());
    } else {
      last = null;
      const note = line.slice(2).trim();
      if (note !== '') notes.push(note);
    }
  }
  for (const required of ['inputs', 'grain']) {
    if (!values.has(required)) throw new Error(`${id}: header lacks @${required}`);
  }
  let tests: DataTest[];
  try {
    tests = parseDataTests(values.get('tests') ?? '');
  } catch (error) {
    throw new Error(`${id}: ${(error as Error).message}`, { cause: error });
  }
  const body = file.sql.replace(/;\s*$/, '').trimEnd();
  if (!/\bselect\b/i.test(body)) throw new Error(`${id}: the body must be a SELECT`);
  return {
    id,
    layer,
    table,
    path: file.path,
    inputs: refs(values.get('inputs') ?? '', id),
    optionalInputs: refs(values.get('optional-inputs') ?? '', id),
    grain: values.get('grain') ?? '',
    key: values.has('key') ? splitTopLevel(values.get('key') ?? '') : [],
    tests,
    notes,
    body,
  };
}

/** `schema.table` names that a model body mentions, comments and string literals excluded. */
export function referencedTables(body: string): Set<string> {
  const code = body
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  const found = new Set<string>();
  for (const m of code.matchAll(/\b(bronze|silver|gold|ml)\.([a-z0-9_]+)\b/gi)) {
    found.add(`${(m[1] as string).toLowerCase()}.${(m[2] as string).toLowerCase()}`);
  }
  return found;
}
