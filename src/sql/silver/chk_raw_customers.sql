-- Every row of the tutorial's raw_customers (seed 002), typed, with its rejection reason.
-- Seed 002 rules: email lower(trim), kept only when valid (INVALID_EMAIL otherwise), names initcap,
-- country upper case, created_at a date.
-- @inputs: bronze.raw_customers
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(customer_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(customer_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.raw_customers b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(customer_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'customer_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'customer_id repeated in the batch'}
      WHEN NOT coalesce(is_email(email), false) THEN {'code': 'INVALID_EMAIL', 'detail': 'email ' || coalesce(email, 'NULL') || ' is not valid'}
      WHEN bad_ts(created_at) THEN {'code': 'BAD_TIMESTAMP', 'detail': 'created_at does not parse'}
    END AS rejection
  FROM ranked
)
SELECT
  'raw_customers' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'customer_id': customer_id, 'email': email, 'first_name': first_name, 'last_name': last_name,
   'country': country, 'created_at': created_at}::VARCHAR AS raw_row,
  nz(customer_id) AS customer_id,
  lower(trim(email)) AS email,
  initcap(first_name) AS first_name,
  initcap(last_name) AS last_name,
  upper(nz(country)) AS country,
  to_ts(created_at)::DATE AS customer_created_at
FROM checked
