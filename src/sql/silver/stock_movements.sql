-- Accepted rows of bronze.demo_stock_movements (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_stock_movements
-- @grain: one row per stock movement
-- @key: movement_id
-- @tests: unique(movement_id), accepted_values(movement_type, ['in', 'out']), range(quantity, 1, null)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_stock_movements
WHERE reason_code IS NULL
