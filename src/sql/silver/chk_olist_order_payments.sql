-- Every row of bronze.olist_order_payments, typed, with its rejection reason (NULL = accepted).
-- Key (order_id, payment_sequential). Zero-value payments (vouchers) and 0 installments are real
-- Olist rows: kept, flagged in silver.payments. A negative value or installment count is OUT_OF_RANGE;
-- a payment of an order that is not an accepted order is ORPHAN_FK.
-- @inputs: bronze.olist_order_payments, silver.chk_olist_orders
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_id), nz(payment_sequential)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_id), nz(payment_sequential), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_order_payments b
),
orders AS (SELECT DISTINCT order_id FROM silver.chk_olist_orders WHERE reason_code IS NULL),
checked AS (
  SELECT
    r.*,
    CASE
      WHEN nz(r.order_id) IS NULL OR to_int(r.payment_sequential) IS NULL
        THEN {'code': 'MISSING_KEY', 'detail': 'order_id or payment_sequential is empty or not a number'}
      WHEN r._batch_id < r.latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || r.latest_batch}
      WHEN r.copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': '(order_id, payment_sequential) repeated in the batch'}
      WHEN to_money(r.payment_value) IS NULL OR bad_int(r.payment_installments)
        THEN {'code': 'BAD_NUMBER', 'detail': 'payment_value or payment_installments is not a number'}
      WHEN to_money(r.payment_value) < 0 OR to_int(r.payment_installments) < 0
        THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative payment_value or payment_installments'}
      WHEN o.order_id IS NULL THEN {'code': 'ORPHAN_FK', 'detail': 'order_id ' || r.order_id || ' is not an accepted order'}
    END AS rejection
  FROM ranked r
  LEFT JOIN orders o ON o.order_id = nz(r.order_id)
)
SELECT
  'olist_order_payments' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_id': order_id, 'payment_sequential': payment_sequential, 'payment_type': payment_type,
   'payment_installments': payment_installments, 'payment_value': payment_value}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  to_int(payment_sequential) AS payment_sequential,
  coalesce(lower(nz(payment_type)), 'not_defined') AS payment_type,
  coalesce(to_int(payment_installments), 0) AS payment_installments,
  to_money(payment_value) AS payment_value
FROM checked
