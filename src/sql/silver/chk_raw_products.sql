-- Every row of the tutorial's raw_products (seed 002), typed, with its rejection reason.
-- Prices DECIMAL(18,2); a list price of 0 is kept (margin % then NULL).
-- @inputs: bronze.raw_products
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(product_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(product_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.raw_products b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(product_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'product_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'product_id repeated in the batch'}
      WHEN bad_num(cost_price) OR bad_num(list_price) THEN {'code': 'BAD_NUMBER', 'detail': 'cost_price or list_price is not a number'}
      WHEN to_money(cost_price) < 0 OR to_money(list_price) < 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative price'}
    END AS rejection
  FROM ranked
)
SELECT
  'raw_products' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'product_id': product_id, 'product_name': product_name, 'category': category,
   'cost_price': cost_price, 'list_price': list_price}::VARCHAR AS raw_row,
  nz(product_id) AS product_id,
  trim(product_name) AS product_name,
  category AS category_source,
  to_money(cost_price) AS cost_price,
  to_money(list_price) AS list_price
FROM checked
