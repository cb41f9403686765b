-- Batch funnel of seed 001 per purchase month: order → items → payment.
-- items_conversion_rate = orders_with_items / total_orders * 100;
-- payment_conversion_rate = orders_with_payment / total_orders * 100;
-- dropped_after_order = total - with items; dropped_after_items = with items - with items and payment.
-- @inputs: silver.orders
-- @grain: one row per purchase month
-- @key: month
-- @tests: unique(month), expect(orders_with_items <= total_orders AND orders_with_payment <= total_orders)
SELECT
  date_trunc('month', order_date)::DATE AS month,
  count(*)::BIGINT AS total_orders,
  count(*) FILTER (WHERE has_items)::BIGINT AS orders_with_items,
  count(*) FILTER (WHERE has_payment)::BIGINT AS orders_with_payment,
  count(*) FILTER (WHERE has_items AND has_payment)::BIGINT AS orders_with_items_and_payment,
  (100.0 * count(*) FILTER (WHERE has_items) / count(*))::DOUBLE AS items_conversion_rate,
  (100.0 * count(*) FILTER (WHERE has_payment) / count(*))::DOUBLE AS payment_conversion_rate,
  (count(*) - count(*) FILTER (WHERE has_items))::BIGINT AS dropped_after_order,
  (count(*) FILTER (WHERE has_items) - count(*) FILTER (WHERE has_items AND has_payment))::BIGINT AS dropped_after_items,
  sum(gmv)::DOUBLE AS gmv
FROM silver.orders
GROUP BY 1
