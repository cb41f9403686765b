-- Every row of bronze.demo_stock_movements (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key movement_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_stock_movements
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(movement_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(movement_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_stock_movements b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(movement_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'movement_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'movement_id repeated in the batch'}
      WHEN nz(warehouse_id) IS NULL OR nz(product_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'warehouse_id or product_id is empty'}
      WHEN lower(nz(movement_type)) NOT IN ('in', 'out') OR nz(movement_type) IS NULL THEN {'code': 'BAD_VALUE', 'detail': 'movement_type must be in or out'}
      WHEN to_int(quantity) IS NULL THEN {'code': 'BAD_NUMBER', 'detail': 'quantity is not a whole number'}
      WHEN to_int(quantity) <= 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'quantity must be > 0'}
      WHEN to_ts(movement_timestamp) IS NULL THEN {'code': 'BAD_TIMESTAMP', 'detail': 'movement_timestamp is empty or does not parse'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_stock_movements' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'movement_id': movement_id, 'warehouse_id': warehouse_id, 'product_id': product_id, 'movement_type': movement_type, 'quantity': quantity, 'movement_timestamp': movement_timestamp, 'reason': reason, 'order_id': order_id}::VARCHAR AS raw_row,
  nz(movement_id) AS movement_id,
  nz(warehouse_id) AS warehouse_id,
  nz(product_id) AS product_id,
  lower(nz(movement_type)) AS movement_type,
  to_int(quantity)::INTEGER AS quantity,
  to_ts(movement_timestamp) AS movement_at,
  lower(nz(reason)) AS reason,
  nz(order_id) AS order_id
FROM checked
