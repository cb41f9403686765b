-- Every row of bronze.olist_orders, typed, with the reason it is rejected (NULL = accepted).
-- silver.orders takes the accepted rows, silver.quarantine the others.
-- Latest batch wins: an order_id seen again in a later batch supersedes the older row (SUPERSEDED);
-- twice in one batch, the first record is kept (DUPLICATE_KEY).
-- Empty approval/carrier/delivery timestamps are normal (unapproved, undelivered orders): kept as NULL.
-- A delivered order without a delivery date is kept and flagged (is_delivered_missing_date).
-- An unparseable non-empty timestamp rejects the row (BAD_TIMESTAMP); so does an empty purchase time
-- (MISSING_FIELD), because every time-based metric needs it.
-- @inputs: bronze.olist_orders
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: not_null(_row_number), unique(_batch_id, _row_number),
--    accepted_values(reason_code, ['MISSING_KEY', 'MISSING_FIELD', 'SUPERSEDED', 'DUPLICATE_KEY', 'BAD_TIMESTAMP', 'BAD_VALUE'])
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_orders b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(order_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'order_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'order_id repeated in the batch'}
      WHEN nz(customer_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'customer_id is empty'}
      WHEN nz(order_purchase_timestamp) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'order_purchase_timestamp is empty'}
      WHEN bad_ts(order_purchase_timestamp) OR bad_ts(order_approved_at) OR bad_ts(order_delivered_carrier_date)
        OR bad_ts(order_delivered_customer_date) OR bad_ts(order_estimated_delivery_date)
        THEN {'code': 'BAD_TIMESTAMP', 'detail': 'a timestamp does not parse'}
      WHEN lower(nz(order_status)) NOT IN ('delivered', 'shipped', 'canceled', 'unavailable', 'invoiced', 'processing', 'created', 'approved')
        OR nz(order_status) IS NULL
        THEN {'code': 'BAD_VALUE', 'detail': 'unknown order_status ' || coalesce(order_status, 'NULL')}
    END AS rejection
  FROM ranked
)
SELECT
  'olist_orders' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_id': order_id, 'customer_id': customer_id, 'order_status': order_status,
   'order_purchase_timestamp': order_purchase_timestamp, 'order_approved_at': order_approved_at,
   'order_delivered_carrier_date': order_delivered_carrier_date,
   'order_delivered_customer_date': order_delivered_customer_date,
   'order_estimated_delivery_date': order_estimated_delivery_date}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  nz(customer_id) AS customer_id,
  lower(nz(order_status)) AS order_status,
  to_ts(order_purchase_timestamp) AS purchased_at,
  to_ts(order_approved_at) AS approved_at,
  to_ts(order_delivered_carrier_date) AS delivered_carrier_at,
  to_ts(order_delivered_customer_date) AS delivered_customer_at,
  to_ts(order_estimated_delivery_date) AS estimated_delivery_at,
  NULL::DECIMAL(18, 2) AS shipping_cost
FROM checked
