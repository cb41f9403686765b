-- Accepted rows of bronze.demo_inventory (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_inventory
-- @grain: one row per warehouse and product (latest snapshot)
-- @key: warehouse_id, product_id
-- @tests: unique(warehouse_id, product_id), range(stock_on_hand, 0, null)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_inventory
WHERE reason_code IS NULL
