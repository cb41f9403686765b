-- Reviews (Olist). Key (review_id, order_id): one review can cover several orders.
-- @inputs: silver.chk_olist_order_reviews
-- @grain: one row per review and order
-- @key: review_id, order_id
-- @tests: unique(review_id, order_id), range(review_score, 1, 5), relationships(order_id, silver.orders.order_id)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_olist_order_reviews
WHERE reason_code IS NULL
