-- Every row of bronze.olist_products, typed, with its rejection reason (NULL = accepted).
-- A product without a category is kept (category 'unknown' in silver.products). Measures that
-- do not parse or are negative reject the row. Column names keep Olist's misspelling (lenght).
-- @inputs: bronze.olist_products
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(product_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(product_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_products b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(product_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'product_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'product_id repeated in the batch'}
      WHEN bad_num(product_name_lenght) OR bad_num(product_description_lenght) OR bad_num(product_photos_qty)
        OR bad_num(product_weight_g) OR bad_num(product_length_cm) OR bad_num(product_height_cm) OR bad_num(product_width_cm)
        THEN {'code': 'BAD_NUMBER', 'detail': 'a measure is not a number'}
      WHEN least(to_num(product_weight_g), to_num(product_length_cm), to_num(product_height_cm), to_num(product_width_cm), to_num(product_photos_qty)) < 0
        THEN {'code': 'OUT_OF_RANGE', 'detail': 'a negative measure'}
    END AS rejection
  FROM ranked
)
SELECT
  'olist_products' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'product_id': product_id, 'product_category_name': product_category_name,
   'product_name_lenght': product_name_lenght, 'product_description_lenght': product_description_lenght,
   'product_photos_qty': product_photos_qty, 'product_weight_g': product_weight_g,
   'product_length_cm': product_length_cm, 'product_height_cm': product_height_cm,
   'product_width_cm': product_width_cm}::VARCHAR AS raw_row,
  nz(product_id) AS product_id,
  lower(nz(product_category_name)) AS category_pt,
  to_num(product_photos_qty)::INTEGER AS photos_qty,
  to_num(product_weight_g) AS weight_g,
  to_num(product_length_cm) * to_num(product_height_cm) * to_num(product_width_cm) AS volume_cm3
FROM checked
