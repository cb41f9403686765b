-- Orders from every format, with seed 002's calendar columns and completion flag and the facts
-- the gold models need per order. is_completed: Olist 'delivered', tutorial 'completed'.
-- Kept and flagged on purpose: orders without items (has_items = false; GMV 0), orders without a
-- payment (has_payment), delivered orders missing a delivery date (is_delivered_missing_date).
-- shipping_cost: tutorial's order shipping cost; Olist's sum of line freight.
-- gmv = items_value + shipping_cost (Olist: price + freight). customer_unique_id is the person.
-- @inputs:
-- @optional-inputs: silver.chk_olist_orders, silver.chk_raw_orders, silver.order_items,
--    silver.payments, silver.customers, silver.order_channels
-- @grain: one row per order
-- @key: order_id
-- @tests: not_null(order_id), unique(order_id), not_null(purchased_at), range(gmv, 0, null),
--    relationships(customer_id, silver.customers.customer_id),
--    expect(NOT is_completed OR order_status IN ('delivered', 'completed'))
WITH base AS (
  SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at), 'olist' AS source_format
  FROM silver.chk_olist_orders WHERE reason_code IS NULL
  UNION ALL
  SELECT * EXCLUDE (reason_code, detail, raw_row, _ingested_at), 'tutorial'
  FROM silver.chk_raw_orders WHERE reason_code IS NULL
),
items AS (
  SELECT order_id, count(*)::BIGINT AS item_rows, sum(quantity)::BIGINT AS units,
    sum(line_total) AS items_value, sum(freight_value) AS freight_value,
    count(DISTINCT product_id)::BIGINT AS distinct_products
  FROM silver.order_items GROUP BY order_id
),
paid AS (
  SELECT order_id, sum(payment_value) AS payment_value, count(*)::BIGINT AS payment_rows
  FROM silver.payments GROUP BY order_id
)
SELECT
  b.order_id, b.customer_id, coalesce(c.customer_unique_id, b.customer_id) AS customer_unique_id,
  b.order_status, b.order_status IN ('delivered', 'completed') AS is_completed,
  b.purchased_at, b.purchased_at::DATE AS order_date,
  year(b.purchased_at)::INTEGER AS order_year, month(b.purchased_at)::INTEGER AS order_month,
  quarter(b.purchased_at)::INTEGER AS order_quarter, dayname(b.purchased_at) AS order_day_of_week,
  b.approved_at, b.delivered_carrier_at, b.delivered_customer_at, b.estimated_delivery_at,
  b.order_status = 'delivered' AND b.delivered_customer_at IS NULL AS is_delivered_missing_date,
  coalesce(i.item_rows, 0) AS item_rows, coalesce(i.units, 0) AS units,
  coalesce(i.distinct_products, 0) AS distinct_products,
  coalesce(i.items_value, 0)::DECIMAL(18, 2) AS items_value,
  coalesce(CASE WHEN b.source_format = 'olist' THEN i.freight_value ELSE b.shipping_cost END, 0)::DECIMAL(18, 2) AS shipping_cost,
  (coalesce(i.items_value, 0) + coalesce(CASE WHEN b.source_format = 'olist' THEN i.freight_value ELSE b.shipping_cost END, 0))::DECIMAL(18, 2) AS gmv,
  i.order_id IS NOT NULL AS has_items,
  p.order_id IS NOT NULL AS has_payment,
  coalesce(p.payment_value, 0)::DECIMAL(18, 2) AS payment_value,
  coalesce(ch.sales_channel, 'unknown') AS sales_channel,
  coalesce(ch.device, 'unknown') AS device,
  ch.session_id, ch.campaign_id,
  b.source_format, b._source_table, b._source_file, b._row_number, b._batch_id
FROM base b
LEFT JOIN items i ON i.order_id = b.order_id
LEFT JOIN paid p ON p.order_id = b.order_id
LEFT JOIN silver.customers c ON c.customer_id = b.customer_id
LEFT JOIN silver.order_channels ch ON ch.order_id = b.order_id
