-- Accepted rows of bronze.demo_campaigns (rejected ones are in silver.quarantine).
-- @inputs: silver.chk_demo_campaigns
-- @grain: one row per campaign
-- @key: campaign_id
-- @tests: unique(campaign_id), range(budget, 0, null), expect(end_date >= start_date)
SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at)
FROM silver.chk_demo_campaigns
WHERE reason_code IS NULL
