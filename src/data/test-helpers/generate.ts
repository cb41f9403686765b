import { generateDemo } from '../generator/index.ts';
import type { DemoRecipe, DemoSummary, GenerateOptions } from '../generator/index.ts';
import { parseTable } from './csv-parse.ts';

export interface Generated {
  readonly summary: DemoSummary;
  /** Whole text of each file, in write order. */
  readonly files: Map<string, string>;
  /** Chunks each file arrived in. */
  readonly chunks: Map<string, number>;
  /** Parsed rows of a file (byte-order mark removed), memoised. */
  table(file: string): Record<string, string>[];
}

export async function generateToMemory(
  recipe: DemoRecipe,
  options: GenerateOptions = {},
): Promise<Generated> {
  const parts = new Map<string, string[]>();
  const summary = await generateDemo(
    recipe,
    {
      write(file, chunk) {
        const list = parts.get(file) ?? [];
        list.push(chunk);
        parts.set(file, list);
      },
    },
    options,
  );
  const files = new Map([...parts].map(([f, list]) => [f, list.join('')]));
  const chunks = new Map([...parts].map(([f, list]) => [f, list.length]));
  const cache = new Map<string, Record<string, string>[]>();
  return {
    summary,
    files,
    chunks,
    table(file) {
      let rows = cache.get(file);
      if (rows === undefined) {
        rows = parseTable((files.get(file) ?? '').replace(/^\uFEFF/, '')).rows;
        cache.set(file, rows);
      }
      return rows;
    },
  };
}

/** Asserts-friendly check: is `count` of `n` within `sigmas` binomial standard deviations of `p`? */
export function withinShare(count: number, n: number, p: number, sigmas = 4.5): boolean {
  const sd = Math.sqrt((p * (1 - p)) / n);
  return Math.abs(count / n - p) <= sigmas * sd + 0.5 / n;
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list === undefined) out.set(k, [r]);
    else list.push(r);
  }
  return out;
}

/** Integer cents of a `123.45` money string. */
export const cents = (s: string | undefined): number => Math.round(Number(s) * 100);
