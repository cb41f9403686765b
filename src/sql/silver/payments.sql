-- Payments (Olist), with the demo payment status when loaded.
-- Kept on purpose: zero-value payments (vouchers; is_zero_value) and 0 installments
-- (installments_effective = greatest(installments, 1)); payment_type 'not_defined' stays.
-- @inputs: silver.chk_olist_order_payments
-- @optional-inputs: silver.payment_status
-- @grain: one row per payment
-- @key: order_id, payment_sequential
-- @tests: unique(order_id, payment_sequential), range(payment_value, 0, null),
--    accepted_values(payment_type, ['credit_card', 'boleto', 'voucher', 'debit_card', 'not_defined']),
--    relationships(order_id, silver.orders.order_id)
SELECT
  p.order_id, p.payment_sequential, p.payment_type, p.payment_installments,
  greatest(p.payment_installments, 1) AS installments_effective,
  p.payment_value, p.payment_value = 0 AS is_zero_value,
  coalesce(s.payment_status, 'approved') AS payment_status,
  s.payment_status IS NOT NULL AS has_status_record,
  coalesce(s.attempt_count, 1) AS attempt_count,
  p._source_table, p._source_file, p._row_number, p._batch_id
FROM silver.chk_olist_order_payments p
LEFT JOIN silver.payment_status s
  ON s.order_id = p.order_id AND s.payment_sequential = p.payment_sequential
WHERE p.reason_code IS NULL
