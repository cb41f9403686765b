-- Sellers (Olist). City lower case, state upper case, zip prefix 5 digits.
-- @inputs: silver.chk_olist_sellers
-- @grain: one row per seller
-- @key: seller_id
-- @tests: not_null(seller_id), unique(seller_id)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_olist_sellers
WHERE reason_code IS NULL
