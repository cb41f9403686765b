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
import { NO_FILTERS, type Filters } from '../filters/filters.ts';

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
    const rows = await run(kpiQuery(NO_FILTERS, null));
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
    const rows = await run(kpiQuery(NO_FILTERS, 30));
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
      const rows = await run(trendQuery(NO_FILTERS, 90, grain));
      expect(
        rows.reduce((n, r) => n + Number(r.orders), 0),
        grain,
      ).toBe(total.orders.length);
      expect(Math.round(rows.reduce((n, r) => n + Number(r.gmv), 0) * 100), grain).toBe(total.gmv);
    }
    expect(() => trendQuery(NO_FILTERS, 90, 'year' as never)).toThrow(RangeError);
  });

  it('status, payment mix, categories and states cover the period', async () => {
    const all = expectedPeriod(null);
    const statuses = await run(statusQuery(NO_FILTERS, null));
    expect(statuses.reduce((n, r) => n + Number(r.value), 0)).toBe(all.orders.length);
    const paid = demo
      .table('olist_order_payments_dataset.csv')
      .reduce((n, p) => n + cents(p.payment_value), 0);
    const mix = await run(paymentMixQuery(NO_FILTERS, null));
    expect(Math.round(mix.reduce((n, r) => n + Number(r.value), 0) * 100)).toBe(paid);
    const categories = await run(topCategoriesQuery(NO_FILTERS, null, 1000));
    expect(Math.round(categories.reduce((n, r) => n + Number(r.value), 0) * 100)).toBe(all.gmv);
    const states = await run(statesQuery(NO_FILTERS, null, 3));
    expect(states).toHaveLength(3);
    // Population-weighted: São Paulo leads.
    expect(states[0]?.label).toBe('SP');
  });
});

/** The same pass with the global filters applied by hand (no SQL): orders, GMV in cents, persons. */
function expectedFiltered(f: Filters, days: number | null) {
  const state = new Map(
    demo
      .table('olist_customers_dataset.csv')
      .map((c) => [c.customer_id, (c.customer_state ?? '').trim().toUpperCase()]),
  );
  const channel = new Map(
    demo.table('demo_order_channels.csv').map((c) => [c.order_id, c.sales_channel]),
  );
  const period = expectedPeriod(days);
  const day = (o: Record<string, string>) => o.order_purchase_timestamp!.slice(0, 10);
  const kept = period.orders.filter(
    (o) =>
      (f.from === null || day(o) >= f.from) &&
      (f.to === null || day(o) <= f.to) &&
      (!f.status.length || f.status.includes(o.order_status!)) &&
      (!f.state.length || f.state.includes(state.get(o.customer_id!) ?? 'unknown')) &&
      (!f.channel.length || f.channel.includes(channel.get(o.order_id!) ?? 'unknown')),
  );
  const ids = new Set(kept.map((o) => o.order_id));
  const gmv = demo
    .table('olist_order_items_dataset.csv')
    .filter((i) => ids.has(i.order_id))
    .reduce((n, i) => n + cents(i.price) + cents(i.freight_value), 0);
  return { orders: kept.length, gmv };
}

describe('Overview queries under the global filters', () => {
  const cases: Array<[string, Partial<Filters>]> = [
    ['two statuses', { status: ['canceled', 'delivered'] }],
    ['a state', { state: ['SP'] }],
    ['a channel and a state', { channel: ['website'], state: ['RJ', 'MG'] }],
    ['a date range', { from: '2017-03-01', to: '2017-09-30' }],
    ['everything at once', { from: '2017-01-01', status: ['delivered'], state: ['SP'] }],
    ['a value that matches nothing', { status: ["x'); DROP TABLE silver.orders; --"] }],
  ];

  it.each(cases)('KPIs with %s match the TypeScript pass', async (_name, partial) => {
    const f: Filters = { ...NO_FILTERS, ...partial };
    const want = expectedFiltered(f, null);
    // Each case keeps some orders and drops others, except the one meant to match nothing.
    expect(want.orders < expectedPeriod(null).orders.length).toBe(true);
    if (!partial.status?.[0]?.includes('DROP')) expect(want.orders).toBeGreaterThan(0);
    const rows = await run(kpiQuery(f, null));
    const current = rows.find((r) => r.period === 'current');
    expect(Number(current?.orders ?? 0)).toBe(want.orders);
    expect(Math.round(Number(current?.gmv ?? 0) * 100)).toBe(want.gmv);
    const statuses = await run(statusQuery(f, null));
    expect(statuses.reduce((n, r) => n + Number(r.value), 0)).toBe(want.orders);
    const trend = await run(trendQuery(f, null, 'month'));
    expect(Math.round(trend.reduce((n, r) => n + Number(r.gmv), 0) * 100)).toBe(want.gmv);
  });

  it('a non-matching value is bound, not spliced: the tables are still there', async () => {
    expect((await run(kpiQuery(NO_FILTERS, null)))[0]?.orders).toBe(
      expectedPeriod(null).orders.length,
    );
  });

  it('the period ends on the filter end day when it is earlier than the data', async () => {
    const f: Filters = { ...NO_FILTERS, to: '2017-12-31' };
    const rows = await run(statusQuery(f, 30));
    const orders = demo.table('olist_orders_dataset.csv').filter((o) => {
      const d = o.order_purchase_timestamp!.slice(0, 10);
      return d > '2017-12-01' && d <= '2017-12-31';
    }).length;
    expect(orders).toBeGreaterThan(0);
    expect(rows.reduce((n, r) => n + Number(r.value), 0)).toBe(orders);
  });

  it('a category filter keeps only the chosen categories in the category chart', async () => {
    const all = await run(topCategoriesQuery(NO_FILTERS, null, 2));
    const picked = all.map((r) => String(r.label));
    const rows = await run(topCategoriesQuery({ ...NO_FILTERS, category: picked }, null, 100));
    expect(rows.map((r) => r.label).sort()).toEqual([...picked].sort());
    // Same lines, same sums: a filter on a category does not change that category's own total.
    for (const r of rows) {
      expect(r.value).toBeCloseTo(Number(all.find((a) => a.label === r.label)?.value), 6);
    }
  });
});
