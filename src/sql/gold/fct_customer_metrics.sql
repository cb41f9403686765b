-- Seed 002 fct_customer_metrics: every customer (person) LEFT JOIN its RFM, with CLV rules:
-- predicted_clv_12m = monetary × 2.0 (rfm_total >= 12), × 1.5 (>= 9), × 1.2 (>= 6), else × 0.8;
-- churn_risk: 'High' if recency > 180 and frequency = 1, 'Medium' if recency > 120,
-- 'Low' if recency > 90, else 'Very Low'. As in the seed, a person without a completed order gets
-- NULL scores, NULL CLV and 'Very Low' (the CASE's ELSE branch).
-- Olist has no e-mail or names; a person's attributes come from their latest customer row.
-- @inputs: silver.customers, gold.int_customer_rfm
-- @grain: one row per customer (person)
-- @key: customer_id
-- @tests: unique(customer_id), range(predicted_clv_12m, 0, null), range(recency_score, 1, 5),
--    accepted_values(churn_risk, ['High', 'Medium', 'Low', 'Very Low'])
WITH people AS (
  SELECT
    customer_unique_id AS customer_id,
    arg_max(email, _batch_id) AS email, arg_max(first_name, _batch_id) AS first_name,
    arg_max(last_name, _batch_id) AS last_name, arg_max(country, _batch_id) AS country,
    arg_max(state, _batch_id) AS state, arg_max(city, _batch_id) AS city,
    min(customer_created_at) AS customer_created_at
  FROM silver.customers
  GROUP BY customer_unique_id
)
SELECT
  c.*,
  r.recency_days, r.frequency, r.monetary_value, r.avg_order_value,
  r.recency_score, r.frequency_score, r.monetary_score, r.rfm_total_score, r.rfm_segment_code,
  r.customer_tenure_days, r.first_order_date, r.last_order_date, r.analysis_date,
  r.monetary_value AS current_clv,
  CASE
    WHEN r.rfm_total_score >= 12 THEN r.monetary_value * 2.0
    WHEN r.rfm_total_score >= 9 THEN r.monetary_value * 1.5
    WHEN r.rfm_total_score >= 6 THEN r.monetary_value * 1.2
    ELSE r.monetary_value * 0.8
  END::DOUBLE AS predicted_clv_12m,
  CASE
    WHEN r.recency_days > 180 AND r.frequency = 1 THEN 'High'
    WHEN r.recency_days > 120 THEN 'Medium'
    WHEN r.recency_days > 90 THEN 'Low'
    ELSE 'Very Low'
  END AS churn_risk
FROM people c
LEFT JOIN gold.int_customer_rfm r ON r.customer_id = c.customer_id
