-- Seed 002 int_customer_orders: completed orders (is_completed) with their subtotal and total.
-- customer_id is the person: Olist customer_unique_id, tutorial customer_id.
-- order_subtotal = sum(line_total); order_total = subtotal + shipping_cost; items_count = lines.
-- @inputs: silver.orders, silver.order_items
-- @grain: one row per completed order
-- @key: order_id
-- @tests: unique(order_id), not_null(customer_id), expect(order_total = order_subtotal + shipping_cost)
SELECT
  o.order_id,
  o.customer_unique_id AS customer_id,
  o.order_date,
  o.shipping_cost,
  coalesce(sum(i.line_total), 0)::DECIMAL(18, 2) AS order_subtotal,
  (coalesce(sum(i.line_total), 0) + o.shipping_cost)::DECIMAL(18, 2) AS order_total,
  count(i.order_item_id)::BIGINT AS items_count
FROM silver.orders o
LEFT JOIN silver.order_items i ON i.order_id = o.order_id
WHERE o.is_completed
GROUP BY o.order_id, o.customer_unique_id, o.order_date, o.shipping_cost
