-- Seed 000 revenue analysis: revenue per product category and purchase month. Sales are the lines
-- of orders not canceled or unavailable; revenue = sum(line_total) (item price, no freight).
-- month_share_pct = the category's share of the month's revenue (percent). revenue_growth =
-- revenue / revenue of the previous calendar month − 1 (a fraction), NULL when the category sold
-- nothing that month. Seed-000 product tables have no orders: their revenue is price × Sales,
-- in the month the product was added (orders NULL).
-- @inputs: silver.products
-- @optional-inputs: silver.orders, silver.order_items
-- @grain: one row per category and month
-- @key: category, month
-- @tests: unique(category, month), not_null(month), range(revenue, 0, null), range(month_share_pct, 0, 100.000001)
WITH lines AS (
  SELECT
    coalesce(p.category, 'unknown') AS category, date_trunc('month', o.order_date)::DATE AS month,
    o.order_id, i.quantity::DOUBLE AS units, i.line_total::DOUBLE AS revenue, i.freight_value::DOUBLE AS freight
  FROM silver.order_items i
  JOIN silver.orders o ON o.order_id = i.order_id
  LEFT JOIN silver.products p ON p.product_id = i.product_id
  WHERE o.order_status NOT IN ('canceled', 'cancelled', 'unavailable')
  UNION ALL
  SELECT category, date_trunc('month', date_added)::DATE, NULL, reported_sales, reported_sales * price, 0
  FROM silver.products
  WHERE source_format = 'seed000' AND date_added IS NOT NULL AND reported_sales > 0
),
m AS (
  SELECT
    category, month,
    CASE WHEN count(order_id) > 0 THEN count(DISTINCT order_id) END::BIGINT AS orders,
    sum(units)::DOUBLE AS units,
    sum(revenue)::DOUBLE AS revenue,
    sum(freight)::DOUBLE AS freight_value
  FROM lines
  GROUP BY category, month
)
SELECT
  *,
  revenue / nullif(units, 0) AS avg_unit_price,
  100 * revenue / nullif(sum(revenue) OVER (PARTITION BY month), 0) AS month_share_pct,
  CASE WHEN lag(month) OVER w = month - INTERVAL 1 MONTH
    THEN revenue / nullif(lag(revenue) OVER w, 0) - 1 END AS revenue_growth
FROM m
WINDOW w AS (PARTITION BY category ORDER BY month)
