-- Seed 002 dim_customer_segments: segment and recommended action, rules checked in this order
-- (first match wins), exactly as in the seed. A person without orders (NULL scores) falls to
-- 'Others' / 'Standard nurture campaign'.
-- @inputs: gold.fct_customer_metrics
-- @grain: one row per customer (person)
-- @key: customer_id
-- @tests: unique(customer_id), accepted_values(customer_segment, ['Champions', 'Loyal Customers',
--    'New Customers', 'Big Spenders', 'At Risk', 'Cant Lose Them', 'Hibernating', 'Lost', 'Others'])
SELECT
  customer_id, email, first_name, last_name, state, country,
  CASE
    WHEN recency_score >= 4 AND frequency_score >= 4 AND monetary_score >= 4 THEN 'Champions'
    WHEN recency_score >= 3 AND frequency_score >= 3 AND monetary_score >= 3 THEN 'Loyal Customers'
    WHEN recency_score >= 4 AND frequency_score <= 2 AND monetary_score <= 2 THEN 'New Customers'
    WHEN recency_score >= 3 AND frequency_score <= 2 AND monetary_score >= 3 THEN 'Big Spenders'
    WHEN recency_score <= 2 AND frequency_score >= 3 AND monetary_score >= 3 THEN 'At Risk'
    WHEN recency_score <= 2 AND frequency_score <= 2 AND monetary_score >= 3 THEN 'Cant Lose Them'
    WHEN recency_score <= 2 AND frequency_score >= 2 AND monetary_score <= 2 THEN 'Hibernating'
    WHEN recency_score <= 1 AND frequency_score <= 1 AND monetary_score <= 1 THEN 'Lost'
    ELSE 'Others'
  END AS customer_segment,
  recency_score, frequency_score, monetary_score, rfm_total_score, monetary_value,
  frequency AS total_orders, avg_order_value, predicted_clv_12m, churn_risk, recency_days,
  CASE
    WHEN recency_score >= 4 AND frequency_score >= 4 THEN 'VIP treatment, exclusive offers'
    WHEN recency_score >= 4 AND frequency_score <= 2 THEN 'Onboarding campaign, product recommendations'
    WHEN recency_score <= 2 AND monetary_score >= 3 THEN 'Win-back campaign, special discount'
    WHEN recency_score <= 2 AND frequency_score <= 2 THEN 'Re-engagement or sunset'
    ELSE 'Standard nurture campaign'
  END AS recommended_action
FROM gold.fct_customer_metrics
