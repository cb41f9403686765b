/**
 * The global filters every dashboard page applies: a purchase-date range and four lists (product
 * category, customer state, sales channel, order status). Values reach SQL only as bound parameters;
 * a list travels as one string joined with the unit separator (U+001F), split again in SQL, so the
 * SQL text never depends on what the user picked.
 */
export interface Filters {
  /** First purchase day kept, 'YYYY-MM-DD', inclusive; null = no lower bound. */
  from: string | null;
  /** Last purchase day kept, inclusive; null = no upper bound. */
  to: string | null;
  /** Orders with at least one item of one of these categories ('unknown' = no category). */
  category: string[];
  /** Orders of customers in one of these states. */
  state: string[];
  /** Orders sold through one of these channels (silver.orders.sales_channel). */
  channel: string[];
  /** Orders in one of these statuses. */
  status: string[];
}

export type ListFilter = 'category' | 'state' | 'channel' | 'status';
export const LIST_FILTERS: readonly ListFilter[] = ['category', 'state', 'channel', 'status'];

export const FILTER_LABELS: Record<ListFilter | 'date', string> = {
  date: 'Purchase date',
  category: 'Category',
  state: 'State',
  channel: 'Channel',
  status: 'Order status',
};

export const NO_FILTERS: Filters = {
  from: null,
  to: null,
  category: [],
  state: [],
  channel: [],
  status: [],
};

export interface Query {
  sql: string;
  params: unknown[];
}

const SEP = '\u001f';
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A list as one bound parameter (null = no filter); values holding the separator cannot match. */
function listParam(values: readonly string[]): string | null {
  return values.length ? values.join(SEP) : null;
}

const inList = (expr: string) =>
  `(?::VARCHAR IS NULL OR list_contains(string_split(?::VARCHAR, chr(31)), ${expr}))`;

export function isFiltered(f: Filters): boolean {
  return f.from !== null || f.to !== null || LIST_FILTERS.some((k) => f[k].length > 0);
}

/**
 * The CTE `scoped_orders`: the rows of silver.orders that pass the filters, all columns kept. Use it
 * as `WITH ${q.sql}, more AS (...) SELECT ... FROM scoped_orders` and pass `q.params` first.
 */
export function scopedOrders(f: Filters): Query {
  const state = listParam(f.state);
  const category = listParam(f.category);
  const channel = listParam(f.channel);
  const status = listParam(f.status);
  return {
    sql: `scoped_orders AS (
      SELECT o.* FROM silver.orders o
      WHERE (?::DATE IS NULL OR o.order_date >= ?::DATE)
        AND (?::DATE IS NULL OR o.order_date <= ?::DATE)
        AND ${inList('o.order_status')}
        AND ${inList('o.sales_channel')}
        AND (?::VARCHAR IS NULL OR o.customer_id IN (
          SELECT c.customer_id FROM silver.customers c
          WHERE list_contains(string_split(?::VARCHAR, chr(31)), coalesce(c.state, 'unknown'))))
        AND (?::VARCHAR IS NULL OR o.order_id IN (
          SELECT i.order_id FROM silver.order_items i LEFT JOIN silver.products p USING (product_id)
          WHERE list_contains(string_split(?::VARCHAR, chr(31)), coalesce(p.category, 'unknown'))))
    )`,
    params: [
      f.from,
      f.from,
      f.to,
      f.to,
      status,
      status,
      channel,
      channel,
      state,
      state,
      category,
      category,
    ],
  };
}

/**
 * A condition on a category expression for item-level queries (revenue by category, top products):
 * with a category filter, only the lines of the chosen categories count, not every line of an order
 * that has one. Append with AND; its params follow the query's other params in place.
 */
export function categoryCondition(f: Filters, categoryExpr: string): Query {
  const category = listParam(f.category);
  return { sql: inList(`coalesce(${categoryExpr}, 'unknown')`), params: [category, category] };
}

/** The filters with `value` added to or removed from one list (a click on a bar or slice). */
export function toggle(f: Filters, key: ListFilter, value: string): Filters {
  const list = f[key];
  return {
    ...f,
    [key]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value].sort(),
  };
}

export interface Chip {
  key: ListFilter | 'date';
  value: string;
  label: string;
}

/** One removable chip per chosen value, and one for the date range. */
export function chips(f: Filters): Chip[] {
  const out: Chip[] = [];
  if (f.from || f.to) {
    const label =
      f.from && f.to ? `${f.from} – ${f.to}` : f.from ? `from ${f.from}` : `until ${f.to}`;
    out.push({ key: 'date', value: '', label: `${FILTER_LABELS.date}: ${label}` });
  }
  for (const key of LIST_FILTERS) {
    for (const value of f[key]) out.push({ key, value, label: `${FILTER_LABELS[key]}: ${value}` });
  }
  return out;
}

/** The filters without one chip. */
export function removeChip(f: Filters, chip: Chip): Filters {
  if (chip.key === 'date') return { ...f, from: null, to: null };
  return { ...f, [chip.key]: f[chip.key].filter((v) => v !== chip.value) };
}
