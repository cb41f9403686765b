import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../data/test-helpers/generate.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { buildDemo } from './testing.ts';

/**
 * The headline numbers of the gold models, checked against a second computation that never touches
 * the SQL: a plain TypeScript pass over the generated CSV rows (parsed by the test helpers' own
 * RFC 4180 parser). Money is summed in integer cents on this side.
 */
let demo: Generated;
let driver: SqlDriver;

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 21, orders: 3000, scenario: 'fraud_attack' }));
}, 120_000);

afterAll(async () => {
  await driver.close();
});

const cents = (text: string | undefined) => Math.round(Number(text) * 100);
const one = async (sql: string) => (await driver.rows(sql))[0] ?? {};

describe('headline numbers: gold SQL vs a TypeScript pass over the CSV rows', () => {
  it('nothing was quarantined, so both sides see the same orders', async () => {
    expect(await one('SELECT count(*)::BIGINT AS n FROM silver.quarantine')).toEqual({ n: 0 });
  });

  it('total GMV = Σ (price + freight) of every item, whatever the status', async () => {
    const items = demo.table('olist_order_items_dataset.csv');
    const expected = items.reduce((n, r) => n + cents(r.price) + cents(r.freight_value), 0);
    const { gmv } = await one('SELECT round(sum(gmv) * 100)::BIGINT AS gmv FROM gold.sales_daily');
    expect(gmv).toBe(expected);
  });

  it('orders by status', async () => {
    const counts: Record<string, number> = {};
    for (const o of demo.table('olist_orders_dataset.csv')) {
      counts[o.order_status!] = (counts[o.order_status!] ?? 0) + 1;
    }
    const rows = await driver.rows(
      "SELECT value AS status, sum(orders)::BIGINT AS n FROM gold.sales_by_dimension WHERE dimension = 'status' GROUP BY 1",
    );
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual(counts);
  });

  it('payment totals by type', async () => {
    const totals: Record<string, number> = {};
    for (const p of demo.table('olist_order_payments_dataset.csv')) {
      totals[p.payment_type!] = (totals[p.payment_type!] ?? 0) + cents(p.payment_value);
    }
    const rows = await driver.rows(
      'SELECT payment_type, round(payment_value * 100)::BIGINT AS c FROM gold.payment_mix',
    );
    expect(Object.fromEntries(rows.map((r) => [r.payment_type, r.c]))).toEqual(totals);
  });

  it('AOV = GMV / orders with at least one item', async () => {
    const items = demo.table('olist_order_items_dataset.csv');
    const withItems = new Set(items.map((r) => r.order_id)).size;
    const gmv = items.reduce((n, r) => n + cents(r.price) + cents(r.freight_value), 0);
    const { aov } = await one(
      'SELECT sum(gmv) / sum(orders_with_items) AS aov FROM gold.sales_daily',
    );
    expect(Number(aov)).toBeCloseTo(gmv / 100 / withItems, 6);
  });

  it('late-delivery rate: delivered on a later day than estimated, over delivered orders', async () => {
    const delivered = demo
      .table('olist_orders_dataset.csv')
      .filter(
        (o) =>
          o.order_status === 'delivered' &&
          o.order_delivered_customer_date &&
          o.order_estimated_delivery_date,
      );
    const late = delivered.filter(
      (o) =>
        o.order_delivered_customer_date!.slice(0, 10) >
        o.order_estimated_delivery_date!.slice(0, 10),
    ).length;
    const { rate } = await one(
      'SELECT 100.0 * sum(late_orders) / sum(orders_with_estimate) AS rate FROM gold.shipping_sla',
    );
    expect(delivered.length).toBeGreaterThan(2000);
    expect(Number(rate)).toBeCloseTo((100 * late) / delivered.length, 9);
  });
});
