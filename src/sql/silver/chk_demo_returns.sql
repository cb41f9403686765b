-- Every row of bronze.demo_returns (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key return_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_returns
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(return_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(return_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_returns b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(return_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'return_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'return_id repeated in the batch'}
      WHEN nz(order_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'order_id is empty'}
      WHEN to_ts(return_timestamp) IS NULL THEN {'code': 'BAD_TIMESTAMP', 'detail': 'return_timestamp is empty or does not parse'}
      WHEN bad_num(refund_amount) OR bad_int(order_item_id) THEN {'code': 'BAD_NUMBER', 'detail': 'refund_amount or order_item_id is not a number'}
      WHEN to_money(refund_amount) < 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative refund_amount'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_returns' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'return_id': return_id, 'order_id': order_id, 'order_item_id': order_item_id, 'product_id': product_id, 'return_reason': return_reason, 'return_timestamp': return_timestamp, 'refund_amount': refund_amount}::VARCHAR AS raw_row,
  nz(return_id) AS return_id,
  nz(order_id) AS order_id,
  to_int(order_item_id) AS order_item_id,
  nz(product_id) AS product_id,
  lower(nz(return_reason)) AS return_reason,
  to_ts(return_timestamp) AS returned_at,
  coalesce(to_money(refund_amount), 0) AS refund_amount
FROM checked
