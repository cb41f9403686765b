-- Seed 000 customer satisfaction per product category, plus one row for all reviews
-- (category 'all'). A review counts once for every category in its order (an order with two
-- categories rates both), and once in 'all'. Shares are percentages of the reviews:
-- low = scores 1-2, high = scores 4-5 (3 is neither).
-- @inputs: silver.reviews, silver.order_items, silver.products
-- @grain: one row per category, plus one for all reviews
-- @key: category
-- @tests: unique(category), not_null(category), range(avg_review_score, 1, 5),
--    range(low_score_share_pct, 0, 100), range(high_score_share_pct, 0, 100),
--    expect(low_score_share_pct + high_score_share_pct <= 100.000001)
WITH reviewed AS (
  SELECT DISTINCT r.review_id, r.order_id, r.review_score, coalesce(p.category, 'unknown') AS category
  FROM silver.reviews r
  JOIN silver.order_items i ON i.order_id = r.order_id
  LEFT JOIN silver.products p ON p.product_id = i.product_id
),
scored AS (
  SELECT category, review_id, order_id, review_score FROM reviewed
  UNION ALL
  SELECT 'all', review_id, order_id, review_score FROM silver.reviews
)
SELECT
  category,
  count(*)::BIGINT AS reviews,
  avg(review_score)::DOUBLE AS avg_review_score,
  (100.0 * count(*) FILTER (WHERE review_score <= 2) / count(*))::DOUBLE AS low_score_share_pct,
  (100.0 * count(*) FILTER (WHERE review_score >= 4) / count(*))::DOUBLE AS high_score_share_pct,
  count(*) FILTER (WHERE review_score = 1)::BIGINT AS score_1,
  count(*) FILTER (WHERE review_score = 2)::BIGINT AS score_2,
  count(*) FILTER (WHERE review_score = 3)::BIGINT AS score_3,
  count(*) FILTER (WHERE review_score = 4)::BIGINT AS score_4,
  count(*) FILTER (WHERE review_score = 5)::BIGINT AS score_5
FROM scored
GROUP BY category
