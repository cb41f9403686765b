-- Cohort retention (seed 003). A person's cohort is the month of their first order that was not
-- canceled or unavailable; for every month offset from 0 up to the last month of the data, the
-- share of the cohort that placed such an order in that month (offset 0 is 100 % by definition).
-- Months without a repeat_orders customer are kept with 0.
-- @inputs: silver.orders
-- @grain: one row per cohort month and month offset
-- @key: cohort_month, month_offset
-- @tests: unique(cohort_month, month_offset), range(month_offset, 0, null),
--    range(retention_pct, 0, 100.000001), expect(month_offset > 0 OR retention_pct = 100)
WITH active AS (
  SELECT DISTINCT customer_unique_id, date_trunc('month', order_date)::DATE AS month
  FROM silver.orders
  WHERE order_status NOT IN ('canceled', 'cancelled', 'unavailable')
),
cohorts AS (
  SELECT customer_unique_id, min(month) AS cohort_month FROM active GROUP BY customer_unique_id
),
sizes AS (
  SELECT cohort_month, count(*)::BIGINT AS cohort_size FROM cohorts GROUP BY cohort_month
),
grid AS (
  SELECT s.cohort_month, s.cohort_size, unnest(range(0, date_diff('month', s.cohort_month, l.last_month) + 1)) AS month_offset
  FROM sizes s, (SELECT max(month) AS last_month FROM active) l
),
repeat_orders AS (
  SELECT c.cohort_month, date_diff('month', c.cohort_month, a.month) AS month_offset,
    count(*)::BIGINT AS active_customers
  FROM active a JOIN cohorts c ON c.customer_unique_id = a.customer_unique_id
  GROUP BY ALL
)
SELECT
  g.cohort_month, g.month_offset::BIGINT AS month_offset,
  (g.cohort_month + to_months(g.month_offset::INTEGER))::DATE AS activity_month,
  g.cohort_size,
  coalesce(r.active_customers, 0)::BIGINT AS active_customers,
  (100.0 * coalesce(r.active_customers, 0) / g.cohort_size)::DOUBLE AS retention_pct
FROM grid g
LEFT JOIN repeat_orders r ON r.cohort_month = g.cohort_month AND r.month_offset = g.month_offset
