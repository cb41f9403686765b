-- Every row of the tutorial's raw_orders (seed 002), typed, with its rejection reason.
-- status lower(trim); shipping_cost DECIMAL(18,2) (empty = 0); order_date required.
-- @inputs: bronze.raw_orders
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.raw_orders b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(order_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'order_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'order_id repeated in the batch'}
      WHEN nz(customer_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'customer_id is empty'}
      WHEN nz(order_date) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'order_date is empty'}
      WHEN bad_ts(order_date) THEN {'code': 'BAD_TIMESTAMP', 'detail': 'order_date does not parse'}
      WHEN bad_num(shipping_cost) THEN {'code': 'BAD_NUMBER', 'detail': 'shipping_cost is not a number'}
      WHEN to_money(shipping_cost) < 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative shipping_cost'}
    END AS rejection
  FROM ranked
)
SELECT
  'raw_orders' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_id': order_id, 'customer_id': customer_id, 'order_date': order_date, 'status': status,
   'shipping_cost': shipping_cost}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  nz(customer_id) AS customer_id,
  lower(nz(status)) AS order_status,
  to_ts(order_date) AS purchased_at,
  NULL::TIMESTAMP AS approved_at,
  NULL::TIMESTAMP AS delivered_carrier_at,
  NULL::TIMESTAMP AS delivered_customer_at,
  NULL::TIMESTAMP AS estimated_delivery_at,
  coalesce(to_money(shipping_cost), 0) AS shipping_cost
FROM checked
