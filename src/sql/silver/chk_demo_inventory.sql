-- Every row of bronze.demo_inventory (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key (warehouse_id, product_id); latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_inventory
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(warehouse_id), nz(product_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(warehouse_id), nz(product_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_inventory b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(warehouse_id) IS NULL OR nz(product_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': '(warehouse_id, product_id) is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': '(warehouse_id, product_id) repeated in the batch'}
      WHEN to_int(safety_stock) IS NULL OR to_int(reorder_point) IS NULL OR bad_int(initial_stock) OR to_int(stock_on_hand) IS NULL
        THEN {'code': 'BAD_NUMBER', 'detail': 'a stock level is not a whole number'}
      WHEN least(to_int(safety_stock), to_int(reorder_point), to_int(stock_on_hand)) < 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'a negative stock level'}
      WHEN bad_ts(snapshot_timestamp) THEN {'code': 'BAD_TIMESTAMP', 'detail': 'snapshot_timestamp does not parse'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_inventory' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'warehouse_id': warehouse_id, 'warehouse_state': warehouse_state, 'product_id': product_id, 'safety_stock': safety_stock, 'reorder_point': reorder_point, 'initial_stock': initial_stock, 'stock_on_hand': stock_on_hand, 'snapshot_timestamp': snapshot_timestamp}::VARCHAR AS raw_row,
  nz(warehouse_id) AS warehouse_id,
  upper(nz(warehouse_state)) AS warehouse_state,
  nz(product_id) AS product_id,
  to_int(safety_stock)::INTEGER AS safety_stock,
  to_int(reorder_point)::INTEGER AS reorder_point,
  to_int(initial_stock)::INTEGER AS initial_stock,
  to_int(stock_on_hand)::INTEGER AS stock_on_hand,
  to_ts(snapshot_timestamp) AS snapshot_at
FROM checked
