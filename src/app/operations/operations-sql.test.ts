import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import { NO_FILTERS, type Filters, type Query } from '../filters/filters.ts';
import {
  alertCountsQuery,
  alertsQuery,
  deliveryHistogramQuery,
  dropoffQuery,
  inventoryQuery,
  opsKpiQuery,
  returnsQuery,
  slaWeeklyQuery,
} from './operations-sql.ts';

let demo: Generated;
let driver: SqlDriver;
const run = (q: Query) => driver.rows(q.sql, q.params);
const sum = (rows: Record<string, unknown>[], key: string) =>
  rows.reduce((n, r) => n + Number(r[key]), 0);

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 8, orders: 2000, scenario: 'normal_day' }));
}, 120_000);
afterAll(async () => {
  await driver.close();
});

/** The generated orders with their sales channel, in the shape the checks below need. */
function orders() {
  const channel = new Map(
    demo.table('demo_order_channels.csv').map((c) => [c.order_id, c.sales_channel]),
  );
  return demo.table('olist_orders_dataset.csv').map((o) => ({
    id: o.order_id!,
    status: o.order_status!,
    day: o.order_purchase_timestamp!.slice(0, 10),
    delivered: o.order_delivered_customer_date || null,
    estimated: o.order_estimated_delivery_date || null,
    channel: channel.get(o.order_id) ?? 'unknown',
  }));
}

/** Delivered orders with a date and an estimate, and those delivered on or before the estimated day. */
function onTime(keep: (o: ReturnType<typeof orders>[number]) => boolean) {
  const delivered = orders().filter((o) => keep(o) && o.status === 'delivered' && o.delivered);
  const withEstimate = delivered.filter((o) => o.estimated);
  const onTimeCount = withEstimate.filter(
    (o) => o.delivered!.slice(0, 10) <= o.estimated!.slice(0, 10),
  ).length;
  return { delivered: delivered.length, withEstimate: withEstimate.length, onTime: onTimeCount };
}

describe('Operations queries against the gold tables and a TypeScript pass over the demo CSVs', () => {
  it('without filters, the histogram equals gold.delivery_time_distribution', async () => {
    const rows = await run(deliveryHistogramQuery(NO_FILTERS));
    const gold = await driver.rows(
      'SELECT delivery_days AS day, orders, p50_days, p90_days FROM gold.delivery_time_distribution ORDER BY 1',
    );
    expect(rows).toEqual(gold);
    expect(sum(rows, 'orders')).toBe(onTime(() => true).delivered);
  });

  it('without filters, the weekly SLA adds up to gold.shipping_sla and to the CSV count', async () => {
    const weeks = await run(slaWeeklyQuery(NO_FILTERS));
    const [gold] = await driver.rows(
      'SELECT sum(orders_with_estimate)::BIGINT AS e, sum(delivered_orders - late_orders - (delivered_orders - orders_with_estimate))::BIGINT AS t FROM gold.shipping_sla',
    );
    const want = onTime(() => true);
    expect(sum(weeks, 'with_estimate')).toBe(Number(gold?.e));
    expect(sum(weeks, 'with_estimate')).toBe(want.withEstimate);
    expect(sum(weeks, 'on_time')).toBe(want.onTime);
    expect(sum(weeks, 'on_time')).toBe(Number(gold?.t));
    expect(weeks.map((w) => w.week)).toEqual(weeks.map((w) => w.week).sort());
  });

  it('KPIs and the status drop-off follow a channel and a date filter', async () => {
    const filters: Filters = {
      ...NO_FILTERS,
      channel: ['shopee', 'website'],
      from: '2017-06-01',
      to: '2018-03-31',
    };
    const keep = (o: ReturnType<typeof orders>[number]) =>
      (o.channel === 'shopee' || o.channel === 'website') &&
      o.day >= '2017-06-01' &&
      o.day <= '2018-03-31';
    const inScope = orders().filter(keep);
    const [kpi] = await run(opsKpiQuery(filters));
    const want = onTime(keep);
    expect(kpi).toMatchObject({
      orders: inScope.length,
      not_completed: inScope.filter((o) => o.status !== 'delivered').length,
      with_estimate: want.withEstimate,
      on_time: want.onTime,
    });
    expect(Number(kpi?.on_time_share)).toBeCloseTo(want.onTime / want.withEstimate, 12);

    const statuses = await run(dropoffQuery(filters));
    const byStatus = new Map<string, number>();
    for (const o of inScope) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
    expect(new Map(statuses.map((s) => [s.status, Number(s.orders)]))).toEqual(byStatus);
    expect(statuses.find((s) => s.status === 'delivered')?.dropped).toBe(0);
    const shipped = statuses.find((s) => s.status === 'shipped');
    if (shipped) expect(shipped.dropped).toBe(shipped.orders);
  });

  it('returns: totals equal gold.return_rate; a category filter keeps its own lines', async () => {
    const rows = await run(returnsQuery(NO_FILTERS, 1000));
    const total = rows.at(-1)!;
    expect(total.label).toBeNull();
    const [gold] = await driver.rows(
      'SELECT sum(delivered_units)::BIGINT AS sold, sum(returned_units)::BIGINT AS returned FROM gold.return_rate',
    );
    expect(total).toMatchObject({ sold: gold?.sold, returned: gold?.returned });
    expect(sum(rows.slice(0, -1), 'returned')).toBe(Number(gold?.returned));
    const rates = rows.slice(0, -1).map((r) => Number(r.rate));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));

    const category = String(rows[0]?.label);
    const [one, oneTotal] = await run(returnsQuery({ ...NO_FILTERS, category: [category] }));
    expect(one).toMatchObject({
      label: category,
      returned: rows[0]?.returned,
      sold: rows[0]?.sold,
    });
    expect(oneTotal).toMatchObject({ label: null, returned: rows[0]?.returned });
  });

  it('inventory slots and statuses match the inventory file', async () => {
    const rows = await run(inventoryQuery());
    const file = demo.table('demo_inventory.csv');
    expect(sum(rows, 'slots')).toBe(file.length);
    expect(sum(rows, 'out_of_stock')).toBe(file.filter((r) => r.stock_on_hand === '0').length);
    const warehouses = [...new Set(file.map((r) => r.warehouse_id))].sort();
    expect(rows.map((r) => r.warehouse)).toEqual(warehouses);
    for (const r of rows) {
      expect(
        Number(r.ok) + Number(r.reorder) + Number(r.below_safety) + Number(r.out_of_stock),
      ).toBe(Number(r.slots));
    }
  });

  it('alerts: the most urgent first (open, then out of stock before below safety before reorder)', async () => {
    const counts = await run(alertCountsQuery());
    const all = await run(alertsQuery(true, 100_000));
    expect(all).toHaveLength(sum(counts, 'total'));
    const urgency = all.map((a) => [a.is_open ? 0 : 1, Number(a.severity)]);
    const sorted = [...urgency].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(urgency).toEqual(sorted);
    expect(all.filter((a) => a.is_open)).toHaveLength(sum(counts, 'open'));
    const open = await run(alertsQuery(false, 100_000));
    expect(open).toEqual(all.filter((a) => a.is_open));
    expect(await run(alertsQuery(true, 3))).toEqual(all.slice(0, 3));
  });
});
