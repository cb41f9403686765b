-- Clickstream funnel (seed 003) per month of session start: view → search → add_to_cart →
-- checkout → purchase. A session reaches a step when its deepest event is that step or a later one
-- (search is optional: a session that adds to cart without searching has passed it), so the
-- counts never grow along the funnel. *_conversion_pct = sessions reaching the step / reaching the
-- previous step × 100; purchase_rate_pct = purchases / sessions with any event × 100.
-- Cart abandonment = sessions with an add_to_cart event and no purchase event, over sessions with
-- an add_to_cart event (percent).
-- @inputs: silver.sessions, silver.session_events
-- @grain: one row per month of session start
-- @key: month
-- @tests: unique(month), not_null(month),
--    expect(view_sessions >= search_sessions AND search_sessions >= cart_sessions
--    AND cart_sessions >= checkout_sessions AND checkout_sessions >= purchase_sessions),
--    range(cart_abandonment_pct, 0, 100), range(purchase_rate_pct, 0, 100)
WITH per_session AS (
  SELECT
    s.session_id, date_trunc('month', s.session_start)::DATE AS month,
    max(CASE e.event_type WHEN 'view' THEN 1 WHEN 'search' THEN 2 WHEN 'add_to_cart' THEN 3
      WHEN 'checkout' THEN 4 WHEN 'purchase' THEN 5 END) AS deepest_step,
    bool_or(e.event_type = 'add_to_cart') AS has_cart,
    bool_or(e.event_type = 'purchase') AS has_purchase
  FROM silver.sessions s
  LEFT JOIN silver.session_events e ON e.session_id = s.session_id
  GROUP BY ALL
),
m AS (
  SELECT
    month,
    count(*)::BIGINT AS sessions,
    count(*) FILTER (WHERE deepest_step >= 1)::BIGINT AS view_sessions,
    count(*) FILTER (WHERE deepest_step >= 2)::BIGINT AS search_sessions,
    count(*) FILTER (WHERE deepest_step >= 3)::BIGINT AS cart_sessions,
    count(*) FILTER (WHERE deepest_step >= 4)::BIGINT AS checkout_sessions,
    count(*) FILTER (WHERE deepest_step >= 5)::BIGINT AS purchase_sessions,
    count(*) FILTER (WHERE has_cart)::BIGINT AS sessions_with_cart,
    count(*) FILTER (WHERE has_cart AND NOT has_purchase)::BIGINT AS abandoned_carts
  FROM per_session
  GROUP BY month
)
SELECT
  *,
  (100.0 * search_sessions / nullif(view_sessions, 0))::DOUBLE AS search_conversion_pct,
  (100.0 * cart_sessions / nullif(search_sessions, 0))::DOUBLE AS cart_conversion_pct,
  (100.0 * checkout_sessions / nullif(cart_sessions, 0))::DOUBLE AS checkout_conversion_pct,
  (100.0 * purchase_sessions / nullif(checkout_sessions, 0))::DOUBLE AS purchase_conversion_pct,
  (100.0 * purchase_sessions / nullif(view_sessions, 0))::DOUBLE AS purchase_rate_pct,
  (100.0 * abandoned_carts / nullif(sessions_with_cart, 0))::DOUBLE AS cart_abandonment_pct
FROM m
