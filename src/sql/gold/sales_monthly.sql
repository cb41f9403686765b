-- Monthly sales, same definitions as gold.sales_daily, plus month-over-month GMV growth.
-- @inputs: silver.orders
-- @grain: one row per purchase month
-- @key: month
-- @tests: unique(month), range(gmv, 0, null)
WITH m AS (
  SELECT
    date_trunc('month', order_date)::DATE AS month,
    count(*)::BIGINT AS orders,
    count(*) FILTER (WHERE has_items)::BIGINT AS orders_with_items,
    sum(units)::BIGINT AS units,
    sum(gmv)::DOUBLE AS gmv,
    sum(gmv) FILTER (WHERE is_completed)::DOUBLE AS completed_gmv,
    count(DISTINCT customer_unique_id)::BIGINT AS customers
  FROM silver.orders
  GROUP BY 1
)
SELECT
  *,
  gmv / nullif(orders_with_items, 0) AS aov,
  gmv / nullif(lag(gmv) OVER (ORDER BY month), 0) - 1 AS gmv_growth
FROM m
