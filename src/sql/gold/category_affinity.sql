-- Category affinity (seed 004): pairs of categories bought together, in the same order
-- (basket = 'order') or by the same person over the whole period (basket = 'person').
-- Sales are the lines of orders not canceled or unavailable. For a pair (a, b), a < b:
-- support = baskets with both / all baskets; confidence_a_to_b = both / baskets with a;
-- lift = support / (share with a × share with b) = both × baskets / (with a × with b).
-- support and confidence are fractions (0-1); lift > 1 means bought together more than chance.
-- @inputs: silver.orders, silver.order_items, silver.products
-- @grain: one row per basket kind and category pair bought together at least once
-- @key: basket, category_a, category_b
-- @tests: unique(basket, category_a, category_b), accepted_values(basket, ['order', 'person']),
--    expect(category_a < category_b), range(support, 0, 1), range(confidence_a_to_b, 0, 1),
--    range(confidence_b_to_a, 0, 1), range(lift, 0, null)
WITH sold AS (
  SELECT DISTINCT o.order_id, o.customer_unique_id, coalesce(p.category, 'unknown') AS category
  FROM silver.order_items i
  JOIN silver.orders o ON o.order_id = i.order_id
  LEFT JOIN silver.products p ON p.product_id = i.product_id
  WHERE o.order_status NOT IN ('canceled', 'cancelled', 'unavailable')
),
baskets AS (
  SELECT DISTINCT 'order' AS basket, order_id AS basket_id, category FROM sold
  UNION ALL
  SELECT DISTINCT 'person', customer_unique_id, category FROM sold
),
totals AS (
  SELECT basket, count(DISTINCT basket_id)::BIGINT AS baskets FROM baskets GROUP BY basket
),
per_category AS (
  SELECT basket, category, count(*)::BIGINT AS with_category FROM baskets GROUP BY basket, category
),
pairs AS (
  SELECT a.basket, a.category AS category_a, b.category AS category_b, count(*)::BIGINT AS baskets_with_both
  FROM baskets a
  JOIN baskets b ON b.basket = a.basket AND b.basket_id = a.basket_id AND a.category < b.category
  GROUP BY ALL
)
SELECT
  p.basket, p.category_a, p.category_b, p.baskets_with_both,
  ca.with_category AS baskets_with_a, cb.with_category AS baskets_with_b, t.baskets,
  (p.baskets_with_both / t.baskets)::DOUBLE AS support,
  (p.baskets_with_both / ca.with_category)::DOUBLE AS confidence_a_to_b,
  (p.baskets_with_both / cb.with_category)::DOUBLE AS confidence_b_to_a,
  (p.baskets_with_both * t.baskets / (ca.with_category * cb.with_category))::DOUBLE AS lift
FROM pairs p
JOIN totals t ON t.basket = p.basket
JOIN per_category ca ON ca.basket = p.basket AND ca.category = p.category_a
JOIN per_category cb ON cb.basket = p.basket AND cb.category = p.category_b
