-- Every row of bronze.olist_customers, typed, with its rejection reason (NULL = accepted).
-- customer_id is per order in Olist; customer_unique_id is the person (gold uses it).
-- Zip prefixes stay text and are left-padded to 5 digits (a file opened in a spreadsheet loses the
-- leading zeros). City lower case, state upper case.
-- @inputs: bronze.olist_customers
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(customer_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(customer_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_customers b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(customer_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'customer_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'customer_id repeated in the batch'}
      WHEN nz(customer_unique_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'customer_unique_id is empty'}
      WHEN nz(customer_zip_code_prefix) IS NOT NULL AND NOT regexp_full_match(trim(customer_zip_code_prefix), '[0-9]{1,5}')
        THEN {'code': 'BAD_VALUE', 'detail': 'zip code prefix is not 1-5 digits'}
    END AS rejection
  FROM ranked
)
SELECT
  'olist_customers' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'customer_id': customer_id, 'customer_unique_id': customer_unique_id,
   'customer_zip_code_prefix': customer_zip_code_prefix, 'customer_city': customer_city,
   'customer_state': customer_state}::VARCHAR AS raw_row,
  nz(customer_id) AS customer_id,
  nz(customer_unique_id) AS customer_unique_id,
  lpad(nz(customer_zip_code_prefix), 5, '0') AS zip_code_prefix,
  lower(nz(customer_city)) AS city,
  upper(nz(customer_state)) AS state
FROM checked
