-- Every row of the category translation file, with its rejection reason (NULL = accepted).
-- The file starts with a byte-order mark (the loader strips it from the header).
-- @inputs: bronze.olist_category_translation
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(product_category_name)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(product_category_name), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_category_translation b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(product_category_name) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'product_category_name is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'product_category_name repeated in the batch'}
      WHEN nz(product_category_name_english) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'English name is empty'}
    END AS rejection
  FROM ranked
)
SELECT
  'olist_category_translation' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'product_category_name': product_category_name,
   'product_category_name_english': product_category_name_english}::VARCHAR AS raw_row,
  lower(nz(product_category_name)) AS category_pt,
  category_key(product_category_name_english) AS category_en
FROM checked
