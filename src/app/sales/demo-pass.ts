/**
 * Test helper: a plain TypeScript pass over the generated demo CSV rows — the second method the
 * dashboard queries of the Sales, Pricing and Customers pages are checked against.
 */
import type { Generated } from '../../data/test-helpers/generate.ts';
import { NO_FILTERS, type Filters } from '../filters/filters.ts';

export interface Line {
  orderId: string;
  productId: string;
  category: string;
  day: string;
  status: string;
  state: string;
  cents: number;
}

const key = (x: string) =>
  x
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** Product id → category key: the English name from the translation file, else the raw name's key. */
export function categories(demo: Generated): Map<string, string> {
  const english = new Map(
    demo
      .table('product_category_name_translation.csv')
      .map((r) => [r.product_category_name!, r.product_category_name_english!]),
  );
  return new Map(
    demo.table('olist_products_dataset.csv').map((p) => {
      const pt = p.product_category_name ?? '';
      return [p.product_id!, pt === '' ? 'unknown' : key(english.get(pt) ?? pt) || 'unknown'];
    }),
  );
}

/** Every order line with its order's day, status and customer state; money in integer cents. */
export function allLines(demo: Generated): Line[] {
  const category = categories(demo);
  const stateOf = new Map(
    demo.table('olist_customers_dataset.csv').map((c) => [c.customer_id!, c.customer_state!]),
  );
  const orders = new Map(demo.table('olist_orders_dataset.csv').map((o) => [o.order_id!, o]));
  return demo.table('olist_order_items_dataset.csv').map((i) => {
    const o = orders.get(i.order_id!)!;
    return {
      orderId: i.order_id!,
      productId: i.product_id!,
      category: category.get(i.product_id!) ?? 'unknown',
      day: o.order_purchase_timestamp!.slice(0, 10),
      status: o.order_status!,
      state: stateOf.get(o.customer_id!) ?? 'unknown',
      cents: Math.round(Number(i.price) * 100),
    };
  });
}

/** The lines the filters keep (date, status, state, category: only lines of the chosen categories). */
export function filterLines(lines: Line[], f: Partial<Filters> = {}): Line[] {
  const filters = { ...NO_FILTERS, ...f };
  return lines.filter(
    (l) =>
      (!filters.from || l.day >= filters.from) &&
      (!filters.to || l.day <= filters.to) &&
      (!filters.status.length || filters.status.includes(l.status)) &&
      (!filters.state.length || filters.state.includes(l.state)) &&
      (!filters.category.length || filters.category.includes(l.category)),
  );
}

/** Sale lines: orders neither canceled nor unavailable. */
export const isSale = (l: Line) => !['canceled', 'cancelled', 'unavailable'].includes(l.status);
