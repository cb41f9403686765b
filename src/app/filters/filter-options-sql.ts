import type { ListFilter, Query } from './filters.ts';

/**
 * The values the filter bar offers, with how many orders carry each, and the data's first and last
 * purchase day (the date inputs' bounds). Counts are over all orders, not the filtered ones, so a
 * list does not shrink under the user's hand as they pick.
 */
export function filterOptionsQuery(): Query {
  return {
    sql: `WITH o AS (SELECT order_id, customer_id, order_status, sales_channel FROM silver.orders)
      SELECT key, value, n FROM (
        SELECT 'status' AS key, order_status AS value, count(*)::BIGINT AS n FROM o GROUP BY 2
        UNION ALL
        SELECT 'channel', sales_channel, count(*)::BIGINT FROM o GROUP BY 2
        UNION ALL
        SELECT 'state', coalesce(c.state, 'unknown'), count(*)::BIGINT
        FROM o LEFT JOIN silver.customers c USING (customer_id) GROUP BY 2
        UNION ALL
        SELECT 'category', coalesce(p.category, 'unknown'), count(DISTINCT i.order_id)::BIGINT
        FROM silver.order_items i JOIN o USING (order_id)
        LEFT JOIN silver.products p USING (product_id) GROUP BY 2
      ) WHERE value IS NOT NULL
      ORDER BY key, n DESC, value`,
    params: [],
  };
}

export function dateBoundsQuery(): Query {
  return {
    sql: `SELECT strftime(min(order_date), '%Y-%m-%d') AS first_day,
        strftime(max(order_date), '%Y-%m-%d') AS last_day
      FROM silver.orders`,
    params: [],
  };
}

export interface FilterOption {
  value: string;
  orders: number;
}

export type FilterOptions = Record<ListFilter, FilterOption[]>;

/** Rows of filterOptionsQuery grouped by filter, in the query's order. */
export function groupOptions(rows: ReadonlyArray<Record<string, unknown>>): FilterOptions {
  const out: FilterOptions = { category: [], state: [], channel: [], status: [] };
  for (const r of rows) {
    const list = out[r.key as ListFilter];
    list?.push({ value: String(r.value), orders: Number(r.n) });
  }
  return out;
}

/**
 * A list's options with the chosen values that the data does not hold (from a shared link made
 * with other data) kept at the top, so each can still be seen and unticked.
 */
export function withChosen(options: FilterOption[], chosen: readonly string[]): FilterOption[] {
  const present = new Set(options.map((o) => o.value));
  return [
    ...chosen.filter((v) => !present.has(v)).map((value) => ({ value, orders: 0 })),
    ...options,
  ];
}
