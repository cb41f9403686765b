import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../sql-driver.ts';
import { ingestCsv } from './load-csv.ts';
import { bytesSource } from './sources.ts';

const HEADER = 'seller_id,seller_zip_code_prefix,seller_city,seller_state';

let driver: SqlDriver;
beforeAll(async () => {
  driver = await wasmDriver(await openNodeWasmDatabase());
}, 60_000);

// CSV-like text: fields of awkward characters (quotes, separators, line breaks of every kind, NUL,
// non-ASCII), a random number of fields per line, random line endings.
const field = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', '""', '","', '\r', '\n', '\r\n', ';', '\t', '\u0000', 'ã', '😀', '=1+1', ''),
  fc.string({ unit: fc.constantFrom('a', '"', ',', '\n', '\r', ' ', 'é'), maxLength: 8 }),
);
const line = fc.array(field, { minLength: 0, maxLength: 7 }).map((cells) => cells.join(','));
const body = fc
  .tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));

describe('ingest fuzz', () => {
  it('never throws, and every record of a loaded file is either a row or a reject', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.integer({ min: 1, max: 64 }), async (text, chunk) => {
        await driver.exec('DROP SCHEMA IF EXISTS bronze CASCADE');
        const bytes = new TextEncoder().encode(`${HEADER}\n${text}`);
        const parts: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
        const name = `fuzz-${++run}.csv`;
        const outcome = await ingestCsv(driver, bytesSource(name, parts), {
          ingestedAt: '2026-01-01 00:00:00',
          pieceBytes: 256,
        });
        if (outcome.status === 'refused') {
          // A refusal names the file and is a sentence, never a raw stack.
          expect(outcome.message.startsWith(`${name}: `)).toBe(true);
          return;
        }
        expect(outcome.status).toBe('loaded');
        if (outcome.status !== 'loaded') return;
        const [counts] = await driver.rows(
          `SELECT (SELECT count(*) FROM bronze.olist_sellers)::INT AS kept,
                  (SELECT count(*) FROM bronze._rejects)::INT AS rejected,
                  (SELECT count(DISTINCT _row_number) FROM bronze.olist_sellers)::INT AS distinct_rows`,
        );
        expect(counts).toEqual({
          kept: outcome.rows,
          rejected: outcome.rejected,
          distinct_rows: outcome.rows,
        });
        // Row numbers of kept and rejected records never overlap.
        const [overlap] = await driver.rows(
          `SELECT count(*)::INT AS n FROM bronze.olist_sellers s JOIN bronze._rejects r USING (_row_number)`,
        );
        expect(overlap?.n).toBe(0);
      }),
      { numRuns: 150, seed: 20261123 },
    );
  }, 120_000);
});
