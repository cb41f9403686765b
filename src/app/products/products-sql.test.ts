import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import { NO_FILTERS, type Filters, type Query } from '../filters/filters.ts';
import {
  categorySharesQuery,
  productAffinityQuery,
  productMonthlyQuery,
  productSellersQuery,
  productSummaryQuery,
  tiersQuery,
  topProductsQuery,
} from './products-sql.ts';

let demo: Generated;
let driver: SqlDriver;
const run = (q: Query) => driver.rows(q.sql, q.params);
const cents = (v: unknown) => Math.round(Number(v) * 100);

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 8, orders: 2000, scenario: 'normal_day' }));
}, 120_000);
afterAll(async () => {
  await driver.close();
});

interface Line {
  orderId: string;
  productId: string;
  sellerId: string;
  category: string;
  status: string;
  state: string;
  month: string;
  price: number;
}

/** Every order line of the generated CSVs with its order's status, customer state and category. */
function lines(): Line[] {
  const english = new Map(
    demo
      .table('product_category_name_translation.csv')
      .map((t) => [t.product_category_name, t.product_category_name_english]),
  );
  const category = new Map(
    demo
      .table('olist_products_dataset.csv')
      .map((p) => [
        p.product_id,
        p.product_category_name
          ? (english.get(p.product_category_name) ?? p.product_category_name)
          : 'unknown',
      ]),
  );
  const state = new Map(
    demo.table('olist_customers_dataset.csv').map((c) => [c.customer_id, c.customer_state]),
  );
  const orders = new Map(demo.table('olist_orders_dataset.csv').map((o) => [o.order_id, o]));
  return demo.table('olist_order_items_dataset.csv').map((i) => {
    const o = orders.get(i.order_id!)!;
    return {
      orderId: i.order_id!,
      productId: i.product_id!,
      sellerId: i.seller_id!,
      category: category.get(i.product_id) ?? 'unknown',
      status: o.order_status!,
      state: state.get(o.customer_id) ?? 'unknown',
      month: o.order_purchase_timestamp!.slice(0, 7),
      price: cents(i.price),
    };
  });
}

/** Revenue (cents) and units per product over the delivered lines that pass `keep`. */
function perProduct(keep: (l: Line) => boolean) {
  const out = new Map<string, { revenue: number; units: number }>();
  for (const l of lines()) {
    if (l.status !== 'delivered' || !keep(l)) continue;
    const p = out.get(l.productId) ?? { revenue: 0, units: 0 };
    p.revenue += l.price;
    p.units += 1;
    out.set(l.productId, p);
  }
  return out;
}

