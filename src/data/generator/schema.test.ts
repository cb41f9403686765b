import { beforeAll, describe, expect, it } from 'vitest';
import { generateToMemory } from '../test-helpers/generate.ts';
import type { Generated } from '../test-helpers/generate.ts';
import { parseCsv } from '../test-helpers/csv-parse.ts';

/** Headers copied from DATA.md, not from the generator. */
const OLIST_HEADERS: Record<string, string> = {
  'olist_orders_dataset.csv':
    'order_id, customer_id, order_status, order_purchase_timestamp, order_approved_at, order_delivered_carrier_date, order_delivered_customer_date, order_estimated_delivery_date',
  'olist_order_items_dataset.csv':
    'order_id, order_item_id, product_id, seller_id, shipping_limit_date, price, freight_value',
  'olist_order_payments_dataset.csv':
    'order_id, payment_sequential, payment_type, payment_installments, payment_value',
  'olist_customers_dataset.csv':
    'customer_id, customer_unique_id, customer_zip_code_prefix, customer_city, customer_state',
  'olist_products_dataset.csv':
    'product_id, product_category_name, product_name_lenght, product_description_lenght, product_photos_qty, product_weight_g, product_length_cm, product_height_cm, product_width_cm',
  'olist_order_reviews_dataset.csv':
    'review_id, order_id, review_score, review_comment_title, review_comment_message, review_creation_date, review_answer_timestamp',
  'olist_sellers_dataset.csv': 'seller_id, seller_zip_code_prefix, seller_city, seller_state',
  'product_category_name_translation.csv': 'product_category_name, product_category_name_english',
};

const HEX32 = /^[0-9a-f]{32}$/;
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const BR_STATES =
  'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' ');

let g: Generated;
beforeAll(async () => {
  g = await generateToMemory({ seed: 42, orders: 4000, scenario: 'normal_day' });
});

const firstLine = (file: string): string => (g.files.get(file) ?? '').split('\n')[0] as string;

