-- Accepted rows of bronze.demo_payment_status (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_payment_status
-- @grain: one row per payment
-- @key: order_id, payment_sequential
-- @tests: unique(order_id, payment_sequential)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_payment_status
WHERE reason_code IS NULL
