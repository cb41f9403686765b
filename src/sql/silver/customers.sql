-- The customer dimension, current version, from every format (the history is silver.customers_history).
-- Olist: one row per customer_id (one per order in Olist); customer_unique_id is the person.
-- Tutorial (seed 002): customer_unique_id = customer_id; email lower/trim (invalid ones are
-- quarantined), names initcap, country upper case. Olist rows get country 'BR' and no email or name.
-- @inputs:
-- @optional-inputs: silver.chk_olist_customers, silver.chk_raw_customers
-- @grain: one row per customer_id
-- @key: customer_id
-- @tests: not_null(customer_id), unique(customer_id), not_null(customer_unique_id),
--    accepted_values(source_format, ['olist', 'tutorial'])
SELECT
  customer_id, customer_unique_id, NULL::VARCHAR AS email, NULL::VARCHAR AS first_name,
  NULL::VARCHAR AS last_name, zip_code_prefix, city, state, 'BR' AS country,
  NULL::DATE AS customer_created_at, 'olist' AS source_format,
  _source_table, _source_file, _row_number, _batch_id
FROM silver.chk_olist_customers
WHERE reason_code IS NULL
UNION ALL
SELECT
  customer_id, customer_id AS customer_unique_id, email, first_name, last_name,
  NULL AS zip_code_prefix, NULL AS city, NULL AS state, country, customer_created_at,
  'tutorial' AS source_format, _source_table, _source_file, _row_number, _batch_id
FROM silver.chk_raw_customers
WHERE reason_code IS NULL
