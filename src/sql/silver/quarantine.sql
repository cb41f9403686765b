-- Every rejected bronze row, from every source table, with its reason code and the raw row as text.
-- Reason codes: MISSING_KEY (business key empty), MISSING_FIELD (a required field empty),
-- SUPERSEDED (the key came again in a later batch: latest batch wins), DUPLICATE_KEY (the key
-- repeats within one batch; the first record is kept), BAD_TIMESTAMP, BAD_NUMBER, BAD_VALUE (not
-- an allowed value), OUT_OF_RANGE (seed rules: price 0-500, rating 1-5, quantity > 0, ...),
-- ORPHAN_FK (a line, payment or review of an order that is not an accepted order), INVALID_EMAIL.
-- @inputs:
-- @optional-inputs: silver.chk_demo_campaigns, silver.chk_demo_inventory, silver.chk_demo_loyalty, silver.chk_demo_order_channels,
--    silver.chk_demo_payment_status, silver.chk_demo_product_pricing, silver.chk_demo_returns, silver.chk_demo_session_events,
--    silver.chk_demo_sessions, silver.chk_demo_stock_movements, silver.chk_olist_category_translation, silver.chk_olist_customers,
--    silver.chk_olist_order_items, silver.chk_olist_order_payments, silver.chk_olist_order_reviews, silver.chk_olist_orders,
--    silver.chk_olist_products, silver.chk_olist_sellers, silver.chk_raw_customers, silver.chk_raw_order_items,
--    silver.chk_raw_orders, silver.chk_raw_products, silver.chk_seed000_products
-- @grain: one row per rejected bronze row
-- @key: _source_table, _batch_id, _row_number
-- @tests: unique(_source_table, _batch_id, _row_number), not_null(reason_code),
--    accepted_values(reason_code, ['MISSING_KEY', 'MISSING_FIELD', 'SUPERSEDED', 'DUPLICATE_KEY', 'BAD_TIMESTAMP', 'BAD_NUMBER', 'BAD_VALUE', 'OUT_OF_RANGE', 'ORPHAN_FK', 'INVALID_EMAIL'])
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_campaigns WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_inventory WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_loyalty WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_order_channels WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_payment_status WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_product_pricing WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_returns WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_session_events WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_sessions WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_demo_stock_movements WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_category_translation WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_customers WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_order_items WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_order_payments WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_order_reviews WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_orders WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_products WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_olist_sellers WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_raw_customers WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_raw_order_items WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_raw_orders WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_raw_products WHERE reason_code IS NOT NULL
UNION ALL
SELECT _source_table, _source_file, _row_number, _batch_id, _ingested_at, reason_code, detail, raw_row
FROM silver.chk_seed000_products WHERE reason_code IS NOT NULL
