-- Every row of the tutorial's raw_order_items (seed 002), typed, with its rejection reason.
-- Seed 002 keeps quantity > 0 only (OUT_OF_RANGE otherwise); line_total = quantity * unit_price.
-- An item of an order that is not an accepted raw order is ORPHAN_FK.
-- @inputs: bronze.raw_order_items, silver.chk_raw_orders
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_item_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_item_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.raw_order_items b
),
orders AS (SELECT DISTINCT order_id FROM silver.chk_raw_orders WHERE reason_code IS NULL),
checked AS (
  SELECT
    r.*,
    CASE
      WHEN to_int(r.order_item_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'order_item_id is empty or not a number'}
      WHEN r._batch_id < r.latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || r.latest_batch}
      WHEN r.copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'order_item_id repeated in the batch'}
      WHEN nz(r.order_id) IS NULL OR nz(r.product_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'order_id or product_id is empty'}
      WHEN to_int(r.quantity) IS NULL OR to_money(r.unit_price) IS NULL
        THEN {'code': 'BAD_NUMBER', 'detail': 'quantity or unit_price is not a number'}
      WHEN to_int(r.quantity) <= 0 OR to_money(r.unit_price) < 0
        THEN {'code': 'OUT_OF_RANGE', 'detail': 'quantity must be > 0 and unit_price >= 0'}
      WHEN o.order_id IS NULL THEN {'code': 'ORPHAN_FK', 'detail': 'order_id ' || r.order_id || ' is not an accepted order'}
    END AS rejection
  FROM ranked r
  LEFT JOIN orders o ON o.order_id = nz(r.order_id)
)
SELECT
  'raw_order_items' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_item_id': order_item_id, 'order_id': order_id, 'product_id': product_id,
   'quantity': quantity, 'unit_price': unit_price}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  to_int(order_item_id) AS order_item_id,
  nz(product_id) AS product_id,
  NULL::VARCHAR AS seller_id,
  to_int(quantity)::INTEGER AS quantity,
  to_money(unit_price) AS unit_price,
  (to_int(quantity) * to_money(unit_price))::DECIMAL(18, 2) AS line_total,
  0::DECIMAL(18, 2) AS freight_value,
  NULL::TIMESTAMP AS shipping_limit_at
FROM checked
