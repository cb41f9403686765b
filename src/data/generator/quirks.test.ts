import { beforeAll, describe, expect, it } from 'vitest';
import { generateToMemory, groupBy, withinShare } from '../test-helpers/generate.ts';
import type { Generated } from '../test-helpers/generate.ts';

/** Shares documented in DATASET.md (most are the public Olist data's own). */
const DOC = {
  status: { delivered: 0.9702, shipped: 0.0111, canceled: 0.0063, unavailable: 0.0061 },
  ordersWithoutItems: 0.0078,
  unapproved: 0.0031,
  late: 0.08,
  deliveredUndated: 0.001,
  multiPayment: 0.034,
  zeroValueRowsPerOrder: 0.0025,
  reviewed: 0.992,
  secondReview: 0.0055,
  sharedReviewId: 0.008,
  message: 0.41,
  title: 0.12,
  uncategorised: 0.0185,
  repeatPersons: 0.13,
} as const;

const N = 20_000;
let g: Generated;
let orders: Record<string, string>[];
beforeAll(async () => {
  g = await generateToMemory({ seed: 2024, orders: N, scenario: 'normal_day' });
  orders = g.table('olist_orders_dataset.csv');
});

describe('documented quirks of the Olist files', () => {
  it('has realistic order statuses (~97% delivered)', () => {
    const byStatus = groupBy(orders, (o) => o.order_status ?? '');
    for (const [status, share] of Object.entries(DOC.status)) {
      expect(withinShare(byStatus.get(status)?.length ?? 0, N, share), status).toBe(true);
    }
  });

  it('has orders without items, mostly unavailable or canceled', () => {
    const withItems = new Set(g.table('olist_order_items_dataset.csv').map((i) => i.order_id));
    const without = orders.filter((o) => !withItems.has(o.order_id));
    expect(withinShare(without.length, N, DOC.ordersWithoutItems)).toBe(true);
    const statuses = new Set(without.map((o) => o.order_status));
    expect(
      [...statuses].every((s) => ['unavailable', 'canceled', 'created'].includes(s ?? '')),
    ).toBe(true);
    expect(
      orders
        .filter((o) => o.order_status === 'unavailable')
        .every((o) => !withItems.has(o.order_id)),
    ).toBe(true);
  });

  it('leaves dates empty where the order never got there', () => {
    const unapproved = orders.filter((o) => o.order_approved_at === '');
    expect(withinShare(unapproved.length, N, DOC.unapproved, 5)).toBe(true);
    expect(unapproved.some((o) => o.order_status === 'delivered')).toBe(true);
    for (const o of orders.filter((x) => x.order_status !== 'delivered'))
      expect(o.order_delivered_customer_date).toBe('');
    expect(
      orders
        .filter((o) => o.order_status === 'shipped')
        .every((o) => o.order_delivered_carrier_date !== ''),
    ).toBe(true);
  });

  it('keeps orders arriving after the data ends (2018-10-17) as shipped, not delivered', () => {
    const delivered = orders.filter((o) => o.order_status === 'delivered');
    const undated = delivered.filter((o) => o.order_delivered_customer_date === '');
    expect(withinShare(undated.length, delivered.length, DOC.deliveredUndated)).toBe(true);
    const dates = delivered.map((o) => o.order_delivered_customer_date ?? '');
    expect(dates.filter((d) => d > '2018-10-17 23:59:59')).toEqual([]);
  });

  it('delivers about 8% of delivered orders after the estimated date', () => {
    const delivered = orders.filter(
      (o) => o.order_status === 'delivered' && o.order_delivered_customer_date !== '',
    );
    const late = delivered.filter(
      (o) =>
        o.order_delivered_customer_date!.slice(0, 10) >
        o.order_estimated_delivery_date!.slice(0, 10),
    );
    expect(withinShare(late.length, delivered.length, DOC.late)).toBe(true);
  });

  it('orders lifecycle timestamps', () => {
    const unordered = orders.filter((o) => {
      const steps = [
        o.order_purchase_timestamp,
        o.order_approved_at,
        o.order_delivered_carrier_date,
        o.order_delivered_customer_date,
      ].filter((v) => v !== '');
      return steps.some((v, k) => k > 0 && (v ?? '') < (steps[k - 1] ?? ''));
    });
    expect(unordered).toEqual([]);
  });

  it('has multi-row payments with vouchers, zero values and zero installments', () => {
    const payments = g.table('olist_order_payments_dataset.csv');
    const byOrder = groupBy(payments, (p) => p.order_id ?? '');
    const multi = [...byOrder.values()].filter((rows) => rows.length > 1);
    expect(withinShare(multi.length, N, DOC.multiPayment)).toBe(true);
    expect(multi.every((rows) => rows.some((p) => p.payment_type === 'voucher'))).toBe(true);
    expect(
      [...byOrder.values()].filter((rows) =>
        rows.some((p, k) => Number(p.payment_sequential) !== k + 1),
      ),
    ).toEqual([]);
    expect(
      withinShare(
        payments.filter((p) => p.payment_value === '0.00').length,
        N,
        DOC.zeroValueRowsPerOrder,
      ),
    ).toBe(true);
    expect(
      payments.some((p) => p.payment_type === 'credit_card' && p.payment_installments === '0'),
    ).toBe(true);
    expect(
      payments
        .filter((p) => p.payment_type !== 'credit_card')
        .every((p) => p.payment_installments === '1'),
    ).toBe(true);
    expect(orders.some((o) => !byOrder.has(o.order_id ?? ''))).toBe(true);
    expect(
      payments.some((p) => p.payment_type === 'not_defined' && p.payment_value === '0.00'),
    ).toBe(true);
  });

  it('has reviews with Portuguese free text, shared ids and second reviews', () => {
    const reviews = g.table('olist_order_reviews_dataset.csv');
    const reviewedOrders = groupBy(reviews, (r) => r.order_id ?? '');
    expect(withinShare(reviewedOrders.size, N, DOC.reviewed)).toBe(true);
    const twice = [...reviewedOrders.values()].filter((rows) => rows.length > 1);
    expect(withinShare(twice.length, N, DOC.secondReview)).toBe(true);
    const shared = [...groupBy(reviews, (r) => r.review_id ?? '').values()].filter(
      (rows) => rows.length > 1,
    );
    expect(withinShare(shared.length, reviewedOrders.size, DOC.sharedReviewId)).toBe(true);
    for (const rows of shared) expect(new Set(rows.map((r) => r.order_id)).size).toBe(rows.length);
    expect(
      withinShare(
        reviews.filter((r) => r.review_comment_message !== '').length,
        reviews.length,
        DOC.message,
      ),
    ).toBe(true);
    expect(
      withinShare(
        reviews.filter((r) => r.review_comment_title !== '').length,
        reviews.length,
        DOC.title,
      ),
    ).toBe(true);
    const messages = reviews.map((r) => r.review_comment_message ?? '');
    expect(messages.some((m) => m.includes('\r\n'))).toBe(true);
    expect(messages.some((m) => m.includes('"'))).toBe(true);
    expect(messages.some((m) => m.includes(','))).toBe(true);
    expect(messages.some((m) => /[ãçéó]/.test(m))).toBe(true);
    for (const r of reviews) expect(r.review_creation_date).toMatch(/ 00:00:00$/);
  });

  it('has products without a category and zip codes with leading zeros', () => {
    const products = g.table('olist_products_dataset.csv');
    const bare = products.filter((p) => p.product_category_name === '');
    expect(withinShare(bare.length, products.length, DOC.uncategorised, 5)).toBe(true);
    expect(bare.every((p) => p.product_name_lenght === '' && p.product_photos_qty === '')).toBe(
      true,
    );
    const zips = g
      .table('olist_customers_dataset.csv')
      .map((c) => c.customer_zip_code_prefix ?? '');
    expect(zips.filter((z) => z.startsWith('0')).length / zips.length).toBeGreaterThan(0.15);
  });

  it('has returning persons (customer_unique_id) behind per-order customer_ids', () => {
    const customers = g.table('olist_customers_dataset.csv');
    expect(new Set(customers.map((c) => c.customer_id)).size).toBe(N);
    const persons = groupBy(customers, (c) => c.customer_unique_id ?? '');
    const repeaters = [...persons.values()].filter((rows) => rows.length > 1);
    expect(withinShare(repeaters.length, persons.size, DOC.repeatPersons, 6)).toBe(true);
    for (const rows of repeaters)
      expect(new Set(rows.map((r) => r.customer_zip_code_prefix)).size).toBe(1);
  });

  it('has daily and weekly seasonality, growth and a Black Friday peak', () => {
    const day = groupBy(orders, (o) => o.order_purchase_timestamp!.slice(0, 10));
    const nov2017 = [...day]
      .filter(([d]) => d.startsWith('2017-11'))
      .map(([, rows]) => rows.length);
    const blackFriday = day.get('2017-11-24')?.length ?? 0;
    expect(blackFriday).toBeGreaterThan(3 * (nov2017.reduce((a, b) => a + b, 0) / nov2017.length));
    const month = (m: string): number =>
      orders.filter((o) => o.order_purchase_timestamp!.startsWith(m)).length;
    expect(month('2018-03')).toBeGreaterThan(2 * month('2017-03'));
    const hour = (h: string): number =>
      orders.filter((o) => o.order_purchase_timestamp!.slice(11, 13) === h).length;
    expect(hour('14')).toBeGreaterThan(10 * hour('04'));
    const weekday = groupBy(orders, (o) =>
      String(new Date(o.order_purchase_timestamp!.slice(0, 10) + 'T00:00:00Z').getUTCDay()),
    );
    expect(weekday.get('1')?.length ?? 0).toBeGreaterThan(1.2 * (weekday.get('6')?.length ?? 0));
  });

  it('weights states by population, São Paulo first', () => {
    const states = [
      ...groupBy(g.table('olist_customers_dataset.csv'), (c) => c.customer_state ?? ''),
    ].sort((a, b) => b[1].length - a[1].length);
    expect(states.slice(0, 3).map(([s]) => s)).toEqual(['SP', 'RJ', 'MG']);
    expect(withinShare(states[0]?.[1].length ?? 0, N, 0.42, 6)).toBe(true);
  });
});
