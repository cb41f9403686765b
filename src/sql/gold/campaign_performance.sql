-- Campaign effectiveness and ROI (seed 004) per campaign. sessions = sessions tagged with the
-- campaign; orders = orders attributed to it (demo_order_channels.campaign_id) that were not
-- canceled or unavailable; revenue = their GMV (items + freight). cost = the campaign budget.
-- conversion_rate_pct = orders / sessions × 100; cost_per_order = cost / orders;
-- roi = (revenue − cost) / cost (a ratio: 0.5 = 50 % return), NULL when the cost is 0.
-- @inputs: silver.campaigns, silver.orders
-- @optional-inputs: silver.sessions
-- @grain: one row per campaign
-- @key: campaign_id
-- @tests: unique(campaign_id), not_null(marketing_channel), range(orders, 0, null),
--    range(revenue, 0, null), range(roi, -1, null), range(cost, 0, null)
WITH s AS (
  SELECT campaign_id, count(*)::BIGINT AS sessions, count(DISTINCT customer_unique_id)::BIGINT AS visitors
  FROM silver.sessions WHERE campaign_id IS NOT NULL GROUP BY campaign_id
),
o AS (
  SELECT campaign_id, count(*)::BIGINT AS orders, sum(gmv)::DOUBLE AS revenue,
    count(DISTINCT customer_unique_id)::BIGINT AS buyers
  FROM silver.orders
  WHERE campaign_id IS NOT NULL AND order_status NOT IN ('canceled', 'cancelled', 'unavailable')
  GROUP BY campaign_id
)
SELECT
  c.campaign_id, c.campaign_name, c.marketing_channel, c.start_date, c.end_date,
  coalesce(s.sessions, 0) AS sessions,
  coalesce(s.visitors, 0) AS visitors,
  coalesce(o.orders, 0) AS orders,
  coalesce(o.buyers, 0) AS buyers,
  coalesce(o.revenue, 0)::DOUBLE AS revenue,
  c.budget::DOUBLE AS cost,
  (100.0 * coalesce(o.orders, 0) / nullif(s.sessions, 0))::DOUBLE AS conversion_rate_pct,
  (c.budget / nullif(o.orders, 0))::DOUBLE AS cost_per_order,
  ((coalesce(o.revenue, 0) - c.budget) / nullif(c.budget, 0))::DOUBLE AS roi
FROM silver.campaigns c
LEFT JOIN s ON s.campaign_id = c.campaign_id
LEFT JOIN o ON o.campaign_id = c.campaign_id
