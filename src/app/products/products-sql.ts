/**
 * The Products page's queries. Product figures follow gold.int_product_metrics (lines of completed
 * orders; revenue = sum(line_total)) and tiers follow gold.fct_product_performance (revenue
 * percentiles over every product in scope), but over the orders the global filters keep, so without
 * filters they equal the gold tables. User values arrive as bound parameters or closed-set members.
 */
import { categoryCondition, scopedOrders, type Filters, type Query } from '../filters/filters.ts';

export type SortKey = 'revenue' | 'units' | 'rating';
export const SORT_KEYS: readonly SortKey[] = ['revenue', 'units', 'rating'];
export const TIERS = ['Star', 'Performer', 'Average', 'Underperformer'] as const;

/**
 * CTEs `scoped_orders`, `metrics` (one row per product in scope: every product, or those of the
 * chosen categories) and `tiered` (metrics plus performance_tier).
 */
function tieredProducts(f: Filters): Query {
  const scoped = scopedOrders(f);
  const lineCategory = categoryCondition(f, 'p.category');
  const productCategory = categoryCondition(f, 'p.category');
  return {
    sql: `WITH ${scoped.sql},
      sales AS (
        SELECT i.product_id, count(DISTINCT o.order_id)::BIGINT AS orders,
          sum(i.quantity)::BIGINT AS units, sum(i.line_total)::DOUBLE AS revenue
        FROM silver.order_items i
        JOIN scoped_orders o ON o.order_id = i.order_id
        LEFT JOIN silver.products p ON p.product_id = i.product_id
        WHERE o.is_completed AND ${lineCategory.sql}
        GROUP BY i.product_id
      ),
      metrics AS (
        SELECT p.product_id, p.product_name, coalesce(p.category, 'unknown') AS category,
          coalesce(s.orders, 0)::BIGINT AS orders, coalesce(s.units, 0)::BIGINT AS units,
          coalesce(s.revenue, 0)::DOUBLE AS revenue, ps.rating::DOUBLE AS rating
        FROM silver.products p
        LEFT JOIN sales s ON s.product_id = p.product_id
        LEFT JOIN gold.int_product_sales ps ON ps.product_id = p.product_id
        WHERE ${productCategory.sql}
      ),
      stats AS (
        SELECT quantile_cont(revenue, 0.8) AS p80, quantile_cont(revenue, 0.5) AS p50,
          quantile_cont(revenue, 0.2) AS p20
        FROM metrics
      ),
      tiered AS (
        SELECT m.*, CASE
            WHEN m.revenue >= s.p80 THEN 'Star'
            WHEN m.revenue >= s.p50 THEN 'Performer'
            WHEN m.revenue >= s.p20 THEN 'Average'
            ELSE 'Underperformer'
          END AS tier
        FROM metrics m, stats s
      )`,
    params: [...scoped.params, ...lineCategory.params, ...productCategory.params],
  };
}

/** Products and revenue per performance tier, every tier present, best first. */
export function tiersQuery(f: Filters): Query {
  const base = tieredProducts(f);
  return {
    sql: `${base.sql},
      tiers(tier, tier_rank) AS (VALUES ('Star', 1), ('Performer', 2), ('Average', 3), ('Underperformer', 4))
      SELECT t.tier, count(x.product_id)::BIGINT AS products,
        coalesce(sum(x.revenue), 0)::DOUBLE AS revenue,
        coalesce(sum(x.revenue) / nullif(sum(sum(x.revenue)) OVER (), 0), 0)::DOUBLE AS revenue_share
      FROM tiers t LEFT JOIN tiered x ON x.tier = t.tier
      GROUP BY t.tier, t.tier_rank ORDER BY t.tier_rank`,
    params: base.params,
  };
}

const SORT_COLUMN: Record<SortKey, string> = {
  revenue: 'revenue DESC',
  units: 'units DESC, revenue DESC',
  rating: 'rating DESC NULLS LAST, revenue DESC',
};

/** The products sold in scope, ordered by the chosen measure (ties: product id). */
export function topProductsQuery(f: Filters, sort: SortKey, limit = 25): Query {
  if (!SORT_KEYS.includes(sort)) throw new RangeError(`unknown sort ${sort}`);
  const base = tieredProducts(f);
  return {
    sql: `${base.sql}
      SELECT product_id, product_name, category, orders, units, revenue, rating, tier
      FROM tiered WHERE units > 0
      ORDER BY ${SORT_COLUMN[sort]}, product_id LIMIT ?`,
    params: [...base.params, limit],
  };
}

/** Revenue per category in scope with its share of the total, largest first. */
export function categorySharesQuery(f: Filters, limit = 12): Query {
  const base = tieredProducts(f);
  return {
    sql: `${base.sql}
      SELECT category AS label, sum(revenue)::DOUBLE AS value,
        (sum(revenue) / sum(sum(revenue)) OVER ())::DOUBLE AS share
      FROM metrics WHERE revenue > 0
      GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?`,
    params: [...base.params, limit],
  };
}

