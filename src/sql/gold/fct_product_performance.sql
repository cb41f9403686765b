-- Seed 002 fct_product_performance: ranks, share of the category's revenue and a tier by the
-- revenue percentiles of all products (continuous percentiles, as percentile_cont): revenue >= p80
-- 'Star', >= p50 'Performer', >= p20 'Average', else 'Underperformer'.
-- Ranks are row_number as in the seed; ties are broken by product_id so a rerun gives the same
-- ranks. category_revenue_share is a fraction (0-1), NULL when the category sold nothing.
-- @inputs: gold.int_product_metrics
-- @grain: one row per product
-- @key: product_id
-- @tests: unique(product_id), unique(revenue_rank), range(category_revenue_share, 0, 1),
--    accepted_values(performance_tier, ['Star', 'Performer', 'Average', 'Underperformer']),
--    not_null(performance_tier)
WITH percentile_stats AS (
  SELECT
    quantile_cont(revenue, 0.8) AS p80,
    quantile_cont(revenue, 0.5) AS p50,
    quantile_cont(revenue, 0.2) AS p20
  FROM gold.int_product_metrics
)
SELECT
  m.*,
  row_number() OVER (ORDER BY m.revenue DESC, m.product_id) AS revenue_rank,
  row_number() OVER (ORDER BY m.units_sold DESC, m.product_id) AS units_rank,
  row_number() OVER (ORDER BY m.total_profit DESC, m.product_id) AS profit_rank,
  m.revenue / nullif(sum(m.revenue) OVER (PARTITION BY m.category), 0) AS category_revenue_share,
  CASE
    WHEN m.revenue >= ps.p80 THEN 'Star'
    WHEN m.revenue >= ps.p50 THEN 'Performer'
    WHEN m.revenue >= ps.p20 THEN 'Average'
    ELSE 'Underperformer'
  END AS performance_tier,
  ps.p80 AS revenue_p80, ps.p50 AS revenue_p50, ps.p20 AS revenue_p20
FROM gold.int_product_metrics m
CROSS JOIN percentile_stats ps
