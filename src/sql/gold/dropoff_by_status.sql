-- Drop-off by order status (seed 001): orders that never completed, by where they stopped.
-- dropped_orders = orders of a status other than delivered/completed.
-- @inputs: silver.orders
-- @grain: one row per order status
-- @key: order_status
-- @tests: unique(order_status), range(dropped_orders, 0, null)
SELECT
  order_status,
  count(*)::BIGINT AS orders,
  count(*) FILTER (WHERE NOT is_completed)::BIGINT AS dropped_orders,
  count(*) FILTER (WHERE NOT has_items)::BIGINT AS orders_without_items,
  count(*) FILTER (WHERE NOT has_payment)::BIGINT AS orders_without_payment,
  sum(gmv)::DOUBLE AS gmv,
  (100.0 * count(*) / sum(count(*)) OVER ())::DOUBLE AS share_of_orders
FROM silver.orders
GROUP BY order_status
