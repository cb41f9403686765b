-- Shipping SLA (seed 003) per delivery month: delivered orders with a delivery date, compared
-- with the estimated delivery date. Late = delivered on a later calendar day than estimated
-- (Olist estimates sit at midnight, so a delivery on the estimated day is on time).
-- days_late = calendar days after the estimate; avg_days_late is over late orders only.
-- delivery_days = (delivered − purchased) in fractional days. Rates are percentages of the
-- delivered orders that have an estimate.
-- @inputs: silver.orders
-- @grain: one row per delivery month
-- @key: month
-- @tests: unique(month), not_null(month), range(late_rate_pct, 0, 100), range(on_time_rate_pct, 0, 100),
--    expect(late_orders <= orders_with_estimate AND orders_with_estimate <= delivered_orders),
--    range(avg_days_late, 1, null)
WITH d AS (
  SELECT
    date_trunc('month', delivered_customer_at)::DATE AS month,
    epoch(delivered_customer_at - purchased_at) / 86400 AS delivery_days,
    estimated_delivery_at IS NOT NULL AS has_estimate,
    date_diff('day', estimated_delivery_at::DATE, delivered_customer_at::DATE) AS days_after_estimate
  FROM silver.orders
  WHERE order_status = 'delivered' AND delivered_customer_at IS NOT NULL
)
SELECT
  month,
  count(*)::BIGINT AS delivered_orders,
  count(*) FILTER (WHERE has_estimate)::BIGINT AS orders_with_estimate,
  count(*) FILTER (WHERE days_after_estimate > 0)::BIGINT AS late_orders,
  (100.0 * count(*) FILTER (WHERE days_after_estimate > 0)
    / nullif(count(*) FILTER (WHERE has_estimate), 0))::DOUBLE AS late_rate_pct,
  (100.0 * count(*) FILTER (WHERE days_after_estimate <= 0)
    / nullif(count(*) FILTER (WHERE has_estimate), 0))::DOUBLE AS on_time_rate_pct,
  avg(days_after_estimate) FILTER (WHERE days_after_estimate > 0)::DOUBLE AS avg_days_late,
  avg(delivery_days)::DOUBLE AS avg_delivery_days
FROM d
GROUP BY month
