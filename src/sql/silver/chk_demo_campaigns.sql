-- Every row of bronze.demo_campaigns (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key campaign_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_campaigns
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(campaign_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(campaign_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_campaigns b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(campaign_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'campaign_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'campaign_id repeated in the batch'}
      WHEN to_money(budget) IS NULL THEN {'code': 'BAD_NUMBER', 'detail': 'budget is empty or not a number'}
      WHEN to_money(budget) < 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative budget'}
      WHEN to_ts(start_date) IS NULL OR to_ts(end_date) IS NULL THEN {'code': 'BAD_TIMESTAMP', 'detail': 'start_date or end_date is empty or does not parse'}
      WHEN to_ts(end_date) < to_ts(start_date) THEN {'code': 'OUT_OF_RANGE', 'detail': 'end_date before start_date'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_campaigns' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'campaign_id': campaign_id, 'campaign_name': campaign_name, 'marketing_channel': marketing_channel, 'budget': budget, 'start_date': start_date, 'end_date': end_date}::VARCHAR AS raw_row,
  nz(campaign_id) AS campaign_id,
  trim(campaign_name) AS campaign_name,
  lower(nz(marketing_channel)) AS marketing_channel,
  to_money(budget) AS budget,
  to_ts(start_date)::DATE AS start_date,
  to_ts(end_date)::DATE AS end_date
FROM checked
