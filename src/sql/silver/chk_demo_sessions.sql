-- Every row of bronze.demo_sessions (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key session_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_sessions
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(session_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(session_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_sessions b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(session_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'session_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'session_id repeated in the batch'}
      WHEN nz(session_start) IS NULL OR bad_ts(session_start) OR bad_ts(session_end)
        THEN {'code': 'BAD_TIMESTAMP', 'detail': 'session_start is empty or a timestamp does not parse'}
      WHEN to_ts(session_end) < to_ts(session_start) THEN {'code': 'OUT_OF_RANGE', 'detail': 'session ends before it starts'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_sessions' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'session_id': session_id, 'customer_unique_id': customer_unique_id, 'sales_channel': sales_channel, 'device': device, 'campaign_id': campaign_id, 'session_start': session_start, 'session_end': session_end}::VARCHAR AS raw_row,
  nz(session_id) AS session_id,
  nz(customer_unique_id) AS customer_unique_id,
  lower(nz(sales_channel)) AS sales_channel,
  lower(nz(device)) AS device,
  nz(campaign_id) AS campaign_id,
  to_ts(session_start) AS session_start,
  to_ts(session_end) AS session_end
FROM checked
