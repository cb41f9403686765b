-- Seed 000 price-rating correlation, per category and overall (category 'all'): Pearson
-- correlation of price and rating over the products with both, and the least-squares trend line
-- rating = slope × price + intercept (regr_slope / regr_intercept). NULL where undefined
-- (one product, or no spread in price or rating: DuckDB's NaN is turned into NULL); with ratings
-- all equal the line is flat (slope 0). r_squared = correlation². Attributes as in
-- gold.int_product_sales.
-- @inputs: gold.int_product_sales
-- @grain: one row per category, plus one for all products
-- @key: category
-- @tests: unique(category), not_null(category), range(correlation, -1.000001, 1.000001), range(products, 1, null)
SELECT
  CASE WHEN grouping(category) = 1 THEN 'all' ELSE category END AS category,
  count(*)::BIGINT AS products,
  avg(price)::DOUBLE AS avg_price,
  avg(rating)::DOUBLE AS avg_rating,
  nullif(corr(rating, price), 'NaN'::DOUBLE)::DOUBLE AS correlation,
  nullif(regr_slope(rating, price), 'NaN'::DOUBLE)::DOUBLE AS slope,
  nullif(regr_intercept(rating, price), 'NaN'::DOUBLE)::DOUBLE AS intercept,
  (nullif(corr(rating, price), 'NaN'::DOUBLE) ^ 2)::DOUBLE AS r_squared
FROM gold.int_product_sales
WHERE price IS NOT NULL AND rating IS NOT NULL
GROUP BY GROUPING SETS ((category), ())
