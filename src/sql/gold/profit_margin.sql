-- Profit margin (seed 003) per product category and purchase month, over the lines of orders not
-- canceled or unavailable. cost = cost_price × quantity; only lines whose product has a cost price
-- (demo_product_pricing, tutorial products) enter costed_revenue, cost and margin:
-- margin = costed_revenue − cost; margin_pct = margin / costed_revenue × 100. Real Olist data has
-- no cost prices: cost and margin are then NULL and uncosted_lines counts the lines left out.
-- @inputs: silver.orders, silver.order_items, silver.products
-- @grain: one row per category and month
-- @key: category, month
-- @tests: unique(category, month), not_null(month), range(revenue, 0, null), range(cost, 0, null),
--    range(margin_pct, null, 100), expect(costed_revenue <= revenue + 0.005)
WITH lines AS (
  SELECT
    coalesce(p.category, 'unknown') AS category, date_trunc('month', o.order_date)::DATE AS month,
    i.line_total::DOUBLE AS revenue, (p.cost_price * i.quantity)::DOUBLE AS cost
  FROM silver.order_items i
  JOIN silver.orders o ON o.order_id = i.order_id
  LEFT JOIN silver.products p ON p.product_id = i.product_id
  WHERE o.order_status NOT IN ('canceled', 'cancelled', 'unavailable')
)
SELECT
  category, month,
  count(*)::BIGINT AS lines,
  sum(revenue)::DOUBLE AS revenue,
  coalesce(sum(revenue) FILTER (WHERE cost IS NOT NULL), 0)::DOUBLE AS costed_revenue,
  sum(cost)::DOUBLE AS cost,
  (sum(revenue) FILTER (WHERE cost IS NOT NULL) - sum(cost))::DOUBLE AS margin,
  (100 * (sum(revenue) FILTER (WHERE cost IS NOT NULL) - sum(cost))
    / nullif(sum(revenue) FILTER (WHERE cost IS NOT NULL), 0))::DOUBLE AS margin_pct,
  count(*) FILTER (WHERE cost IS NULL)::BIGINT AS uncosted_lines
FROM lines
GROUP BY category, month