/**
 * One product's card: its figures in scope and tier, catalogue attributes (rating and reviews from
 * gold.int_product_sales; list price, discount and cost from silver.product_pricing when loaded).
 */
export function productSummaryQuery(f: Filters, productId: string, hasPricing: boolean): Query {
  const base = tieredProducts(f);
  const pricing = hasPricing
    ? `pp.list_price::DOUBLE AS list_price, pp.price::DOUBLE AS catalogue_price,
       pp.cost_price::DOUBLE AS cost_price, pp.discount_percentage::DOUBLE AS discount_pct,
       pp.flash_sale_discount_percentage::DOUBLE AS flash_discount_pct`
    : `NULL::DOUBLE AS list_price, NULL::DOUBLE AS catalogue_price, NULL::DOUBLE AS cost_price,
       NULL::DOUBLE AS discount_pct, NULL::DOUBLE AS flash_discount_pct`;
  const join = hasPricing
    ? 'LEFT JOIN silver.product_pricing pp ON pp.product_id = p.product_id'
    : '';
  return {
    sql: `${base.sql}
      SELECT p.product_id, p.product_name, coalesce(p.category, 'unknown') AS category,
        coalesce(t.orders, 0)::BIGINT AS orders, coalesce(t.units, 0)::BIGINT AS units,
        coalesce(t.revenue, 0)::DOUBLE AS revenue, t.tier,
        ps.rating::DOUBLE AS rating, ps.num_reviews::BIGINT AS num_reviews,
        ps.attributes_source, ${pricing}
      FROM silver.products p
      LEFT JOIN tiered t ON t.product_id = p.product_id
      LEFT JOIN gold.int_product_sales ps ON ps.product_id = p.product_id
      ${join}
      WHERE p.product_id = ?`,
    params: [...base.params, productId],
  };
}

/**
 * One product month by month in scope: units and revenue of completed orders, and the price paid
 * on every line (mean, lowest, highest) whatever the order's status.
 */
export function productMonthlyQuery(f: Filters, productId: string): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}
      SELECT strftime(date_trunc('month', o.order_date), '%Y-%m') AS month,
        coalesce(sum(i.quantity) FILTER (WHERE o.is_completed), 0)::BIGINT AS units,
        coalesce(sum(i.line_total) FILTER (WHERE o.is_completed), 0)::DOUBLE AS revenue,
        avg(i.unit_price)::DOUBLE AS avg_price,
        min(i.unit_price)::DOUBLE AS min_price,
        max(i.unit_price)::DOUBLE AS max_price
      FROM silver.order_items i JOIN scoped_orders o ON o.order_id = i.order_id
      WHERE i.product_id = ?
      GROUP BY 1 ORDER BY 1`,
    params: [...scoped.params, productId],
  };
}

/** The sellers of one product in scope (completed orders), by revenue. */
export function productSellersQuery(f: Filters, productId: string, limit = 10): Query {
  const scoped = scopedOrders(f);
  return {
    sql: `WITH ${scoped.sql}
      SELECT i.seller_id, s.state, s.city,
        sum(i.quantity)::BIGINT AS units, sum(i.line_total)::DOUBLE AS revenue
      FROM silver.order_items i
      JOIN scoped_orders o ON o.order_id = i.order_id
      LEFT JOIN silver.sellers s ON s.seller_id = i.seller_id
      WHERE i.product_id = ? AND o.is_completed
      GROUP BY ALL ORDER BY revenue DESC, i.seller_id LIMIT ?`,
    params: [...scoped.params, productId, limit],
  };
}

/**
 * The categories bought in the same order as the product's category (gold.category_affinity, whole
 * period), by lift; confidence is the share of orders with the product's category that also hold
 * the other one.
 */
export function productAffinityQuery(productId: string, limit = 8): Query {
  return {
    sql: `WITH mine AS (
        SELECT coalesce(category, 'unknown') AS category FROM silver.products WHERE product_id = ?
      )
      SELECT CASE WHEN a.category_a = m.category THEN a.category_b ELSE a.category_a END AS label,
        a.lift::DOUBLE AS lift, a.support::DOUBLE AS support,
        (CASE WHEN a.category_a = m.category THEN a.confidence_a_to_b ELSE a.confidence_b_to_a END)::DOUBLE AS confidence,
        a.baskets_with_both::BIGINT AS orders
      FROM gold.category_affinity a, mine m
      WHERE a.basket = 'order' AND m.category IN (a.category_a, a.category_b)
      ORDER BY lift DESC, label LIMIT ?`,
    params: [productId, limit],
  };
}
