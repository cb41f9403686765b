import { describe, expect, it } from 'vitest';
import { detectFormat, KNOWN_FORMATS, normaliseColumn, parseHeaderLine } from './formats.ts';
import { DEMO_FILES, headerLine } from './generator/index.ts';

const OLIST_ORDERS = [
  'order_id',
  'customer_id',
  'order_status',
  'order_purchase_timestamp',
  'order_approved_at',
  'order_delivered_carrier_date',
  'order_delivered_customer_date',
  'order_estimated_delivery_date',
];

describe('detectFormat', () => {
  it('recognises every known format by its own header', () => {
    for (const f of KNOWN_FORMATS) {
      const result = detectFormat([...f.columns]);
      expect(result.ok && result.format.id, f.id).toBe(f.id);
    }
  });

  it('knows the formats named in DATA.md, with bronze table ids and families', () => {
    const ids = KNOWN_FORMATS.map((f) => `${f.family}:${f.id}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'olist:olist_orders',
        'olist:olist_order_items',
        'olist:olist_order_payments',
        'olist:olist_customers',
        'olist:olist_products',
        'olist:olist_order_reviews',
        'olist:olist_sellers',
        'olist:olist_category_translation',
        'olist:olist_geolocation',
        'tutorial:raw_customers',
        'tutorial:raw_orders',
        'tutorial:raw_order_items',
        'tutorial:raw_products',
        'seed000:seed000_products',
        'demo:demo_sessions',
        'demo:demo_product_pricing',
      ]),
    );
    expect(KNOWN_FORMATS).toHaveLength(24);
    const sets = KNOWN_FORMATS.map((f) => f.columns.map(normaliseColumn).sort().join(','));
    expect(new Set(sets).size).toBe(sets.length);
  });

  it('recognises every file the demo generator writes, from the header line it writes', () => {
    for (const file of DEMO_FILES) {
      const result = detectFormat(parseHeaderLine(headerLine(file)).columns);
      expect(result.ok && result.format.fileName, file.name).toBe(file.name);
    }
  });

  it('accepts columns in another order and another case', () => {
    const result = detectFormat([
      'ProductName',
      'productid',
      'CATEGORY',
      'price',
      'Rating',
      'NumReviews',
      'StockQuantity',
      'Discount',
      'Sales',
      'DateAdded',
    ]);
    expect(result.ok && result.format.id).toBe('seed000_products');
    const reordered = detectFormat([...OLIST_ORDERS].reverse());
    expect(reordered.ok && reordered.format.id).toBe('olist_orders');
  });

  it('ignores a byte-order mark, quotes and whitespace around names', () => {
    const result = detectFormat([
      '\uFEFF"product_category_name"',
      ' "product_category_name_english" ',
    ]);
    expect(result.ok && result.format.id).toBe('olist_category_translation');
  });

  it('names the closest format and the differing columns for an unknown header', () => {
    const result = detectFormat([
      'order_id',
      'customer_id',
      'order_status',
      'order_purchase_timestamp',
      'order_approved_at',
      'delivered_at',
      'coupon_code',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.closest).toBe('olist_orders');
    expect(result.missing).toEqual([
      'order_delivered_carrier_date',
      'order_delivered_customer_date',
      'order_estimated_delivery_date',
    ]);
    expect(result.unexpected).toEqual(['delivered_at', 'coupon_code']);
    expect(result.message).toBe(
      'This header matches no known format. The closest is olist_orders (olist_orders_dataset.csv): ' +
        'missing order_delivered_carrier_date, order_delivered_customer_date, order_estimated_delivery_date; ' +
        'unexpected delivered_at, coupon_code.',
    );
  });

  it('does not accept a duplicated column', () => {
    const result = detectFormat([...OLIST_ORDERS, 'order_id']);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.unexpected).toEqual(['order_id (duplicate)']);
  });

  it('still names a closest format when nothing matches', () => {
    const result = detectFormat(['foo', 'bar']);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(KNOWN_FORMATS.map((f) => f.id)).toContain(result.closest);
      expect(result.unexpected).toEqual(['foo', 'bar']);
    }
  });
});

describe('parseHeaderLine', () => {
  it('reads a plain comma-separated header', () => {
    expect(parseHeaderLine('order_id,customer_id\r\n')).toEqual({
      columns: ['order_id', 'customer_id'],
      delimiter: ',',
      bom: false,
      message: null,
    });
  });

  it('handles a byte-order mark and quoted names, including a quoted comma', () => {
    const h = parseHeaderLine('\uFEFF"review_id","order_id","a ""quoted"", name"');
    expect(h.bom).toBe(true);
    expect(h.columns).toEqual(['review_id', 'order_id', 'a "quoted", name']);
    expect(h.delimiter).toBe(',');
  });

  it('detects a semicolon-delimited header and explains it', () => {
    const h = parseHeaderLine(
      'order_id;customer_id;order_status;order_purchase_timestamp;order_approved_at;order_delivered_carrier_date;order_delivered_customer_date;order_estimated_delivery_date',
    );
    expect(h.delimiter).toBe(';');
    expect(h.message).toBe(
      'This file is separated by semicolons (;), not commas. Save or export it as comma-separated CSV and add it again.',
    );
    const result = detectFormat(h.columns);
    expect(result.ok && result.format.id).toBe('olist_orders');
  });

  it('detects tabs, and does not count delimiters inside quotes', () => {
    expect(parseHeaderLine('a\tb\tc').delimiter).toBe('\t');
    expect(parseHeaderLine('"x;y;z",b').delimiter).toBe(',');
    expect(parseHeaderLine('"x;y;z",b').columns).toEqual(['x;y;z', 'b']);
  });
});
