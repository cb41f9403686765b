-- Seed 002 int_product_metrics: every product LEFT JOIN its sales on completed orders
-- (is_completed). customers_count counts people (customer_unique_id). units_sold = sum(quantity)
-- (Olist: one unit per line). total_profit = coalesce(revenue - units_sold * cost_price, 0), as in
-- the seed, so it is 0 when the cost is unknown (Olist without demo_product_pricing).
-- @inputs: silver.products, silver.orders, silver.order_items
-- @grain: one row per product
-- @key: product_id
-- @tests: not_null(product_id), unique(product_id), range(units_sold, 0, null), range(revenue, 0, null),
--    expect(orders_count <= units_sold), expect((orders_count = 0) = (first_sale_date IS NULL))
WITH product_sales AS (
  SELECT
    i.product_id,
    count(DISTINCT o.order_id)::BIGINT AS orders_count,
    count(DISTINCT o.customer_unique_id)::BIGINT AS customers_count,
    sum(i.quantity)::BIGINT AS units_sold,
    sum(i.line_total)::DECIMAL(18, 2) AS revenue,
    avg(i.unit_price)::DOUBLE AS avg_selling_price,
    min(o.order_date) AS first_sale_date,
    max(o.order_date) AS last_sale_date
  FROM silver.order_items i
  JOIN silver.orders o ON o.order_id = i.order_id
  WHERE o.is_completed
  GROUP BY i.product_id
)
SELECT
  p.product_id, p.product_name, p.category, p.cost_price, p.list_price, p.profit_margin,
  p.profit_margin_pct,
  coalesce(s.orders_count, 0) AS orders_count,
  coalesce(s.customers_count, 0) AS customers_count,
  coalesce(s.units_sold, 0) AS units_sold,
  coalesce(s.revenue, 0)::DOUBLE AS revenue,
  coalesce(s.avg_selling_price, 0) AS avg_selling_price,
  coalesce(s.revenue - s.units_sold * p.cost_price, 0)::DOUBLE AS total_profit,
  s.first_sale_date, s.last_sale_date
FROM silver.products p
LEFT JOIN product_sales s ON s.product_id = p.product_id
