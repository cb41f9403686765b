-- Accepted rows of bronze.demo_returns (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_returns
-- @grain: one row per returned item
-- @key: return_id
-- @tests: unique(return_id), range(refund_amount, 0, null), relationships(order_id, silver.orders.order_id)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_returns
WHERE reason_code IS NULL
