import { beforeAll, describe, expect, it } from 'vitest';
import { cents, generateToMemory, groupBy } from '../test-helpers/generate.ts';
import type { Generated } from '../test-helpers/generate.ts';
import { SCENARIOS } from './index.ts';
import type { Scenario } from './index.ts';

const N = 5000;
const runs = new Map<Scenario, Generated>();
beforeAll(async () => {
  for (const scenario of SCENARIOS)
    runs.set(scenario, await generateToMemory({ seed: 11, orders: N, scenario }));
});
const run = (s: Scenario): Generated => runs.get(s) as Generated;
const purchaseDay = (o: Record<string, string>): string =>
  o.order_purchase_timestamp?.slice(0, 10) ?? '';
const perDay = (g: Generated, from: string, to: string): number =>
  g.table('olist_orders_dataset.csv').filter((o) => purchaseDay(o) >= from && purchaseDay(o) <= to)
    .length;

describe('scenarios', () => {
  it('keep the Olist vocabularies and headers in every scenario', () => {
    for (const s of SCENARIOS) {
      const types = new Set(
        run(s)
          .table('olist_order_payments_dataset.csv')
          .map((p) => p.payment_type),
      );
      expect(
        [...types].every((t) =>
          ['credit_card', 'boleto', 'voucher', 'debit_card', 'not_defined'].includes(t ?? ''),
        ),
      ).toBe(true);
      expect(run(s).files.get('olist_orders_dataset.csv')?.split('\n')[0]).toBe(
        run('normal_day').files.get('olist_orders_dataset.csv')?.split('\n')[0],
      );
    }
  });

  it('flash_sale: an order spike on 2018-05-15/16 at deep discounts', () => {
    const flash = run('flash_sale');
    const spike = perDay(flash, '2018-05-15', '2018-05-16') / 2;
    const before = perDay(flash, '2018-04-01', '2018-04-30') / 30;
    expect(spike).toBeGreaterThan(8 * before);
    expect(perDay(run('normal_day'), '2018-05-15', '2018-05-16') / 2).toBeLessThan(2 * before);
    const pricing = new Map(flash.table('demo_product_pricing.csv').map((p) => [p.product_id, p]));
    const onSale = [...pricing.values()].filter(
      (p) => Number(p.flash_sale_discount_percentage) >= 40,
    );
    expect(onSale.length / pricing.size).toBeGreaterThan(0.05);
    expect(
      run('normal_day')
        .table('demo_product_pricing.csv')
        .every((p) => p.flash_sale_discount_percentage === '0'),
    ).toBe(true);
    const windowOrders = new Set(
      flash
        .table('olist_orders_dataset.csv')
        .filter((o) => ['2018-05-15', '2018-05-16'].includes(purchaseDay(o)))
        .map((o) => o.order_id),
    );
    const items = flash
      .table('olist_order_items_dataset.csv')
      .filter((i) => windowOrders.has(i.order_id));
    const discounted = items.filter(
      (i) => cents(i.price) < cents(pricing.get(i.product_id)?.price),
    );
    expect(discounted.length / items.length).toBeGreaterThan(0.5);
    for (const i of discounted) {
      const p = pricing.get(i.product_id);
      const expected = Math.round(
        (cents(p?.list_price) * (100 - Number(p?.flash_sale_discount_percentage))) / 100,
      );
      expect(cents(i.price)).toBe(expected);
    }
  });

  it('fraud_attack: night bursts of high-value orders from new accounts with failed payments', () => {
    const fraud = run('fraud_attack');
    const orders = fraud.table('olist_orders_dataset.csv');
    const nightHours = groupBy(
      orders.filter((o) => Number(o.order_purchase_timestamp?.slice(11, 13)) < 6),
      (o) => o.order_purchase_timestamp?.slice(0, 13) ?? '',
    );
    const bursts = [...nightHours.values()].filter((rows) => rows.length >= 5);
    expect(bursts.length).toBeGreaterThanOrEqual(8);
    const burstOrders = bursts.flat();
    expect(burstOrders.length / N).toBeGreaterThan(0.015);
    const status = new Map(
      fraud.table('demo_payment_status.csv').map((p) => [p.order_id, p.payment_status]),
    );
    const bad = burstOrders.filter((o) =>
      ['failed', 'voided', 'chargeback'].includes(status.get(o.order_id) ?? ''),
    );
    expect(bad.length / burstOrders.length).toBeGreaterThan(0.7);
    const normalBad = run('normal_day')
      .table('demo_payment_status.csv')
      .filter((p) => !['approved', 'pending'].includes(p.payment_status ?? ''));
    expect(normalBad.length / N).toBeLessThan(0.01);
    const value = new Map<string, number>();
    for (const p of fraud.table('olist_order_payments_dataset.csv')) {
      value.set(p.order_id ?? '', (value.get(p.order_id ?? '') ?? 0) + cents(p.payment_value));
    }
    const mean = (rows: Record<string, string>[]): number =>
      rows.reduce((s, o) => s + (value.get(o.order_id ?? '') ?? 0), 0) / rows.length;
    expect(mean(burstOrders)).toBeGreaterThan(4 * mean(orders));
    const customers = new Map(
      fraud.table('olist_customers_dataset.csv').map((c) => [c.customer_id, c]),
    );
    const persons = groupBy(
      fraud.table('olist_customers_dataset.csv'),
      (c) => c.customer_unique_id ?? '',
    );
    for (const o of burstOrders)
      expect(persons.get(customers.get(o.customer_id)?.customer_unique_id ?? '')).toHaveLength(1);
    for (const rows of bursts) {
      expect(
        new Set(rows.map((o) => customers.get(o.customer_id)?.customer_zip_code_prefix)).size,
      ).toBeLessThanOrEqual(3);
    }
    const loyal = new Set(fraud.table('demo_loyalty.csv').map((l) => l.order_id));
    expect(burstOrders.some((o) => loyal.has(o.order_id))).toBe(false);
  });

  it('promotion_blast: a campaign week full of sessions, conversions and vouchers', () => {
    const blast = run('promotion_blast');
    const campaign = blast
      .table('demo_campaigns.csv')
      .find((c) => c.campaign_name === 'Mega Blast Julho 2018');
    expect(campaign?.start_date).toBe('2018-07-09');
    expect(campaign?.end_date).toBe('2018-07-15');
    const sessionsIn = (g: Generated, from: string, to: string): Record<string, string>[] =>
      g
        .table('demo_sessions.csv')
        .filter((s) => (s.session_start ?? '') >= from && (s.session_start ?? '') < to);
    const week = sessionsIn(blast, '2018-07-09', '2018-07-16');
    const baseline = sessionsIn(run('normal_day'), '2018-07-09', '2018-07-16');
    expect(week.length).toBeGreaterThan(3 * baseline.length);
    expect(
      week.filter((s) => s.campaign_id === campaign?.campaign_id).length / week.length,
    ).toBeGreaterThan(0.7);
    const attributed = blast
      .table('demo_order_channels.csv')
      .filter((c) => c.campaign_id === campaign?.campaign_id);
    expect(attributed.length / N).toBeGreaterThan(0.03);
    expect(perDay(blast, '2018-07-09', '2018-07-15')).toBeGreaterThan(
      2 * perDay(run('normal_day'), '2018-07-09', '2018-07-15'),
    );
  });
});
