-- Seed 002 ml_customer_features, rule for rule. "Today" is the analysis date of the data (the
-- latest completed order date, as in gold.int_customer_rfm), never the clock; it also stands in for
-- the seed's feature_generated_at (features_as_of), so a rerun gives the same table.
-- order_value_volatility = sample standard deviation of order_total (NULL for one order);
-- avg_days_between_orders = mean gap between a person's consecutive completed orders;
-- order_trend_ratio (3+ orders) = orders in the last 90 days / orders 180-90 days before the
-- analysis date. account_age_days = days from account creation to the analysis date; Olist has no
-- creation date, so the first order date stands in for it.
-- @inputs: gold.fct_customer_metrics, gold.int_customer_orders
-- @grain: one row per customer (person)
-- @key: customer_id
-- @tests: not_null(customer_id), unique(customer_id), accepted_values(is_churn_risk, ['0', '1']),
--    range(recency_days, 0, null), range(order_value_volatility, 0, null),
--    expect(min_order_value IS NULL OR min_order_value <= max_order_value)
WITH analysis AS (SELECT max(order_date) AS today FROM gold.int_customer_orders),
gaps AS (
  SELECT
    customer_id, order_total, order_date,
    date_diff('day', lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, order_id),
      order_date) AS days_since_previous
  FROM gold.int_customer_orders
),
customer_behavior AS (
  SELECT
    g.customer_id,
    stddev_samp(g.order_total)::DOUBLE AS order_value_volatility,
    max(g.order_total)::DOUBLE AS max_order_value,
    min(g.order_total)::DOUBLE AS min_order_value,
    avg(g.days_since_previous)::DOUBLE AS avg_days_between_orders,
    CASE WHEN count(*) >= 3 THEN
      sum(CASE WHEN g.order_date >= a.today - INTERVAL 90 DAY THEN 1 ELSE 0 END)::DOUBLE /
      nullif(sum(CASE WHEN g.order_date >= a.today - INTERVAL 180 DAY
                      AND g.order_date < a.today - INTERVAL 90 DAY THEN 1 ELSE 0 END), 0)
    END AS order_trend_ratio
  FROM gaps g
  CROSS JOIN analysis a
  GROUP BY g.customer_id
)
SELECT
  cm.customer_id,
  CASE WHEN cm.churn_risk IN ('High', 'Medium') THEN 1 ELSE 0 END AS is_churn_risk,
  cm.country,
  date_diff('day', coalesce(cm.customer_created_at, cm.first_order_date), a.today)::INTEGER AS account_age_days,
  cm.recency_days, cm.frequency, cm.monetary_value, cm.avg_order_value,
  cm.recency_score, cm.frequency_score, cm.monetary_score, cm.rfm_total_score,
  cm.customer_tenure_days,
  CASE WHEN cm.frequency > 0 THEN cm.monetary_value / cm.frequency ELSE 0 END::DOUBLE AS revenue_per_order,
  CASE WHEN cm.customer_tenure_days > 0 THEN cm.frequency * 30.0 / cm.customer_tenure_days ELSE 0 END::DOUBLE AS orders_per_month,
  cb.order_value_volatility, cb.max_order_value, cb.min_order_value,
  cb.avg_days_between_orders, cb.order_trend_ratio,
  CASE WHEN cm.recency_days <= 30 THEN 1 ELSE 0 END AS is_active_last_30d,
  CASE WHEN cm.recency_days <= 90 THEN 1 ELSE 0 END AS is_active_last_90d,
  cm.predicted_clv_12m,
  CASE WHEN cm.monetary_value > 0 THEN cm.predicted_clv_12m / cm.monetary_value ELSE 0 END::DOUBLE AS clv_growth_multiplier,
  a.today AS features_as_of
FROM gold.fct_customer_metrics cm
CROSS JOIN analysis a
LEFT JOIN customer_behavior cb ON cb.customer_id = cm.customer_id
