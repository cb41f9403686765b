-- Return rate (seed 003) per product category and purchase month of the order: returned units
-- (silver.returns, category of the returned product) over units of delivered/completed orders
-- bought that month. return_rate_pct = returned_units / delivered_units × 100; NULL when nothing
-- was delivered (returns of orders that are not delivered still count in returned_units).
-- @inputs: silver.orders, silver.order_items, silver.returns
-- @optional-inputs: silver.products
-- @grain: one row per category and purchase month
-- @key: category, month
-- @tests: unique(category, month), not_null(month), range(returned_units, 0, null),
--    range(refund_amount, 0, null), range(return_rate_pct, 0, null)
WITH delivered AS (
  SELECT coalesce(p.category, 'unknown') AS category, date_trunc('month', o.order_date)::DATE AS month,
    sum(i.quantity)::BIGINT AS delivered_units, sum(i.line_total)::DOUBLE AS delivered_value
  FROM silver.order_items i
  JOIN silver.orders o ON o.order_id = i.order_id
  LEFT JOIN silver.products p ON p.product_id = i.product_id
  WHERE o.is_completed
  GROUP BY ALL
),
returned AS (
  SELECT coalesce(p.category, 'unknown') AS category, date_trunc('month', o.order_date)::DATE AS month,
    count(*)::BIGINT AS returned_units, sum(r.refund_amount)::DOUBLE AS refund_amount
  FROM silver.returns r
  JOIN silver.orders o ON o.order_id = r.order_id
  LEFT JOIN silver.products p ON p.product_id = r.product_id
  GROUP BY ALL
)
SELECT
  coalesce(d.category, r.category) AS category,
  coalesce(d.month, r.month) AS month,
  coalesce(d.delivered_units, 0) AS delivered_units,
  coalesce(d.delivered_value, 0)::DOUBLE AS delivered_value,
  coalesce(r.returned_units, 0) AS returned_units,
  coalesce(r.refund_amount, 0)::DOUBLE AS refund_amount,
  (100.0 * coalesce(r.returned_units, 0) / nullif(d.delivered_units, 0))::DOUBLE AS return_rate_pct
FROM delivered d
FULL JOIN returned r ON r.category = d.category AND r.month = d.month
