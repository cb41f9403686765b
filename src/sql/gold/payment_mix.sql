-- Payment mix (seed 001/003) per payment type, over all payment rows (any order status).
-- value_share_pct = the type's share of the paid value; order_share_pct = orders paying (partly)
-- with the type over all paid orders, so it sums to more than 100 when orders mix types
-- (vouchers). avg_installments over installments_effective (0 read as 1); the distribution is
-- gold.payment_installments.
-- @inputs: silver.payments
-- @grain: one row per payment type
-- @key: payment_type
-- @tests: unique(payment_type), not_null(payment_type), range(value_share_pct, 0, 100.000001),
--    range(order_share_pct, 0, 100.000001), range(payment_value, 0, null)
SELECT
  payment_type,
  count(DISTINCT order_id)::BIGINT AS orders,
  count(*)::BIGINT AS payments,
  sum(payment_value)::DOUBLE AS payment_value,
  avg(payment_value)::DOUBLE AS avg_payment_value,
  (100 * sum(payment_value) / nullif(sum(sum(payment_value)) OVER (), 0))::DOUBLE AS value_share_pct,
  (100.0 * count(DISTINCT order_id) / (SELECT count(DISTINCT order_id) FROM silver.payments))::DOUBLE AS order_share_pct,
  avg(installments_effective)::DOUBLE AS avg_installments,
  max(installments_effective)::BIGINT AS max_installments,
  count(*) FILTER (WHERE is_zero_value)::BIGINT AS zero_value_payments
FROM silver.payments
GROUP BY payment_type
