-- Order lines from every format. Olist: one row per unit (quantity 1, line_total = price,
-- freight per line). Tutorial (seed 002): quantity > 0, line_total = quantity * unit_price,
-- freight 0 (its shipping cost is per order, in silver.orders.shipping_cost).
-- @inputs:
-- @optional-inputs: silver.chk_olist_order_items, silver.chk_raw_order_items
-- @grain: one row per order line
-- @key: order_id, order_item_id
-- @tests: unique(order_id, order_item_id), not_null(product_id), range(quantity, 1, null),
--    range(line_total, 0, null), range(freight_value, 0, null), expect(line_total = quantity * unit_price),
--    relationships(product_id, silver.products.product_id), relationships(seller_id, silver.sellers.seller_id)
SELECT
  order_id, order_item_id, product_id, seller_id, quantity::INTEGER AS quantity, unit_price, line_total,
  freight_value, shipping_limit_at, 'olist' AS source_format, _source_table, _source_file, _row_number, _batch_id
FROM silver.chk_olist_order_items
WHERE reason_code IS NULL
UNION ALL
SELECT
  order_id, order_item_id, product_id, seller_id, quantity, unit_price, line_total,
  freight_value, shipping_limit_at, 'tutorial', _source_table, _source_file, _row_number, _batch_id
FROM silver.chk_raw_order_items
WHERE reason_code IS NULL
