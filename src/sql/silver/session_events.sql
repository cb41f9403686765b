-- Accepted rows of bronze.demo_session_events (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_session_events
-- @grain: one row per clickstream event
-- @key: event_id
-- @tests: unique(event_id), accepted_values(event_type, ['view', 'search', 'add_to_cart', 'checkout', 'purchase']), relationships(session_id, silver.sessions.session_id)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_session_events
WHERE reason_code IS NULL
