import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import { NO_FILTERS, type Filters } from '../filters/filters.ts';
import { allLines, filterLines, type Line } from '../sales/demo-pass.ts';
import { pearson } from './pricing-options.ts';
import {
  categoriesQuery,
  categoryProductsQuery,
  correlationQuery,
  scatterQuery,
  type Query,
} from './pricing-sql.ts';

let demo: Generated;
let driver: SqlDriver;
let lines: Line[];
const run = (q: Query) => driver.rows(q.sql, q.params);

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 12, orders: 2000, scenario: 'normal_day' }));
  lines = allLines(demo);
}, 180_000);
afterAll(async () => {
  await driver.close();
});

const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });

/** Products sold in the filtered lines with the catalogue's price and rating (demo_product_pricing). */
function expectedPoints(f: Partial<Filters>) {
  const pricing = new Map(demo.table('demo_product_pricing.csv').map((p) => [p.product_id!, p]));
  const sold = [...new Set(filterLines(lines, f).map((l) => l.productId))].sort();
  return sold.map((id) => ({
    id,
    price: Number(pricing.get(id)!.price),
    rating: Number(pricing.get(id)!.rating),
  }));
}

describe('Pricing queries against a TypeScript pass over the demo CSVs', () => {
  it('the scatter holds every product sold in scope with its catalogue price and rating', async () => {
    for (const f of [{}, { state: ['SP'], from: '2018-01-01' }]) {
      const expected = expectedPoints(f);
      const rows = await run(scatterQuery(filters(f)));
      expect(rows.map((r) => r.product_id)).toEqual(expected.map((e) => e.id));
      rows.forEach((r, i) => {
        expect(Number(r.price)).toBeCloseTo(expected[i]!.price, 6);
        expect(Number(r.rating)).toBeCloseTo(expected[i]!.rating, 6);
      });
    }
  });

  it("SQL's corr() equals a TypeScript Pearson coefficient over the same products", async () => {
    for (const f of [{}, { state: ['SP'] }, { category: ['bed_bath_table', 'health_beauty'] }]) {
      const expected = expectedPoints(f);
      const [fit] = await run(correlationQuery(filters(f)));
      const r = pearson(
        expected.map((e) => e.price),
        expected.map((e) => e.rating),
      );
      expect(fit!.products).toBe(expected.length);
      expect(r).not.toBeNull();
      expect(Number(fit!.correlation)).toBeCloseTo(r!, 9);
      // The least-squares line passes through the means.
      const mx = expected.reduce((n, e) => n + e.price, 0) / expected.length;
      const my = expected.reduce((n, e) => n + e.rating, 0) / expected.length;
      expect(Number(fit!.slope) * mx + Number(fit!.intercept)).toBeCloseTo(my, 9);
    }
  });

  it('an empty scope gives no points and an undefined coefficient', async () => {
    const f = filters({ from: '2030-01-01' });
    expect(await run(scatterQuery(f))).toEqual([]);
    const [fit] = await run(correlationQuery(f));
    expect(fit).toMatchObject({ products: 0, correlation: null, slope: null });
  });

  it('the what-if inputs: the typical product is the median of the category in scope', async () => {
    const [top] = await run(categoriesQuery(NO_FILTERS));
    const category = String(top!.category);
    const pricing = new Map(demo.table('demo_product_pricing.csv').map((p) => [p.product_id!, p]));
    const units = new Map<string, number>();
    for (const l of lines.filter((x) => x.category === category)) {
      units.set(l.productId, (units.get(l.productId) ?? 0) + 1);
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
    };
    const ids = [...units.keys()];
    const rows = await run(categoryProductsQuery(NO_FILTERS, category, 5));
    expect(rows[0]).toMatchObject({ kind: 'typical', products: ids.length });
    expect(Number(rows[0]!.price)).toBeCloseTo(
      median(ids.map((id) => Number(pricing.get(id)!.price))),
      6,
    );
    expect(Number(rows[0]!.discount_percentage)).toBeCloseTo(
      median(ids.map((id) => Number(pricing.get(id)!.discount_percentage))),
      6,
    );
    const best = ids
      .sort((a, b) => units.get(b)! - units.get(a)! || a.localeCompare(b))
      .slice(0, 5);
    expect(rows.slice(1).map((r) => r.product_id)).toEqual(best);
    expect(rows.slice(1).map((r) => Number(r.units))).toEqual(best.map((id) => units.get(id)));
    // A category value is a bound parameter: quotes are data, not SQL.
    expect(await run(categoryProductsQuery(NO_FILTERS, "x' OR '1'='1"))).toEqual([]);
  });
});

describe('pearson', () => {
  it('matches a hand-worked coefficient', () => {
    // mean x 2.5, mean y 3.75; Sxy 3.5, Sxx 5, Syy 4.75 → 3.5 / √23.75
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 4])).toBeCloseTo(0.718185, 6);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 12);
  });
  it('is undefined without spread or with fewer than two points', () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
  });
});
