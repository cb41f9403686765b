import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { loadModelFiles } from './load-files.ts';
import { runPipeline } from './run.ts';
import { loadFixtureBatch } from './testing.ts';

const root = path.resolve(import.meta.dirname, '../..');

/*
 * tests/fixtures/medallion/demo, by hand (see gold-products.test.ts for the order lines).
 * Deliveries (purchase → delivered, estimate):
 *   o1 Jan 10 10:00 → Jan 15 10:00 = 5 d, estimate Jan 20: on time
 *   o2 Jan 20 09:00 → Feb 2 09:00 = 13 d, estimate Jan 30: 3 days late
 *   o3 Feb 5 12:00 → Feb 8 00:00 = 2.5 d, estimate Feb 8 00:00: on time (same day)
 *   o4 Feb 10 08:00 → Feb 20 08:00 = 10 d, estimate Feb 15: 5 days late
 *   o6 Mar 3 10:00 → Mar 7 10:00 = 4 d, estimate Mar 10: on time
 */
describe('operations gold models on the demo fixture', () => {
  let driver: SqlDriver;
  const q = (sql: string) => driver.rows(sql);
  beforeAll(async () => {
    driver = await openNativeDriver();
    await loadFixtureBatch(
      driver,
      path.join(root, 'tests/fixtures/medallion/demo'),
      'b1',
      '2024-01-01 00:00:00',
    );
    const run = await runPipeline(driver, await loadModelFiles(path.join(root, 'src/sql')), {
      persist: false,
    });
    expect(run.error).toBeNull();
  });
  afterAll(() => driver.close());

  it('shipping_sla: late rate, days late and delivery days per delivery month', async () => {
    // Feb: o2 (3 late), o3 (on time), o4 (5 late) → 2/3 late, avg days late 4,
    // avg delivery (13 + 2.5 + 10) / 3 = 8.5.
    expect(
      await q(`SELECT month::VARCHAR AS month, delivered_orders, late_orders, round(late_rate_pct, 2) AS late,
          round(on_time_rate_pct, 2) AS on_time, avg_days_late, avg_delivery_days FROM gold.shipping_sla ORDER BY 1`),
    ).toEqual([
      {
        month: '2018-01-01',
        delivered_orders: 1,
        late_orders: 0,
        late: 0,
        on_time: 100,
        avg_days_late: null,
        avg_delivery_days: 5,
      },
      {
        month: '2018-02-01',
        delivered_orders: 3,
        late_orders: 2,
        late: 66.67,
        on_time: 33.33,
        avg_days_late: 4,
        avg_delivery_days: 8.5,
      },
      {
        month: '2018-03-01',
        delivered_orders: 1,
        late_orders: 0,
        late: 0,
        on_time: 100,
        avg_days_late: null,
        avg_delivery_days: 4,
      },
    ]);
  });

  it('delivery_time_distribution: whole-day histogram and continuous percentiles', async () => {
    // Days 2.5, 4, 5, 10, 13 → buckets 2, 4, 5, 10, 13 (20 % each), days 0..13 present.
    // p50 = 5; p90: position 0.9 × 4 = 3.6 → 10 + 0.6 × 3 = 11.8; p95: 3.8 → 10 + 0.8 × 3 = 12.4.
    const rows = await q(
      'SELECT delivery_days, orders, cumulative_pct, p50_days, round(p90_days, 6) AS p90, round(p95_days, 6) AS p95 FROM gold.delivery_time_distribution ORDER BY 1',
    );
    expect(rows.map((r) => r.delivery_days)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
    ]);
    expect(
      rows.filter((r) => r.orders !== 0).map((r) => [r.delivery_days, r.cumulative_pct]),
    ).toEqual([
      [2, 20],
      [4, 40],
      [5, 60],
      [10, 80],
      [13, 100],
    ]);
    expect(rows[0]).toMatchObject({ p50_days: 5, p90: 11.8, p95: 12.4 });
  });

  it('return_rate: returned over delivered units per category and purchase month', async () => {
    // Delivered units in Feb: HB 2 (o3 p1, o4 p2), SL 1 (o3 p3), CA 2 (o4 p4 × 2).
    // Returns: o3 p3 (200), o4 p4 (80) → SL 1/1 = 100 %, CA 1/2 = 50 %.
    expect(
      await q(
        'SELECT category, month::VARCHAR AS month, delivered_units, returned_units, refund_amount, return_rate_pct FROM gold.return_rate ORDER BY 1, 2',
      ),
    ).toEqual([
      {
        category: 'computers_accessories',
        month: '2018-02-01',
        delivered_units: 2,
        returned_units: 1,
        refund_amount: 80,
        return_rate_pct: 50,
      },
      {
        category: 'health_beauty',
        month: '2018-01-01',
        delivered_units: 2,
        returned_units: 0,
        refund_amount: 0,
        return_rate_pct: 0,
      },
      {
        category: 'health_beauty',
        month: '2018-02-01',
        delivered_units: 2,
        returned_units: 0,
        refund_amount: 0,
        return_rate_pct: 0,
      },
      {
        category: 'health_beauty',
        month: '2018-03-01',
        delivered_units: 1,
        returned_units: 0,
        refund_amount: 0,
        return_rate_pct: 0,
      },
      {
        category: 'sports_leisure',
        month: '2018-01-01',
        delivered_units: 1,
        returned_units: 0,
        refund_amount: 0,
        return_rate_pct: 0,
      },
      {
        category: 'sports_leisure',
        month: '2018-02-01',
        delivered_units: 1,
        returned_units: 1,
        refund_amount: 200,
        return_rate_pct: 100,
      },
    ]);
  });

  it('payment_mix and payment_installments', async () => {
    // credit_card: o1 160 (3x), o3 340 (1x), o4 200 (5x), o5 105 (2x) = 805 of
    // 805 + 440 + 26 + 50 = 1321 → 60.939 %; 4 of 7 paid orders = 57.143 %; installments 11/4.
    // o4 pays with a voucher too, so order shares add up to more than 100.
    expect(
      await q(`SELECT payment_type, orders, payment_value, round(value_share_pct, 3) AS value_share,
          round(order_share_pct, 3) AS order_share, avg_installments FROM gold.payment_mix ORDER BY 1`),
    ).toEqual([
      {
        payment_type: 'boleto',
        orders: 2,
        payment_value: 440,
        value_share: 33.308,
        order_share: 28.571,
        avg_installments: 1,
      },
      {
        payment_type: 'credit_card',
        orders: 4,
        payment_value: 805,
        value_share: 60.939,
        order_share: 57.143,
        avg_installments: 2.75,
      },
      {
        payment_type: 'debit_card',
        orders: 1,
        payment_value: 50,
        value_share: 3.785,
        order_share: 14.286,
        avg_installments: 1,
      },
      {
        payment_type: 'voucher',
        orders: 1,
        payment_value: 26,
        value_share: 1.968,
        order_share: 14.286,
        avg_installments: 1,
      },
    ]);
    expect(
      await q(
        "SELECT installments, payments, payment_value, share_of_type_pct FROM gold.payment_installments WHERE payment_type = 'credit_card' ORDER BY 1",
      ),
    ).toEqual([
      { installments: 1, payments: 1, payment_value: 340, share_of_type_pct: 25 },
      { installments: 2, payments: 1, payment_value: 105, share_of_type_pct: 25 },
      { installments: 3, payments: 1, payment_value: 160, share_of_type_pct: 25 },
      { installments: 5, payments: 1, payment_value: 200, share_of_type_pct: 25 },
    ]);
  });

  it('inventory_turnover: sales over average stock, days of supply, snapshot status', async () => {
    // Movements run Jan 10 → Mar 25: 22 + 28 + 25 = 75 days. WH-SP p1: 3 sales (the 'in'
    // return does not count), avg stock (10 + 8) / 2 = 9 → 1/3; days of supply 8 / (3/75) = 200.
    // WH-SP p2: 3 / 4.5; 3 on hand <= reorder point 4 → REORDER. WH-SP p3: 3 / ((4 + 6) / 2) = 0.6,
    // restocked to 6 → OK. WH-RJ p4: 2 / 1 = 2; nothing left. WH-RJ p1: no sales → 0, no supply days.
    expect(
      await q(`SELECT warehouse_id, product_id, units_sold, avg_stock, round(turnover, 4) AS turnover,
          round(days_of_supply, 2) AS dos, stock_status FROM gold.inventory_turnover ORDER BY 1, 2`),
    ).toEqual([
      {
        warehouse_id: 'WH-RJ',
        product_id: 'p1',
        units_sold: 0,
        avg_stock: 4,
        turnover: 0,
        dos: null,
        stock_status: 'OK',
      },
      {
        warehouse_id: 'WH-RJ',
        product_id: 'p4',
        units_sold: 2,
        avg_stock: 1,
        turnover: 2,
        dos: 0,
        stock_status: 'OUT_OF_STOCK',
      },
      {
        warehouse_id: 'WH-SP',
        product_id: 'p1',
        units_sold: 3,
        avg_stock: 9,
        turnover: 0.3333,
        dos: 200,
        stock_status: 'OK',
      },
      {
        warehouse_id: 'WH-SP',
        product_id: 'p2',
        units_sold: 3,
        avg_stock: 4.5,
        turnover: 0.6667,
        dos: 75,
        stock_status: 'REORDER',
      },
      {
        warehouse_id: 'WH-SP',
        product_id: 'p3',
        units_sold: 3,
        avg_stock: 5,
        turnover: 0.6,
        dos: 150,
        stock_status: 'OK',
      },
    ]);
  });

  it('safety_stock_alerts: alerts raised and resolved by replaying the movement log', async () => {
    // WH-SP p2 (safety 2, reorder 4): 6 → 5 → 4 (m7, REORDER raised) → 3; still open.
    // WH-SP p3 (safety 2, reorder 3): 4 → 3 (m3, REORDER) → 2 → 1 (m10, BELOW_SAFETY_STOCK) → 6
    //   (m12 restock, Mar 25 10:00) resolves both: Jan 20 09:00 → Mar 25 10:00 = 64 d 1 h; 15 d.
    // WH-RJ p4 (safety 1, reorder 2): starts at 2 (already REORDER, no alert) → 0 (m6, OUT_OF_STOCK).
    // WH-SP p1 never falls to its reorder point 4 (10 → 7, then 8).
    expect(
      await q(`SELECT movement_id, warehouse_id, product_id, alert_level, stock_after,
          raised_at::VARCHAR AS raised, resolved_at::VARCHAR AS resolved, round(days_open, 4) AS days, is_open
        FROM gold.safety_stock_alerts ORDER BY raised_at, movement_id`),
    ).toEqual([
      {
        movement_id: '3',
        warehouse_id: 'WH-SP',
        product_id: 'p3',
        alert_level: 'REORDER',
        stock_after: 3,
        raised: '2018-01-20 09:00:00',
        resolved: '2018-03-25 10:00:00',
        days: 64.0417,
        is_open: false,
      },
      {
        movement_id: '6',
        warehouse_id: 'WH-RJ',
        product_id: 'p4',
        alert_level: 'OUT_OF_STOCK',
        stock_after: 0,
        raised: '2018-02-10 08:00:00',
        resolved: null,
        days: null,
        is_open: true,
      },
      {
        movement_id: '7',
        warehouse_id: 'WH-SP',
        product_id: 'p2',
        alert_level: 'REORDER',
        stock_after: 4,
        raised: '2018-02-10 08:00:00',
        resolved: null,
        days: null,
        is_open: true,
      },
      {
        movement_id: '10',
        warehouse_id: 'WH-SP',
        product_id: 'p3',
        alert_level: 'BELOW_SAFETY_STOCK',
        stock_after: 1,
        raised: '2018-03-10 10:00:00',
        resolved: '2018-03-25 10:00:00',
        days: 15,
        is_open: false,
      },
    ]);
  });

  it('profit_margin: revenue, cost_price × units and margin per category and month', async () => {
    // Feb HB: o3 p1 110 (cost 60) + o4 p2 45 (20) → 155 − 80 = 75 → 48.387 %.
    // Feb CA: 2 × 80 − 2 × 30 = 100 → 62.5 %. Mar HB: o6 45 − 20 = 25 (o5 canceled) → 55.556 %.
    expect(
      await q(`SELECT category, month::VARCHAR AS month, revenue, cost, margin, round(margin_pct, 3) AS pct
        FROM gold.profit_margin ORDER BY 1, 2`),
    ).toEqual([
      {
        category: 'computers_accessories',
        month: '2018-02-01',
        revenue: 160,
        cost: 60,
        margin: 100,
        pct: 62.5,
      },
      {
        category: 'health_beauty',
        month: '2018-01-01',
        revenue: 145,
        cost: 80,
        margin: 65,
        pct: 44.828,
      },
      {
        category: 'health_beauty',
        month: '2018-02-01',
        revenue: 155,
        cost: 80,
        margin: 75,
        pct: 48.387,
      },
      {
        category: 'health_beauty',
        month: '2018-03-01',
        revenue: 45,
        cost: 20,
        margin: 25,
        pct: 55.556,
      },
      {
        category: 'sports_leisure',
        month: '2018-01-01',
        revenue: 200,
        cost: 100,
        margin: 100,
        pct: 50,
      },
      {
        category: 'sports_leisure',
        month: '2018-02-01',
        revenue: 200,
        cost: 100,
        margin: 100,
        pct: 50,
      },
      {
        category: 'sports_leisure',
        month: '2018-03-01',
        revenue: 200,
        cost: 100,
        margin: 100,
        pct: 50,
      },
    ]);
  });
});
