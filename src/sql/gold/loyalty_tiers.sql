-- Loyalty tiers (seed 003: Bronze → Silver → Gold → Platinum). Each person is placed in the tier of
-- their latest loyalty event (latest event_at; ties: highest order_id). persons_share_pct = share
-- of the people with a loyalty event. revenue = GMV of those people's orders that were not
-- canceled or unavailable (whole period); avg_lifetime_spend and avg_points_balance are taken at
-- the latest event. Every tier has a row, with 0 people if none.
-- @inputs: silver.loyalty_events, silver.orders
-- @grain: one row per loyalty tier
-- @key: tier
-- @tests: unique(tier), accepted_values(tier, ['Bronze', 'Silver', 'Gold', 'Platinum']),
--    range(persons, 0, null), range(persons_share_pct, 0, 100.000001), range(revenue, 0, null)
WITH tiers(tier, tier_rank) AS (VALUES ('Bronze', 1), ('Silver', 2), ('Gold', 3), ('Platinum', 4)),
latest AS (
  SELECT
    customer_unique_id,
    arg_max(tier, (event_at, order_id)) AS tier,
    arg_max(lifetime_spend, (event_at, order_id))::DOUBLE AS lifetime_spend,
    arg_max(points_balance, (event_at, order_id)) AS points_balance
  FROM silver.loyalty_events
  GROUP BY customer_unique_id
),
spend AS (
  SELECT customer_unique_id, sum(gmv)::DOUBLE AS revenue, count(*)::BIGINT AS orders
  FROM silver.orders
  WHERE order_status NOT IN ('canceled', 'cancelled', 'unavailable')
  GROUP BY customer_unique_id
)
SELECT
  t.tier, t.tier_rank,
  count(l.customer_unique_id)::BIGINT AS persons,
  coalesce(100.0 * count(l.customer_unique_id) / nullif((SELECT count(*) FROM latest), 0), 0)::DOUBLE AS persons_share_pct,
  coalesce(sum(s.revenue), 0)::DOUBLE AS revenue,
  coalesce(sum(s.orders), 0)::BIGINT AS orders,
  avg(l.lifetime_spend)::DOUBLE AS avg_lifetime_spend,
  avg(l.points_balance)::DOUBLE AS avg_points_balance,
  (sum(s.revenue) / nullif(count(l.customer_unique_id), 0))::DOUBLE AS revenue_per_person
FROM tiers t
LEFT JOIN latest l ON l.tier = t.tier
LEFT JOIN spend s ON s.customer_unique_id = l.customer_unique_id
GROUP BY t.tier, t.tier_rank
