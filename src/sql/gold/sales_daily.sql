-- Daily sales. GMV = sum(price + freight) of the day's orders (Olist); tutorial orders add their
-- shipping cost. All statuses count towards GMV (as in the streaming contract); completed_gmv
-- counts delivered/completed orders only. AOV = gmv / orders with items.
-- @inputs: silver.orders
-- @grain: one row per purchase day
-- @key: order_date
-- @tests: unique(order_date), range(gmv, 0, null), expect(orders >= orders_with_items)
SELECT
  order_date,
  count(*)::BIGINT AS orders,
  count(*) FILTER (WHERE has_items)::BIGINT AS orders_with_items,
  sum(units)::BIGINT AS units,
  sum(items_value)::DOUBLE AS items_value,
  sum(shipping_cost)::DOUBLE AS freight_value,
  sum(gmv)::DOUBLE AS gmv,
  sum(gmv) FILTER (WHERE is_completed)::DOUBLE AS completed_gmv,
  (sum(gmv) / nullif(count(*) FILTER (WHERE has_items), 0))::DOUBLE AS aov,
  count(DISTINCT customer_unique_id)::BIGINT AS customers
FROM silver.orders
GROUP BY order_date
