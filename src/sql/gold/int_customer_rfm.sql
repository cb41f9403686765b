-- Seed 002 int_customer_rfm, exact score bands. The analysis date is the latest completed order
-- date in the data (never the clock). Recency: <=30 → 5, <=60 → 4, <=90 → 3, <=180 → 2, else 1.
-- Frequency (distinct orders): >=5 → 5, 4, 3, 2, else 1. Monetary (sum order_total): >=500 → 5,
-- >=300 → 4, >=200 → 3, >=100 → 2, else 1. rfm_segment_code = concat of the three scores.
-- @inputs: gold.int_customer_orders
-- @grain: one row per customer (person) with a completed order
-- @key: customer_id
-- @tests: unique(customer_id), range(recency_score, 1, 5), range(frequency_score, 1, 5),
--    range(monetary_score, 1, 5), range(rfm_total_score, 3, 15)
WITH analysis_date AS (SELECT max(order_date) AS max_date FROM gold.int_customer_orders),
rfm_calc AS (
  SELECT
    co.customer_id,
    date_diff('day', max(co.order_date), ad.max_date)::INTEGER AS recency_days,
    count(DISTINCT co.order_id)::BIGINT AS frequency,
    sum(co.order_total)::DOUBLE AS monetary_value,
    avg(co.order_total)::DOUBLE AS avg_order_value,
    min(co.order_date) AS first_order_date,
    max(co.order_date) AS last_order_date,
    date_diff('day', min(co.order_date), max(co.order_date))::INTEGER AS customer_tenure_days,
    ad.max_date AS analysis_date
  FROM gold.int_customer_orders co
  CROSS JOIN analysis_date ad
  GROUP BY co.customer_id, ad.max_date
),
scored AS (
  SELECT
    *,
    CASE WHEN recency_days <= 30 THEN 5 WHEN recency_days <= 60 THEN 4 WHEN recency_days <= 90 THEN 3
         WHEN recency_days <= 180 THEN 2 ELSE 1 END AS recency_score,
    CASE WHEN frequency >= 5 THEN 5 WHEN frequency >= 4 THEN 4 WHEN frequency >= 3 THEN 3
         WHEN frequency >= 2 THEN 2 ELSE 1 END AS frequency_score,
    CASE WHEN monetary_value >= 500 THEN 5 WHEN monetary_value >= 300 THEN 4 WHEN monetary_value >= 200 THEN 3
         WHEN monetary_value >= 100 THEN 2 ELSE 1 END AS monetary_score
  FROM rfm_calc
)
SELECT
  *,
  recency_score + frequency_score + monetary_score AS rfm_total_score,
  concat(recency_score, frequency_score, monetary_score) AS rfm_segment_code
FROM scored
