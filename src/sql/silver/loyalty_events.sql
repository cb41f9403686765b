-- Accepted rows of bronze.demo_loyalty (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_loyalty
-- @grain: one row per loyalty event (an order earning points)
-- @key: customer_unique_id, order_id
-- @tests: unique(customer_unique_id, order_id), accepted_values(tier, ['Bronze', 'Silver', 'Gold', 'Platinum'])
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_loyalty
WHERE reason_code IS NULL
