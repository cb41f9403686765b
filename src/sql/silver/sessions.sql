-- Accepted rows of bronze.demo_sessions (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_sessions
-- @grain: one row per session
-- @key: session_id
-- @tests: unique(session_id), expect(session_end IS NULL OR session_end >= session_start)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_sessions
WHERE reason_code IS NULL
