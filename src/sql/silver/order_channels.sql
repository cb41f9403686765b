-- Accepted rows of bronze.demo_order_channels (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_order_channels
-- @grain: one row per order
-- @key: order_id
-- @tests: unique(order_id), accepted_values(sales_channel, ['website', 'shopee', 'lazada', 'tiki']), relationships(order_id, silver.orders.order_id)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_order_channels
WHERE reason_code IS NULL
