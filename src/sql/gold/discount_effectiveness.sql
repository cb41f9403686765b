-- Seed 000 discount effectiveness: products grouped into discount bands (0 %, then 10-point bands
-- (0,10], (10,20] … (40,50], and > 50 %), overall (category 'all') and per category.
-- avg_units_per_product = units_sold / products; uplift_pct = how much more a product of the band
-- sold than an undiscounted product of the same category (or overall):
-- (avg_units_per_product / avg_units_per_product of the 0 % band − 1) × 100; NULL without a 0 % band.
-- Units and revenue as in gold.int_product_sales (whole period, any status).
-- @inputs: gold.int_product_sales
-- @grain: one row per category (or 'all') and discount band
-- @key: category, discount_band
-- @tests: unique(category, discount_band), not_null(discount_band),
--    accepted_values(discount_band, ['0%', '1-10%', '11-20%', '21-30%', '31-40%', '41-50%', '>50%']),
--    range(products, 1, null), range(units_sold, 0, null)
WITH banded AS (
  SELECT
    *,
    CASE
      WHEN discount_percentage = 0 THEN 0
      WHEN discount_percentage > 50 THEN 6
      ELSE ceil(discount_percentage / 10)::INTEGER
    END AS band_order
  FROM gold.int_product_sales
),
bands AS (
  SELECT
    CASE WHEN grouping(category) = 1 THEN 'all' ELSE category END AS category, band_order,
    count(*)::BIGINT AS products,
    sum(units_sold)::DOUBLE AS units_sold,
    sum(revenue)::DOUBLE AS revenue,
    avg(discount_percentage)::DOUBLE AS avg_discount_percentage,
    (sum(units_sold) / count(*))::DOUBLE AS avg_units_per_product,
    (sum(revenue) / count(*))::DOUBLE AS avg_revenue_per_product
  FROM banded
  GROUP BY GROUPING SETS ((category, band_order), (band_order))
)
SELECT
  category,
  CASE band_order WHEN 0 THEN '0%' WHEN 6 THEN '>50%'
    ELSE (band_order * 10 - 9)::VARCHAR || '-' || (band_order * 10)::VARCHAR || '%' END AS discount_band,
  band_order, products, units_sold, revenue, avg_discount_percentage, avg_units_per_product,
  avg_revenue_per_product,
  ((avg_units_per_product / nullif(max(avg_units_per_product) FILTER (WHERE band_order = 0)
    OVER (PARTITION BY category), 0) - 1) * 100)::DOUBLE AS uplift_pct
FROM bands
