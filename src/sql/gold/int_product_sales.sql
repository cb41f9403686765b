-- One row per product with the seed-000 attributes and what it sold over the whole period: the
-- base of discount_effectiveness, price_rating_correlation and ml.product_sales_features.
-- units_sold = sum(quantity) of every order line of the product, any order status (Olist: one unit
-- per line, so the count of its order_items rows); revenue = sum(line_total).
-- Price, discount, rating and review count come from the catalogue (demo_product_pricing or the
-- seed-000 table). Where absent (real Olist): price = median item price of its lines, discount 0,
-- rating = mean review score of the orders containing it, num_reviews = number of those reviews
-- (attributes_source = 'derived'). Seed-000 rows have no order lines: units_sold = its Sales
-- column, revenue = price × Sales.
-- @inputs: silver.products
-- @optional-inputs: silver.order_items, silver.reviews
-- @grain: one row per product
-- @key: product_id
-- @tests: not_null(product_id), unique(product_id), not_null(category), range(units_sold, 0, null),
--    range(revenue, 0, null), range(discount_percentage, 0, 100), range(rating, 1, 5),
--    accepted_values(attributes_source, ['catalogue', 'derived'])
WITH lines AS (
  SELECT
    product_id, sum(quantity)::BIGINT AS units, sum(line_total)::DOUBLE AS revenue,
    median(unit_price)::DOUBLE AS median_price, count(DISTINCT order_id)::BIGINT AS orders
  FROM silver.order_items
  GROUP BY product_id
),
product_reviews AS (
  SELECT po.product_id, avg(r.review_score)::DOUBLE AS mean_score, count(*)::BIGINT AS reviews
  FROM (SELECT DISTINCT product_id, order_id FROM silver.order_items) po
  JOIN silver.reviews r ON r.order_id = po.order_id
  GROUP BY po.product_id
)
SELECT
  p.product_id, p.category, p.source_format,
  CASE WHEN p.price IS NULL THEN 'derived' ELSE 'catalogue' END AS attributes_source,
  coalesce(p.price::DOUBLE, l.median_price) AS price,
  coalesce(p.discount_percentage, 0)::DOUBLE AS discount_percentage,
  coalesce(p.rating, pr.mean_score)::DOUBLE AS rating,
  coalesce(p.num_reviews, pr.reviews, 0)::BIGINT AS num_reviews,
  CASE WHEN p.source_format = 'seed000' THEN coalesce(p.reported_sales, 0)
       ELSE coalesce(l.units, 0) END::DOUBLE AS units_sold,
  CASE WHEN p.source_format = 'seed000' THEN coalesce(p.reported_sales * p.price, 0)
       ELSE coalesce(l.revenue, 0) END::DOUBLE AS revenue,
  coalesce(l.orders, 0) AS orders
FROM silver.products p
LEFT JOIN lines l ON l.product_id = p.product_id
LEFT JOIN product_reviews pr ON pr.product_id = p.product_id
