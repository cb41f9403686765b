import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import { NO_FILTERS, type Filters } from '../filters/filters.ts';
import { allLines, filterLines, isSale, type Line } from './demo-pass.ts';
import {
  OTHER,
  categoryTableQuery,
  categoryTrendQuery,
  discountBandsQuery,
  type Query,
} from './sales-sql.ts';

let demo: Generated;
let driver: SqlDriver;
let lines: Line[];
const run = (q: Query) => driver.rows(q.sql, q.params);
const toCents = (v: unknown) => Math.round(Number(v) * 100);

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 11, orders: 2000, scenario: 'normal_day' }));
  lines = allLines(demo);
}, 180_000);
afterAll(async () => {
  await driver.close();
});

function byCategory(ls: Line[]) {
  const out = new Map<string, { cents: number; orders: Set<string>; units: number }>();
  for (const l of ls) {
    const c = out.get(l.category) ?? { cents: 0, orders: new Set<string>(), units: 0 };
    c.cents += l.cents;
    c.orders.add(l.orderId);
    c.units += 1; // Olist: one unit per line
    out.set(l.category, c);
  }
  return out;
}

const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });

describe('Sales queries against a TypeScript pass over the demo CSVs', () => {
  it('the category table: revenue, orders, units, AOV and share per category', async () => {
    const expected = byCategory(lines.filter(isSale));
    const rows = await run(categoryTableQuery(NO_FILTERS));
    expect(rows).toHaveLength(expected.size);
    const total = [...expected.values()].reduce((n, c) => n + c.cents, 0);
    for (const r of rows) {
      const e = expected.get(String(r.category))!;
      expect(toCents(r.revenue), String(r.category)).toBe(e.cents);
      expect(r.orders).toBe(e.orders.size);
      expect(r.units).toBe(e.units);
      expect(Number(r.aov)).toBeCloseTo(e.cents / 100 / e.orders.size, 6);
      expect(Number(r.share)).toBeCloseTo(e.cents / total, 9);
    }
    // Largest first.
    expect(Number(rows[0]!.revenue)).toBeGreaterThanOrEqual(Number(rows[1]!.revenue));
  });

  it('the category table follows a category and a date filter (only the chosen lines count)', async () => {
    const top = String((await run(categoryTableQuery(NO_FILTERS)))[0]!.category);
    const f = filters({ category: [top, 'unknown'], from: '2017-06-01', to: '2018-03-31' });
    const expected = byCategory(filterLines(lines, f).filter(isSale));
    const rows = await run(categoryTableQuery(f));
    expect(rows.map((r) => r.category).sort()).toEqual([...expected.keys()].sort());
    for (const r of rows) {
      const e = expected.get(String(r.category))!;
      expect(toCents(r.revenue)).toBe(e.cents);
      expect(r.orders).toBe(e.orders.size);
    }
  });

  it('the mean review score per category matches the reviews of its orders', async () => {
    const reviews = demo.table('olist_order_reviews_dataset.csv');
    const byOrder = new Map<string, { id: string; score: number }[]>();
    for (const r of reviews) {
      const list = byOrder.get(r.order_id!) ?? [];
      if (!list.some((x) => x.id === r.review_id))
        list.push({ id: r.review_id!, score: +r.review_score! });
      byOrder.set(r.order_id!, list);
    }
    const rows = await run(categoryTableQuery(NO_FILTERS));
    for (const r of rows.slice(0, 5)) {
      const orders = new Set(
        lines.filter((l) => isSale(l) && l.category === r.category).map((l) => l.orderId),
      );
      const scores = [...orders].flatMap((o) => (byOrder.get(o) ?? []).map((x) => x.score));
      expect(r.reviews).toBe(scores.length);
      expect(Number(r.rating)).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 9);
    }
  });

  it('the trend adds up to the table at every grain; categories past the top are Other', async () => {
    const table = await run(categoryTableQuery(NO_FILTERS));
    const total = table.reduce((n, r) => n + toCents(r.revenue), 0);
    for (const grain of ['day', 'week', 'month'] as const) {
      const rows = await run(categoryTrendQuery(NO_FILTERS, grain, 3));
      expect(
        Math.abs(rows.reduce((n, r) => n + Number(r.revenue), 0) * 100 - total),
        grain,
      ).toBeLessThan(1);
      const names = new Set(rows.map((r) => String(r.category)));
      expect(names).toEqual(new Set([...table.slice(0, 3).map((r) => String(r.category)), OTHER]));
    }
    const monthly = await run(categoryTrendQuery(NO_FILTERS, 'month', 3));
    // Months start on the first.
    expect(monthly.every((r) => String(r.bucket).endsWith('-01'))).toBe(true);
    expect(() => categoryTrendQuery(NO_FILTERS, 'year' as never)).toThrow(RangeError);
  });

  it('discount bands: listed products, units and revenue per band, and the uplift over 0 %', async () => {
    const pricing = new Map(
      demo
        .table('demo_product_pricing.csv')
        .map((p) => [p.product_id!, Number(p.discount_percentage)]),
    );
    const band = (d: number) => (d === 0 ? 0 : d > 50 ? 6 : Math.ceil(d / 10));
    const expected = new Map<number, { products: number; units: number; cents: number }>();
    for (const p of demo.table('olist_products_dataset.csv')) {
      const b = band(pricing.get(p.product_id!) ?? 0);
      const e = expected.get(b) ?? { products: 0, units: 0, cents: 0 };
      e.products += 1;
      expected.set(b, e);
    }
    for (const l of lines.filter(isSale)) {
      const e = expected.get(band(pricing.get(l.productId) ?? 0))!;
      e.units += 1;
      e.cents += l.cents;
    }
    const rows = await run(discountBandsQuery(NO_FILTERS));
    expect(rows.map((r) => r.band_order)).toEqual([...expected.keys()].sort((a, b) => a - b));
    const base = expected.get(0)!;
    for (const r of rows) {
      const e = expected.get(Number(r.band_order))!;
      expect(r.products).toBe(e.products);
      expect(Number(r.units)).toBe(e.units);
      expect(toCents(r.revenue)).toBe(e.cents);
      expect(Number(r.uplift)).toBeCloseTo(
        e.units / e.products / (base.units / base.products) - 1,
        9,
      );
    }
    expect(rows[0]).toMatchObject({ band: '0%', uplift: 0 });
  });
});
