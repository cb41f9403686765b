/**
 * The Sales page's queries (seed 000's revenue analysis and discount effectiveness), computed from
 * silver so that every number follows the global filters. A sale is a line of an order that was not
 * canceled or unavailable; revenue = sum(line_total) (item price, no freight), as in
 * gold.revenue_by_category.
 */
import { categoryCondition, scopedOrders, type Filters, type Query } from '../filters/filters.ts';

export type { Query };
export type Grain = 'day' | 'week' | 'month';
export const GRAINS: readonly Grain[] = ['day', 'week', 'month'];

/** The sale lines that pass the filters: one CTE `lines` after `scoped_orders`. */
function saleLines(f: Filters): Query {
  const scoped = scopedOrders(f);
  const category = categoryCondition(f, 'p.category');
  return {
    sql: `${scoped.sql},
    lines AS (
      SELECT i.order_id, i.product_id, coalesce(p.category, 'unknown') AS category, o.order_date,
        i.quantity, i.line_total, coalesce(p.discount_percentage, 0) AS discount_percentage
      FROM silver.order_items i
      JOIN scoped_orders o ON o.order_id = i.order_id
      LEFT JOIN silver.products p ON p.product_id = i.product_id
      WHERE o.order_status NOT IN ('canceled', 'cancelled', 'unavailable') AND ${category.sql}
    )`,
    params: [...scoped.params, ...category.params],
  };
}

/** The label of the categories outside the top ones in the trend (category keys are snake_case). */
export const OTHER = 'Other';

/**
 * Revenue per time bucket and category; the `top` categories by revenue in scope keep their name,
 * the rest are summed as 'Other'.
 */
export function categoryTrendQuery(f: Filters, grain: Grain, top = 8): Query {
  if (!GRAINS.includes(grain)) throw new RangeError(`unknown grain ${grain}`);
  const lines = saleLines(f);
  return {
    sql: `WITH ${lines.sql},
      top AS (SELECT category FROM lines GROUP BY 1 ORDER BY sum(line_total) DESC, 1 LIMIT ?)
      SELECT strftime(date_trunc('${grain}', order_date), '%Y-%m-%d') AS bucket,
        CASE WHEN category IN (SELECT category FROM top) THEN category ELSE '${OTHER}' END AS category,
        sum(line_total)::DOUBLE AS revenue
      FROM lines GROUP BY 1, 2 ORDER BY 1, 2`,
    params: [...lines.params, top],
  };
}

/**
 * One row per category: revenue, orders holding the category, units, average order value
 * (revenue / orders), share of the revenue in scope, and the mean review score of those orders
 * (a review counts once per category of its order, as in gold.customer_satisfaction).
 */
export function categoryTableQuery(f: Filters): Query {
  const lines = saleLines(f);
  return {
    sql: `WITH ${lines.sql},
      per AS (
        SELECT category, sum(line_total) AS revenue, count(DISTINCT order_id) AS orders,
          sum(quantity) AS units
        FROM lines GROUP BY 1
      ),
      rated AS (
        SELECT DISTINCT c.category, r.review_id, r.order_id, r.review_score
        FROM (SELECT DISTINCT category, order_id FROM lines) c
        JOIN silver.reviews r ON r.order_id = c.order_id
      ),
      ratings AS (
        SELECT category, avg(review_score) AS rating, count(*) AS reviews FROM rated GROUP BY 1
      )
      SELECT per.category, per.revenue::DOUBLE AS revenue, per.orders::BIGINT AS orders,
        per.units::BIGINT AS units, (per.revenue / per.orders)::DOUBLE AS aov,
        (per.revenue / nullif(sum(per.revenue) OVER (), 0))::DOUBLE AS share,
        ratings.rating::DOUBLE AS rating, coalesce(ratings.reviews, 0)::BIGINT AS reviews
      FROM per LEFT JOIN ratings ON ratings.category = per.category
      ORDER BY revenue DESC, per.category`,
    params: lines.params,
  };
}

/**
 * Discount effectiveness in scope, by the discount bands of gold.discount_effectiveness (0 %, then
 * 1–10 % … 41–50 %, > 50 %). Listed products are the catalogue's products of the chosen categories;
 * units and revenue are their sales in scope. units_per_product = units / listed products;
 * uplift = units per product / that of the 0 % band − 1 (NULL without a 0 % band).
 */
export function discountBandsQuery(f: Filters): Query {
  const lines = saleLines(f);
  const category = categoryCondition(f, 'p.category');
  return {
    sql: `WITH ${lines.sql},
      catalogue AS (
        SELECT p.product_id, coalesce(p.discount_percentage, 0) AS discount_percentage,
          CASE WHEN coalesce(p.discount_percentage, 0) = 0 THEN 0
            WHEN p.discount_percentage > 50 THEN 6
            ELSE ceil(p.discount_percentage / 10)::INTEGER END AS band_order
        FROM silver.products p
        WHERE ${category.sql}
      ),
      sold AS (
        SELECT product_id, sum(quantity) AS units, sum(line_total) AS revenue
        FROM lines GROUP BY 1
      ),
      bands AS (
        SELECT band_order, count(*)::BIGINT AS products, count(s.product_id)::BIGINT AS products_sold,
          coalesce(sum(s.units), 0)::DOUBLE AS units, coalesce(sum(s.revenue), 0)::DOUBLE AS revenue,
          avg(c.discount_percentage)::DOUBLE AS avg_discount
        FROM catalogue c LEFT JOIN sold s ON s.product_id = c.product_id
        GROUP BY band_order
      )
      SELECT
        CASE band_order WHEN 0 THEN '0%' WHEN 6 THEN '>50%'
          ELSE (band_order * 10 - 9)::VARCHAR || '-' || (band_order * 10)::VARCHAR || '%' END AS band,
        band_order::INTEGER AS band_order, products, products_sold, units, revenue, avg_discount,
        (units / products)::DOUBLE AS units_per_product,
        (revenue / products)::DOUBLE AS revenue_per_product,
        (units / products / nullif(max(units / products) FILTER (WHERE band_order = 0) OVER (), 0) - 1)::DOUBLE AS uplift
      FROM bands ORDER BY band_order`,
    params: [...lines.params, ...category.params],
  };
}
