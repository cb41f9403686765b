-- Delivery time distribution (seed 003): histogram of whole delivery days (floor of
-- (delivered − purchased) in days) of delivered orders with a delivery date, every day from 0 to
-- the longest present (empty days have 0 orders). p50/p90/p95 are continuous percentiles
-- (quantile_cont) of the fractional delivery days of all those orders: the same on every row.
-- @inputs: silver.orders
-- @grain: one row per whole delivery day
-- @key: delivery_days
-- @tests: unique(delivery_days), range(delivery_days, 0, null), range(orders, 0, null),
--    range(cumulative_pct, 0, 100.000001), expect(p50_days <= p90_days AND p90_days <= p95_days)
WITH d AS (
  SELECT epoch(delivered_customer_at - purchased_at) / 86400 AS days
  FROM silver.orders
  WHERE order_status = 'delivered' AND delivered_customer_at IS NOT NULL
    AND delivered_customer_at >= purchased_at
),
stats AS (
  SELECT
    count(*)::BIGINT AS n,
    quantile_cont(days, 0.5)::DOUBLE AS p50_days,
    quantile_cont(days, 0.9)::DOUBLE AS p90_days,
    quantile_cont(days, 0.95)::DOUBLE AS p95_days,
    max(floor(days))::BIGINT AS max_day
  FROM d
),
hist AS (
  SELECT floor(days)::BIGINT AS delivery_days, count(*)::BIGINT AS orders FROM d GROUP BY 1
),
days AS (SELECT unnest(range(0, coalesce(max_day, -1) + 1)) AS delivery_days FROM stats),
filled AS (
  SELECT g.delivery_days, coalesce(h.orders, 0)::BIGINT AS orders
  FROM days g LEFT JOIN hist h ON h.delivery_days = g.delivery_days
)
SELECT
  f.delivery_days, f.orders,
  (100.0 * f.orders / s.n)::DOUBLE AS share_pct,
  (100.0 * sum(f.orders) OVER (ORDER BY f.delivery_days) / s.n)::DOUBLE AS cumulative_pct,
  s.p50_days, s.p90_days, s.p95_days
FROM filled f, stats s