describe('Olist files', () => {
  it('have exactly the DATA.md headers, in order', () => {
    for (const [file, header] of Object.entries(OLIST_HEADERS)) {
      const cells = parseCsv(firstLine(file).replace(/^\uFEFF/, '') + '\n')[0];
      expect(cells, file).toEqual(header.split(', '));
    }
  });

  it('quote inconsistently, like the public files', () => {
    expect(firstLine('olist_orders_dataset.csv')).not.toContain('"');
    expect(
      firstLine('olist_products_dataset.csv').startsWith('"product_id","product_category_name"'),
    ).toBe(true);
    expect((g.files.get('olist_products_dataset.csv') ?? '').split('\n')[1]).not.toContain('"');
    const reviewLines = (g.files.get('olist_order_reviews_dataset.csv') ?? '')
      .split('\n')
      .slice(0, 50);
    for (const line of reviewLines.filter((l) => /^"[0-9a-f]{32}"/.test(l)))
      expect(line).toMatch(/^"[^"]/);
    expect((g.files.get('olist_orders_dataset.csv') ?? '').includes('"')).toBe(false);
  });

  it('starts the translation file with a byte-order mark, and only that file', () => {
    for (const [file, text] of g.files) {
      expect(text.charCodeAt(0) === 0xfeff, file).toBe(
        file === 'product_category_name_translation.csv',
      );
    }
  });

  it('uses 32-character lowercase hex IDs everywhere', () => {
    const idColumns: [string, string[]][] = [
      ['olist_orders_dataset.csv', ['order_id', 'customer_id']],
      ['olist_order_items_dataset.csv', ['order_id', 'product_id', 'seller_id']],
      ['olist_order_payments_dataset.csv', ['order_id']],
      ['olist_customers_dataset.csv', ['customer_id', 'customer_unique_id']],
      ['olist_products_dataset.csv', ['product_id']],
      ['olist_order_reviews_dataset.csv', ['review_id', 'order_id']],
      ['olist_sellers_dataset.csv', ['seller_id']],
    ];
    for (const [file, columns] of idColumns) {
      for (const c of columns) {
        expect(
          g.table(file).filter((row) => !HEX32.test(row[c] ?? '')),
          `${file}.${c}`,
        ).toEqual([]);
      }
    }
  });

  it('includes IDs that a naive sniffer would read as numbers in scientific notation', () => {
    const sci = /^[1-9]e\d{30}$/;
    expect(
      g.table('olist_orders_dataset.csv').filter((o) => sci.test(o.order_id ?? '')),
    ).not.toHaveLength(0);
    expect(
      g.table('olist_products_dataset.csv').filter((p) => sci.test(p.product_id ?? '')),
    ).toHaveLength(1);
    expect(Number(g.table('olist_products_dataset.csv')[2]?.product_id)).toBe(Infinity);
  });

  it('writes timestamps as YYYY-MM-DD HH:MM:SS within 2016-09 … 2018-10', () => {
    const columns: [string, string[]][] = [
      [
        'olist_orders_dataset.csv',
        OLIST_HEADERS['olist_orders_dataset.csv']?.split(', ').slice(3) ?? [],
      ],
      ['olist_order_items_dataset.csv', ['shipping_limit_date']],
      ['olist_order_reviews_dataset.csv', ['review_creation_date', 'review_answer_timestamp']],
    ];
    for (const [file, cols] of columns) {
      for (const c of cols) {
        const values = g
          .table(file)
          .map((row) => row[c] ?? '')
          .filter((v) => v !== '');
        const bad = values.filter(
          (v) => !TIMESTAMP.test(v) || v < '2016-09-04' || v >= '2018-11-30',
        );
        expect(bad, `${file}.${c}`).toEqual([]);
      }
    }
    const orders = g.table('olist_orders_dataset.csv');
    expect(orders.filter((o) => o.order_purchase_timestamp! >= '2018-09-01')).toEqual([]);
    expect(orders.filter((o) => !o.order_estimated_delivery_date!.endsWith(' 00:00:00'))).toEqual(
      [],
    );
  });

  it('keeps to the Olist vocabularies', () => {
    const statuses = new Set(g.table('olist_orders_dataset.csv').map((o) => o.order_status));
    expect(
      [...statuses].every((s) =>
        'delivered shipped canceled unavailable invoiced processing created approved'
          .split(' ')
          .includes(s ?? ''),
      ),
    ).toBe(true);
    const types = new Set(g.table('olist_order_payments_dataset.csv').map((p) => p.payment_type));
    expect([...types].sort()).toEqual(
      ['boleto', 'credit_card', 'debit_card', 'not_defined', 'voucher'].filter((t) => types.has(t)),
    );
    expect(types.has('credit_card') && types.has('boleto') && types.has('voucher')).toBe(true);
    const customers = g.table('olist_customers_dataset.csv');
    expect(
      customers.filter(
        (c) =>
          !BR_STATES.includes(c.customer_state ?? '') ||
          !/^\d{5}$/.test(c.customer_zip_code_prefix ?? ''),
      ),
    ).toEqual([]);
    const scores = new Set(g.table('olist_order_reviews_dataset.csv').map((r) => r.review_score));
    expect([...scores].sort()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('writes money with two decimals and counts with plain integers', () => {
    const money = /^\d+\.\d\d$/;
    const items = g.table('olist_order_items_dataset.csv');
    expect(
      items.filter((i) => !money.test(i.price ?? '') || !money.test(i.freight_value ?? '')),
    ).toEqual([]);
    expect(items.filter((i) => !/^[1-9]\d*$/.test(i.order_item_id ?? ''))).toEqual([]);
    const payments = g.table('olist_order_payments_dataset.csv');
    expect(
      payments.filter(
        (p) => !money.test(p.payment_value ?? '') || !/^\d+$/.test(p.payment_installments ?? ''),
      ),
    ).toEqual([]);
  });

  it('lacks two categories in the translation file that products use', () => {
    const translated = new Set(
      g.table('product_category_name_translation.csv').map((t) => t.product_category_name),
    );
    const used = new Set(
      g.table('olist_products_dataset.csv').map((p) => p.product_category_name ?? ''),
    );
    used.delete('');
    const untranslated = [...used].filter((c) => !translated.has(c)).sort();
    expect(untranslated).toEqual(['pc_gamer', 'portateis_cozinha_e_preparadores_de_alimentos']);
    expect(translated.size).toBe(71);
  });
});

describe('extension files', () => {
  it('are all present with their documented headers', () => {
    const expected: Record<string, string> = {
      'demo_product_pricing.csv':
        'product_id,cost_price,list_price,discount_percentage,price,rating,num_reviews,flash_sale_discount_percentage',
      'demo_order_channels.csv': 'order_id,sales_channel,device,session_id,campaign_id',
      'demo_payment_status.csv':
        'order_id,payment_sequential,payment_status,attempt_count,status_timestamp',
      'demo_campaigns.csv':
        'campaign_id,campaign_name,marketing_channel,budget,start_date,end_date',
      'demo_sessions.csv':
        'session_id,customer_unique_id,sales_channel,device,campaign_id,session_start,session_end',
      'demo_session_events.csv':
        'event_id,session_id,event_type,event_timestamp,product_id,search_term,order_id',
      'demo_loyalty.csv':
        'customer_unique_id,order_id,event_timestamp,points_earned,points_balance,lifetime_spend,tier',
      'demo_inventory.csv':
        'warehouse_id,warehouse_state,product_id,safety_stock,reorder_point,initial_stock,stock_on_hand,snapshot_timestamp',
      'demo_stock_movements.csv':
        'movement_id,warehouse_id,product_id,movement_type,quantity,movement_timestamp,reason,order_id',
      'demo_returns.csv':
        'return_id,order_id,order_item_id,product_id,return_reason,return_timestamp,refund_amount',
    };
    for (const [file, header] of Object.entries(expected))
      expect(firstLine(file), file).toBe(header);
  });

  it('keep their vocabularies', () => {
    const values = (file: string, col: string): string[] =>
      [...new Set(g.table(file).map((r) => r[col] ?? ''))].sort();
    expect(values('demo_order_channels.csv', 'sales_channel')).toEqual([
      'lazada',
      'shopee',
      'tiki',
      'website',
    ]);
    expect(values('demo_session_events.csv', 'event_type')).toEqual([
      'add_to_cart',
      'checkout',
      'purchase',
      'search',
      'view',
    ]);
    expect(
      values('demo_loyalty.csv', 'tier').every((t) =>
        ['Bronze', 'Silver', 'Gold', 'Platinum'].includes(t),
      ),
    ).toBe(true);
    expect(values('demo_stock_movements.csv', 'movement_type')).toEqual(['in', 'out']);
    expect(
      values('demo_payment_status.csv', 'payment_status').every((s) =>
        ['approved', 'pending', 'failed', 'voided', 'chargeback'].includes(s),
      ),
    ).toBe(true);
  });
});
