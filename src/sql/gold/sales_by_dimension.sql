-- Sales per month broken down by one dimension at a time: order status, product category,
-- customer state, seller and sales channel. Order-level dimensions (status, state, channel) count
-- orders and order GMV; line-level ones (category, seller) count the orders containing a line of
-- that value and the GMV of those lines (price + freight), so their sums can exceed order counts.
-- @inputs: silver.orders, silver.order_items, silver.products
-- @optional-inputs: silver.customers
-- @grain: one row per dimension, value and month
-- @key: dimension, value, month
-- @tests: unique(dimension, value, month), accepted_values(dimension, ['status', 'category', 'state', 'seller', 'channel']),
--    range(gmv, 0, null)
WITH o AS (
  SELECT o.*, date_trunc('month', o.order_date)::DATE AS month, coalesce(c.state, 'unknown') AS state
  FROM silver.orders o LEFT JOIN silver.customers c ON c.customer_id = o.customer_id
),
lines AS (
  SELECT o.order_id, o.month, coalesce(p.category, 'unknown') AS category,
    coalesce(i.seller_id, 'unknown') AS seller_id, i.quantity, i.line_total + i.freight_value AS line_gmv
  FROM silver.order_items i
  JOIN o ON o.order_id = i.order_id
  LEFT JOIN silver.products p ON p.product_id = i.product_id
),
order_level AS (
  SELECT 'status' AS dimension, order_status AS value, month, order_id, units, gmv FROM o
  UNION ALL SELECT 'state', state, month, order_id, units, gmv FROM o
  UNION ALL SELECT 'channel', sales_channel, month, order_id, units, gmv FROM o
),
line_level AS (
  SELECT 'category' AS dimension, category AS value, month, order_id, quantity, line_gmv FROM lines
  UNION ALL SELECT 'seller', seller_id, month, order_id, quantity, line_gmv FROM lines
)
SELECT dimension, value, month, count(DISTINCT order_id)::BIGINT AS orders, sum(units)::BIGINT AS units,
  sum(gmv)::DOUBLE AS gmv, (sum(gmv) / count(DISTINCT order_id))::DOUBLE AS aov
FROM order_level GROUP BY ALL
UNION ALL
SELECT dimension, value, month, count(DISTINCT order_id)::BIGINT, sum(quantity)::BIGINT,
  sum(line_gmv)::DOUBLE, (sum(line_gmv) / count(DISTINCT order_id))::DOUBLE
FROM line_level GROUP BY ALL