const busiestCategory = () => {
  const counts = new Map<string, number>();
  for (const l of lines()) counts.set(l.category, (counts.get(l.category) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
};

describe('Products queries against a TypeScript pass over the demo CSVs', () => {
  it('without filters, tiers equal gold.fct_product_performance and revenue the delivered lines', async () => {
    const tiers = await run(tiersQuery(NO_FILTERS));
    const gold = await driver.rows(
      `SELECT performance_tier AS tier, count(*)::BIGINT AS n FROM gold.fct_product_performance GROUP BY 1`,
    );
    const goldCount = new Map(gold.map((r) => [r.tier, Number(r.n)]));
    expect(tiers.map((t) => t.tier)).toEqual(['Star', 'Performer', 'Average', 'Underperformer']);
    for (const t of tiers)
      expect(Number(t.products), String(t.tier)).toBe(goldCount.get(t.tier) ?? 0);
    const total = [...perProduct(() => true).values()].reduce((n, p) => n + p.revenue, 0);
    expect(cents(tiers.reduce((n, t) => n + Number(t.revenue), 0))).toBe(total);
    expect(tiers.reduce((n, t) => n + Number(t.revenue_share), 0)).toBeCloseTo(1, 9);
    // Stars are the top fifth by revenue, so they carry more than a fifth of it.
    expect(Number(tiers[0]?.revenue_share)).toBeGreaterThan(0.2);
  });

  it('top products follow a category and a status filter, by revenue and by units', async () => {
    const category = busiestCategory();
    const filters: Filters = { ...NO_FILTERS, category: [category], status: ['delivered'] };
    const expected = [...perProduct((l) => l.category === category)].map(([id, p]) => ({
      id,
      ...p,
    }));
    const byRevenue = await run(topProductsQuery(filters, 'revenue', 1000));
    expect(byRevenue).toHaveLength(expected.length);
    const wantRevenue = [...expected].sort(
      (a, b) => b.revenue - a.revenue || (a.id < b.id ? -1 : 1),
    );
    expect(byRevenue.slice(0, 5).map((r) => [r.product_id, cents(r.revenue)])).toEqual(
      wantRevenue.slice(0, 5).map((p) => [p.id, p.revenue]),
    );
    expect(byRevenue.every((r) => r.category === category)).toBe(true);
    const byUnits = await run(topProductsQuery(filters, 'units', 3));
    const maxUnits = Math.max(...expected.map((p) => p.units));
    expect(Number(byUnits[0]?.units)).toBe(maxUnits);
    expect(() => topProductsQuery(filters, 'name' as never)).toThrow(RangeError);
  });

  it('sorting by rating puts the best-rated sold product first', async () => {
    const rows = await run(topProductsQuery(NO_FILTERS, 'rating', 5));
    const best = await driver.rows(
      `SELECT max(rating)::DOUBLE AS r FROM gold.int_product_sales
       WHERE product_id IN (SELECT product_id FROM gold.int_product_metrics WHERE units_sold > 0)`,
    );
    expect(rows[0]?.rating).toBe(best[0]?.r);
    expect(Number(rows[0]?.rating)).toBeGreaterThanOrEqual(Number(rows[4]?.rating));
  });

  it('category shares follow a state filter', async () => {
    const filters: Filters = { ...NO_FILTERS, state: ['SP'] };
    const want = new Map<string, number>();
    for (const l of lines()) {
      if (l.status === 'delivered' && l.state === 'SP') {
        want.set(l.category, (want.get(l.category) ?? 0) + l.price);
      }
    }
    const rows = await run(categorySharesQuery(filters, 1000));
    expect(new Map(rows.map((r) => [r.label, cents(r.value)]))).toEqual(want);
    expect(rows.reduce((n, r) => n + Number(r.share), 0)).toBeCloseTo(1, 9);
    expect(await run(categorySharesQuery(filters, 3))).toHaveLength(3);
  });

  it('a product: months, sellers and card add up to its delivered lines', async () => {
    const sales = perProduct(() => true);
    const [id, want] = [...sales].sort((a, b) => b[1].units - a[1].units)[0]!;
    const months = await run(productMonthlyQuery(NO_FILTERS, id));
    expect(months.reduce((n, m) => n + Number(m.units), 0)).toBe(want.units);
    expect(cents(months.reduce((n, m) => n + Number(m.revenue), 0))).toBe(want.revenue);
    const everyMonth = new Set(
      lines()
        .filter((l) => l.productId === id)
        .map((l) => l.month),
    );
    expect(months.map((m) => m.month)).toEqual([...everyMonth].sort());
    const sellers = await run(productSellersQuery(NO_FILTERS, id));
    expect(sellers.reduce((n, s) => n + Number(s.units), 0)).toBe(want.units);

    const pricing = demo.table('demo_product_pricing.csv').find((p) => p.product_id === id)!;
    const [card] = await run(productSummaryQuery(NO_FILTERS, id, true));
    expect(card).toMatchObject({ product_id: id, units: want.units });
    expect(cents(card?.revenue)).toBe(want.revenue);
    expect(card?.list_price).toBe(Number(pricing.list_price));
    expect(card?.rating).toBe(Number(pricing.rating));
    const [bare] = await run(productSummaryQuery(NO_FILTERS, id, false));
    expect(bare?.list_price).toBeNull();
    expect(await run(productSummaryQuery(NO_FILTERS, 'no such product', false))).toEqual([]);
  });

  it("affinity lists the categories bought with the product's own, by lift", async () => {
    const [top] = await run(topProductsQuery(NO_FILTERS, 'revenue', 1));
    const rows = await run(productAffinityQuery(String(top?.product_id), 50));
    const pairs = await driver.rows(
      `SELECT count(*)::BIGINT AS n FROM gold.category_affinity
       WHERE basket = 'order' AND ? IN (category_a, category_b)`,
      [top?.category],
    );
    expect(rows).toHaveLength(Math.min(50, Number(pairs[0]?.n)));
    expect(rows.every((r) => r.label !== top?.category)).toBe(true);
    const lifts = rows.map((r) => Number(r.lift));
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
  });
});
