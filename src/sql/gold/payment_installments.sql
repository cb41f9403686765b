-- Installments distribution per payment type: payments and value per number of installments
-- (installments_effective: 0 read as 1). share_of_type_pct = the row's share of the type's payments.
-- @inputs: silver.payments
-- @grain: one row per payment type and number of installments
-- @key: payment_type, installments
-- @tests: unique(payment_type, installments), range(installments, 1, null),
--    range(share_of_type_pct, 0, 100.000001)
SELECT
  payment_type,
  installments_effective::BIGINT AS installments,
  count(*)::BIGINT AS payments,
  sum(payment_value)::DOUBLE AS payment_value,
  (100.0 * count(*) / sum(count(*)) OVER (PARTITION BY payment_type))::DOUBLE AS share_of_type_pct
FROM silver.payments
GROUP BY payment_type, installments_effective
