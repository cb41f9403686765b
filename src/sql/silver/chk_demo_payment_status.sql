-- Every row of bronze.demo_payment_status (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key (order_id, payment_sequential); latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_payment_status
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_id), nz(payment_sequential)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_id), nz(payment_sequential), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_payment_status b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(order_id) IS NULL OR nz(payment_sequential) IS NULL THEN {'code': 'MISSING_KEY', 'detail': '(order_id, payment_sequential) is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': '(order_id, payment_sequential) repeated in the batch'}
      WHEN bad_int(attempt_count) THEN {'code': 'BAD_NUMBER', 'detail': 'attempt_count is not a number'}
      WHEN bad_ts(status_timestamp) THEN {'code': 'BAD_TIMESTAMP', 'detail': 'status_timestamp does not parse'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_payment_status' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_id': order_id, 'payment_sequential': payment_sequential, 'payment_status': payment_status, 'attempt_count': attempt_count, 'status_timestamp': status_timestamp}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  to_int(payment_sequential) AS payment_sequential,
  lower(nz(payment_status)) AS payment_status,
  coalesce(to_int(attempt_count), 1)::INTEGER AS attempt_count,
  to_ts(status_timestamp) AS status_at
FROM checked
