-- Every row of bronze.olist_sellers, typed, with its rejection reason (NULL = accepted).
-- @inputs: bronze.olist_sellers
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(seller_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(seller_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_sellers b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(seller_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'seller_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'seller_id repeated in the batch'}
    END AS rejection
  FROM ranked
)
SELECT
  'olist_sellers' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'seller_id': seller_id, 'seller_zip_code_prefix': seller_zip_code_prefix,
   'seller_city': seller_city, 'seller_state': seller_state}::VARCHAR AS raw_row,
  nz(seller_id) AS seller_id,
  lpad(nz(seller_zip_code_prefix), 5, '0') AS zip_code_prefix,
  lower(nz(seller_city)) AS city,
  upper(nz(seller_state)) AS state
FROM checked
