-- The product dimension from every format.
-- category: one snake_case key for all formats (category_key). Olist: the English name from the
-- translation file; an untranslated Portuguese name is kept as is (category_translated = false);
-- a product without a category gets 'unknown'. Prices, discount, rating and review count come
-- from demo_product_pricing when it is loaded (NULL otherwise).
-- Tutorial (seed 002): product_name trim, price = list_price, profit_margin = list - cost,
-- profit_margin_pct = margin / list * 100. Seed 000: price, rating, reviews, stock, discount, sales.
-- @inputs:
-- @optional-inputs: silver.chk_olist_products, silver.chk_olist_category_translation,
--    silver.product_pricing, silver.chk_raw_products, silver.chk_seed000_products
-- @grain: one row per product
-- @key: product_id
-- @tests: not_null(product_id), unique(product_id), not_null(category), range(price, 0, null),
--    range(rating, 1, 5), range(discount_percentage, 0, 100)
WITH translation AS (
  SELECT category_pt, category_en FROM silver.chk_olist_category_translation WHERE reason_code IS NULL
),
unified AS (
  SELECT
    p.product_id, NULL::VARCHAR AS product_name,
    coalesce(t.category_en, category_key(p.category_pt), 'unknown') AS category,
    p.category_pt AS category_source,
    p.category_pt IS NULL OR t.category_en IS NOT NULL AS category_translated,
    pr.cost_price, pr.list_price, pr.price, pr.discount_percentage, pr.rating, pr.num_reviews,
    NULL::INTEGER AS stock_quantity, NULL::DOUBLE AS reported_sales, NULL::DATE AS date_added,
    p.weight_g, p.photos_qty, 'olist' AS source_format, p._source_table, p._batch_id
  FROM silver.chk_olist_products p
  LEFT JOIN translation t ON t.category_pt = p.category_pt
  LEFT JOIN silver.product_pricing pr ON pr.product_id = p.product_id
  WHERE p.reason_code IS NULL
  UNION ALL
  SELECT
    product_id, product_name, coalesce(category_key(category_source), 'unknown'), category_source, true,
    cost_price, list_price, list_price, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    'tutorial', _source_table, _batch_id
  FROM silver.chk_raw_products WHERE reason_code IS NULL
  UNION ALL
  SELECT
    product_id, product_name, coalesce(category_key(category_source), 'unknown'), category_source, true,
    NULL, CASE WHEN discount_percentage < 100 THEN price / (1 - discount_percentage / 100) END, price,
    discount_percentage, rating, num_reviews, stock_quantity, reported_sales, date_added, NULL, NULL,
    'seed000', _source_table, _batch_id
  FROM silver.chk_seed000_products WHERE reason_code IS NULL
)
SELECT
  * EXCLUDE (list_price),
  list_price::DECIMAL(18, 2) AS list_price,
  initcap(replace(category, '_', ' ')) AS category_display,
  (list_price - cost_price)::DECIMAL(18, 2) AS profit_margin,
  round((list_price - cost_price) / nullif(list_price, 0) * 100, 2)::DOUBLE AS profit_margin_pct
FROM unified
