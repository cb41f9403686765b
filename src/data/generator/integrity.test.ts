import { beforeAll, describe, expect, it } from 'vitest';
import { cents, generateToMemory, groupBy } from '../test-helpers/generate.ts';
import type { Generated } from '../test-helpers/generate.ts';

let g: Generated;
beforeAll(async () => {
  g = await generateToMemory({ seed: 99, orders: 6000, scenario: 'promotion_blast' });
});

describe('referential integrity and reconciliation', () => {
  it('numbers item rows 1..n inside each order, one row per unit', () => {
    const orders = groupBy(g.table('olist_order_items_dataset.csv'), (i) => i.order_id ?? '');
    expect(
      [...orders.values()].filter((rows) => rows.some((r, k) => Number(r.order_item_id) !== k + 1)),
    ).toEqual([]);
    expect(
      [...orders.values()].some(
        (rows) => rows.length > 1 && rows[0]?.product_id === rows[1]?.product_id,
      ),
    ).toBe(true);
  });

  it('points every reference at an existing row', () => {
    const orderIds = new Set(g.table('olist_orders_dataset.csv').map((o) => o.order_id));
    const products = new Set(g.table('olist_products_dataset.csv').map((p) => p.product_id));
    const sellers = new Set(g.table('olist_sellers_dataset.csv').map((s) => s.seller_id));
    const customers = new Set(g.table('olist_customers_dataset.csv').map((c) => c.customer_id));
    const items = g.table('olist_order_items_dataset.csv');
    expect(
      items.filter(
        (i) =>
          !orderIds.has(i.order_id) || !products.has(i.product_id) || !sellers.has(i.seller_id),
      ),
    ).toEqual([]);
    expect(
      g.table('olist_orders_dataset.csv').filter((o) => !customers.has(o.customer_id)),
    ).toEqual([]);
    for (const file of [
      'olist_order_payments_dataset.csv',
      'olist_order_reviews_dataset.csv',
      'demo_order_channels.csv',
      'demo_returns.csv',
      'demo_loyalty.csv',
    ]) {
      expect(
        g.table(file).filter((r) => !orderIds.has(r.order_id)),
        file,
      ).toEqual([]);
    }
    expect(g.table('demo_product_pricing.csv').filter((p) => !products.has(p.product_id))).toEqual(
      [],
    );
    const sessions = new Set(g.table('demo_sessions.csv').map((s) => s.session_id));
    expect(
      g
        .table('demo_session_events.csv')
        .filter(
          (e) =>
            !sessions.has(e.session_id) || (e.product_id !== '' && !products.has(e.product_id)),
        ),
    ).toEqual([]);
    expect(g.table('demo_product_pricing.csv')).toHaveLength(products.size);
  });

  it('reconciles payments with item totals to the cent, except installment interest', () => {
    const totals = new Map<string, number>();
    for (const i of g.table('olist_order_items_dataset.csv')) {
      totals.set(
        i.order_id ?? '',
        (totals.get(i.order_id ?? '') ?? 0) + cents(i.price) + cents(i.freight_value),
      );
    }
    const payments = groupBy(g.table('olist_order_payments_dataset.csv'), (p) => p.order_id ?? '');
    let exact = 0;
    let interest = 0;
    for (const [order, total] of totals) {
      const rows = payments.get(order);
      if (rows === undefined) continue;
      const paid = rows.reduce((s, p) => s + cents(p.payment_value), 0);
      if (paid === total) exact++;
      else {
        interest++;
        const card = rows.find((p) => p.payment_type === 'credit_card');
        expect(Number(card?.payment_installments)).toBeGreaterThanOrEqual(2);
        expect(paid).toBeGreaterThan(total);
        expect(paid).toBeLessThanOrEqual(total * 1.25);
      }
    }
    expect(exact / (exact + interest)).toBeGreaterThan(0.99);
    expect(interest).toBeGreaterThan(0);
  });

  it('gives each payment row exactly one status row', () => {
    const key = (r: Record<string, string>): string => `${r.order_id}#${r.payment_sequential}`;
    const statuses = g.table('demo_payment_status.csv').map(key);
    expect(statuses).toEqual(g.table('olist_order_payments_dataset.csv').map(key));
  });

  it('ties every order to a session that ends in its purchase event', () => {
    const sessions = new Map(g.table('demo_sessions.csv').map((s) => [s.session_id, s]));
    const purchases = new Map(
      g
        .table('demo_session_events.csv')
        .filter((e) => e.event_type === 'purchase')
        .map((e) => [e.order_id, e]),
    );
    const orders = new Map(g.table('olist_orders_dataset.csv').map((o) => [o.order_id, o]));
    const channels = g.table('demo_order_channels.csv');
    expect(channels).toHaveLength(orders.size);
    const broken = channels.filter((c) => {
      const purchase = purchases.get(c.order_id);
      return (
        purchase?.session_id !== c.session_id ||
        purchase?.event_timestamp !== orders.get(c.order_id)?.order_purchase_timestamp ||
        sessions.get(c.session_id)?.campaign_id !== c.campaign_id
      );
    });
    expect(broken).toEqual([]);
    const ids = g.table('demo_session_events.csv').map((e) => Number(e.event_id));
    expect(ids).toEqual(ids.map((_, k) => k + 1));
    expect(sessions.size).toBeGreaterThan(2 * orders.size);
  });

  it('balances stock: initial + in - out = on hand, never negative, sometimes below safety stock', () => {
    const moves = groupBy(
      g.table('demo_stock_movements.csv'),
      (m) => `${m.warehouse_id}|${m.product_id}`,
    );
    const inventory = g.table('demo_inventory.csv');
    let belowSafety = 0;
    for (const inv of inventory) {
      const chronological = [...(moves.get(`${inv.warehouse_id}|${inv.product_id}`) ?? [])].sort(
        (a, b) =>
          (a.movement_timestamp ?? '').localeCompare(b.movement_timestamp ?? '') ||
          Number(a.movement_id) - Number(b.movement_id),
      );
      let stock = Number(inv.initial_stock);
      let low = stock;
      for (const m of chronological) {
        stock += (m.movement_type === 'in' ? 1 : -1) * Number(m.quantity);
        low = Math.min(low, stock);
      }
      expect(
        (chronological.at(-1)?.movement_timestamp ?? '') <= (inv.snapshot_timestamp ?? ''),
      ).toBe(true);
      expect(stock).toBe(Number(inv.stock_on_hand));
      expect(low).toBeGreaterThanOrEqual(0);
      if (low < Number(inv.safety_stock)) belowSafety++;
    }
    expect(belowSafety).toBeGreaterThan(0);
  });

  it('assigns loyalty tiers from lifetime points (Silver 150, Gold 400, Platinum 1000)', () => {
    const tierOf = (points: number): string =>
      points >= 1000 ? 'Platinum' : points >= 400 ? 'Gold' : points >= 150 ? 'Silver' : 'Bronze';
    const ledger = g.table('demo_loyalty.csv');
    const wrong: Record<string, string>[] = [];
    for (const rows of groupBy(ledger, (r) => r.customer_unique_id ?? '').values()) {
      let balance = 0;
      for (const r of rows) {
        balance += Number(r.points_earned);
        if (Number(r.points_balance) !== balance || r.tier !== tierOf(balance)) wrong.push(r);
      }
    }
    expect(wrong).toEqual([]);
    expect(new Set(ledger.map((r) => r.tier)).size).toBeGreaterThanOrEqual(3);
  });

  it('refunds returned items at most their price plus freight', () => {
    const items = new Map(
      g.table('olist_order_items_dataset.csv').map((i) => [`${i.order_id}#${i.order_item_id}`, i]),
    );
    const orders = new Map(g.table('olist_orders_dataset.csv').map((o) => [o.order_id, o]));
    const returns = g.table('demo_returns.csv');
    expect(returns.length).toBeGreaterThan(0);
    for (const r of returns) {
      const item = items.get(`${r.order_id}#${r.order_item_id}`);
      expect(item?.product_id).toBe(r.product_id);
      expect(cents(r.refund_amount)).toBeLessThanOrEqual(
        cents(item?.price) + cents(item?.freight_value),
      );
      const order = orders.get(r.order_id);
      expect(order?.order_status).toBe('delivered');
      expect(r.return_timestamp! > (order?.order_delivered_customer_date ?? '')).toBe(true);
    }
  });
});
