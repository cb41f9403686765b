-- Accepted rows of bronze.demo_product_pricing (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_product_pricing
-- @grain: one row per product
-- @key: product_id
-- @tests: not_null(product_id), unique(product_id), range(price, 0, null), range(discount_percentage, 0, 100), range(rating, 1, 5)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_product_pricing
WHERE reason_code IS NULL
