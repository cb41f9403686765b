import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import {
  kpiQuery,
  paymentMixQuery,
  statesQuery,
  statusQuery,
  topCategoriesQuery,
  trendQuery,
  type Query,
} from './overview-sql.ts';

let demo: Generated;
let driver: SqlDriver;
const run = (q: Query) => driver.rows(q.sql, q.params);
const cents = (text: string | undefined) => Math.round(Number(text) * 100);
const DAY = 86_400_000;

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 8, orders: 2000, scenario: 'normal_day' }));
}, 120_000);
afterAll(async () => {
  await driver.close();
});

/** A plain pass over the generated CSV rows: orders of the last `days` days and their GMV in cents. */
function expectedPeriod(days: number | null, offset = 0) {
  const orders = demo.table('olist_orders_dataset.csv');
  const lastDay = Math.max(
    ...orders.map((o) => Date.parse(o.order_purchase_timestamp!.slice(0, 10))),
  );
  const inPeriod = orders.filter((o) => {
    const day = Date.parse(o.order_purchase_timestamp!.slice(0, 10));
    if (days === null) return true;
    return day > lastDay - (offset + days) * DAY && day <= lastDay - offset * DAY;
  });
  const ids = new Set(inPeriod.map((o) => o.order_id));
  const gmv = demo
    .table('olist_order_items_dataset.csv')
    .filter((i) => ids.has(i.order_id))
    .reduce((n, i) => n + cents(i.price) + cents(i.freight_value), 0);
  const customerOf = new Map(
    demo.table('olist_customers_dataset.csv').map((c) => [c.customer_id, c.customer_unique_id]),
  );
  const persons = new Set(inPeriod.map((o) => customerOf.get(o.customer_id)));
  return { orders: inPeriod, gmv, persons: persons.size };
}

describe('Overview queries against a TypeScript pass over the demo CSVs', () => {
  it('KPIs over the whole period', async () => {
    const rows = await run(kpiQuery(null));
    const all = expectedPeriod(null);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      period: 'current',
      orders: all.orders.length,
      customers: all.persons,
    });
    expect(Math.round(Number(rows[0]?.gmv) * 100)).toBe(all.gmv);
  });

  it('KPIs of the last 30 days and of the 30 days before', async () => {
    const rows = await run(kpiQuery(30));
    const byPeriod = Object.fromEntries(rows.map((r) => [r.period, r]));
    const current = expectedPeriod(30);
    const previous = expectedPeriod(30, 30);
    expect(byPeriod.current).toMatchObject({
      orders: current.orders.length,
      customers: current.persons,
    });
    expect(byPeriod.previous).toMatchObject({
      orders: previous.orders.length,
      customers: previous.persons,
    });
    expect(Math.round(Number(byPeriod.current?.gmv) * 100)).toBe(current.gmv);
    expect(Math.round(Number(byPeriod.previous?.gmv) * 100)).toBe(previous.gmv);
  });

  it('the trend adds up to the period total at every grain', async () => {
    const total = expectedPeriod(90);
    for (const grain of ['day', 'week', 'month'] as const) {
      const rows = await run(trendQuery(90, grain));
      expect(
        rows.reduce((n, r) => n + Number(r.orders), 0),
        grain,
      ).toBe(total.orders.length);
      expect(Math.round(rows.reduce((n, r) => n + Number(r.gmv), 0) * 100), grain).toBe(total.gmv);
    }
    expect(() => trendQuery(90, 'year' as never)).toThrow(RangeError);
  });

  it('status, payment mix, categories and states cover the period', async () => {
    const all = expectedPeriod(null);
    const statuses = await run(statusQuery(null));
    expect(statuses.reduce((n, r) => n + Number(r.value), 0)).toBe(all.orders.length);
    const paid = demo
      .table('olist_order_payments_dataset.csv')
      .reduce((n, p) => n + cents(p.payment_value), 0);
    const mix = await run(paymentMixQuery(null));
    expect(Math.round(mix.reduce((n, r) => n + Number(r.value), 0) * 100)).toBe(paid);
    const categories = await run(topCategoriesQuery(null, 1000));
    expect(Math.round(categories.reduce((n, r) => n + Number(r.value), 0) * 100)).toBe(all.gmv);
    const states = await run(statesQuery(null, 3));
    expect(states).toHaveLength(3);
    // Population-weighted: São Paulo leads.
    expect(states[0]?.label).toBe('SP');
  });
});
