-- Features of the sales model (seed 000's POST /predict/sales: price, discount_percentage, rating,
-- num_reviews, category) with the target units_sold and revenue, one row per product, from
-- gold.int_product_sales: units_sold = units of every order line of the product over the data's
-- period (Olist: the count of its order_items rows); for the demo data price, discount, rating and
-- reviews come from demo_product_pricing. Without it (real Olist) they are derived: price = median
-- item price, discount 0, rating = mean review score of its orders, num_reviews = number of those
-- reviews (attributes_source = 'derived'; rating NULL for a product nobody reviewed).
-- @inputs: gold.int_product_sales
-- @grain: one row per product
-- @key: product_id
-- @tests: not_null(product_id), unique(product_id), not_null(category), range(units_sold, 0, null),
--    range(discount_percentage, 0, 100), range(rating, 1, 5), range(num_reviews, 0, null)
SELECT
  product_id, price, discount_percentage, rating, num_reviews, category,
  units_sold, revenue, attributes_source, source_format
FROM gold.int_product_sales
