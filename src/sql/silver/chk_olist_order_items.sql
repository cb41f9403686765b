-- Every row of bronze.olist_order_items, typed, with its rejection reason (NULL = accepted).
-- Key (order_id, order_item_id); each row is one unit (quantity 1), so line_total = price.
-- Rejected: missing key, superseded/duplicate key, price or freight not a number or negative,
-- a bad shipping_limit_date, or an order_id that is not an accepted order (ORPHAN_FK).
-- Unknown product or seller ids are kept (the relationships tests on silver.order_items report them).
-- @inputs: bronze.olist_order_items, silver.chk_olist_orders
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_id), nz(order_item_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_id), nz(order_item_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_order_items b
),
orders AS (SELECT DISTINCT order_id FROM silver.chk_olist_orders WHERE reason_code IS NULL),
checked AS (
  SELECT
    r.*,
    CASE
      WHEN nz(r.order_id) IS NULL OR to_int(r.order_item_id) IS NULL
        THEN {'code': 'MISSING_KEY', 'detail': 'order_id or order_item_id is empty or not a number'}
      WHEN r._batch_id < r.latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || r.latest_batch}
      WHEN r.copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': '(order_id, order_item_id) repeated in the batch'}
      WHEN nz(r.product_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'product_id is empty'}
      WHEN to_money(r.price) IS NULL OR bad_num(r.freight_value)
        THEN {'code': 'BAD_NUMBER', 'detail': 'price or freight_value is not a number'}
      WHEN to_money(r.price) < 0 OR to_money(r.freight_value) < 0
        THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative price or freight_value'}
      WHEN bad_ts(r.shipping_limit_date) THEN {'code': 'BAD_TIMESTAMP', 'detail': 'shipping_limit_date does not parse'}
      WHEN o.order_id IS NULL THEN {'code': 'ORPHAN_FK', 'detail': 'order_id ' || r.order_id || ' is not an accepted order'}
    END AS rejection
  FROM ranked r
  LEFT JOIN orders o ON o.order_id = nz(r.order_id)
)
SELECT
  'olist_order_items' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_id': order_id, 'order_item_id': order_item_id, 'product_id': product_id, 'seller_id': seller_id,
   'shipping_limit_date': shipping_limit_date, 'price': price, 'freight_value': freight_value}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  to_int(order_item_id) AS order_item_id,
  nz(product_id) AS product_id,
  nz(seller_id) AS seller_id,
  1 AS quantity,
  to_money(price) AS unit_price,
  to_money(price) AS line_total,
  coalesce(to_money(freight_value), 0) AS freight_value,
  to_ts(shipping_limit_date) AS shipping_limit_at
FROM checked
