-- Customer-product interaction matrix (seed 004), one row per person and product they touched:
-- views and add-to-carts from clickstream sessions of a known person (anonymous sessions are left
-- out), purchased units and orders from orders not canceled or unavailable.
-- interaction_score = views × 1 + add_to_carts × 3 + purchased_units × 5 (implicit-feedback
-- weights for a recommender, e.g. ALS). Without demo clickstream files only purchases count.
-- @inputs: silver.orders, silver.order_items
-- @optional-inputs: silver.sessions, silver.session_events
-- @grain: one row per person and product
-- @key: customer_id, product_id
-- @tests: unique(customer_id, product_id), not_null(customer_id), not_null(product_id),
--    range(interaction_score, 1, null), expect(purchase_orders <= purchased_units)
WITH clicks AS (
  SELECT
    s.customer_unique_id AS customer_id, e.product_id,
    count(*) FILTER (WHERE e.event_type = 'view')::BIGINT AS views,
    count(*) FILTER (WHERE e.event_type = 'add_to_cart')::BIGINT AS add_to_carts,
    max(e.event_at) AS last_click_at
  FROM silver.session_events e
  JOIN silver.sessions s ON s.session_id = e.session_id
  WHERE s.customer_unique_id IS NOT NULL AND e.product_id IS NOT NULL
    AND e.event_type IN ('view', 'add_to_cart')
  GROUP BY ALL
),
purchases AS (
  SELECT
    o.customer_unique_id AS customer_id, i.product_id,
    sum(i.quantity)::BIGINT AS purchased_units,
    count(DISTINCT o.order_id)::BIGINT AS purchase_orders,
    max(o.purchased_at) AS last_purchase_at
  FROM silver.order_items i
  JOIN silver.orders o ON o.order_id = i.order_id
  WHERE o.order_status NOT IN ('canceled', 'cancelled', 'unavailable')
  GROUP BY ALL
)
SELECT
  coalesce(c.customer_id, p.customer_id) AS customer_id,
  coalesce(c.product_id, p.product_id) AS product_id,
  coalesce(c.views, 0) AS views,
  coalesce(c.add_to_carts, 0) AS add_to_carts,
  coalesce(p.purchased_units, 0) AS purchased_units,
  coalesce(p.purchase_orders, 0) AS purchase_orders,
  (coalesce(c.views, 0) + 3 * coalesce(c.add_to_carts, 0) + 5 * coalesce(p.purchased_units, 0))::BIGINT AS interaction_score,
  greatest(c.last_click_at, p.last_purchase_at) AS last_interaction_at
FROM clicks c
FULL JOIN purchases p ON p.customer_id = c.customer_id AND p.product_id = c.product_id
