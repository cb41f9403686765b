-- Marketing channel performance (seed 004): gold.campaign_performance summed per marketing
-- channel, plus 'organic' for sessions and orders without a campaign (cost 0, so roi NULL).
-- Sessions or orders naming a campaign that is not in demo_campaigns count under 'unknown'.
-- Definitions as in gold.campaign_performance; roi = (revenue − cost) / cost.
-- @inputs: silver.orders, gold.campaign_performance
-- @optional-inputs: silver.sessions
-- @grain: one row per marketing channel
-- @key: marketing_channel
-- @tests: unique(marketing_channel), not_null(marketing_channel), range(orders, 0, null),
--    range(cost, 0, null)
WITH known AS (SELECT campaign_id FROM gold.campaign_performance),
untracked AS (
  SELECT CASE WHEN campaign_id IS NULL THEN 'organic' ELSE 'unknown' END AS marketing_channel,
    count(*)::BIGINT AS sessions, 0::BIGINT AS orders, 0::DOUBLE AS revenue
  FROM silver.sessions
  WHERE campaign_id IS NULL OR campaign_id NOT IN (SELECT campaign_id FROM known)
  GROUP BY 1
  UNION ALL
  SELECT CASE WHEN campaign_id IS NULL THEN 'organic' ELSE 'unknown' END,
    0, count(*)::BIGINT, sum(gmv)::DOUBLE
  FROM silver.orders
  WHERE (campaign_id IS NULL OR campaign_id NOT IN (SELECT campaign_id FROM known))
    AND order_status NOT IN ('canceled', 'cancelled', 'unavailable')
  GROUP BY 1
),
per_channel AS (
  SELECT marketing_channel, count(*)::BIGINT AS campaigns, sum(sessions)::BIGINT AS sessions,
    sum(orders)::BIGINT AS orders, sum(revenue)::DOUBLE AS revenue, sum(cost)::DOUBLE AS cost
  FROM gold.campaign_performance
  GROUP BY marketing_channel
  UNION ALL
  SELECT marketing_channel, 0, sum(sessions)::BIGINT, sum(orders)::BIGINT, sum(revenue)::DOUBLE, 0
  FROM untracked
  GROUP BY marketing_channel
)
SELECT
  *,
  (100.0 * orders / nullif(sessions, 0))::DOUBLE AS conversion_rate_pct,
  (cost / nullif(orders, 0))::DOUBLE AS cost_per_order,
  ((revenue - cost) / nullif(cost, 0))::DOUBLE AS roi
FROM per_channel
