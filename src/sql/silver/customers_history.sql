-- SCD Type 2 customer dimension (seed 004): one row per version of a customer_id. Tracked
-- attributes: zip_code_prefix, city, state (Olist) and email (tutorial). The versions are read from
-- every batch's row of the customer (accepted rows and the ones a later batch SUPERSEDED) in batch
-- order (_batch_id); a row opens a new version only when a tracked attribute differs from the
-- previous batch's row (NULL = NULL counts as unchanged). effective_from = the _ingested_at of the
-- batch that brought the change; effective_to = effective_from of the next version (NULL while
-- current). Superseded rows that would fail validation now (no customer_unique_id, a bad zip, an
-- invalid e-mail) are not versions; neither are in-batch duplicates. The current versions are
-- silver.customers, except for a customer whose latest row was quarantined: silver.customers then
-- drops it while the history keeps its last valid version current.
-- @inputs:
-- @optional-inputs: silver.chk_olist_customers, silver.chk_raw_customers
-- @grain: one row per customer_id and version
-- @key: customer_id, version
-- @tests: not_null(customer_id), unique(customer_id, version), range(version, 1, null),
--    expect(is_current = (effective_to IS NULL)), expect(effective_to IS NULL OR effective_to >= effective_from)
WITH rows AS (
  SELECT
    customer_id, customer_unique_id, zip_code_prefix, city, state, NULL::VARCHAR AS email,
    'olist' AS source_format, _batch_id, _row_number, _ingested_at
  FROM silver.chk_olist_customers
  WHERE (reason_code IS NULL OR reason_code = 'SUPERSEDED') AND customer_unique_id IS NOT NULL
    AND (zip_code_prefix IS NULL OR regexp_full_match(zip_code_prefix, '[0-9]{5}'))
  UNION ALL
  SELECT
    customer_id, customer_id, NULL, NULL, NULL, email, 'tutorial', _batch_id, _row_number, _ingested_at
  FROM silver.chk_raw_customers
  WHERE (reason_code IS NULL OR reason_code = 'SUPERSEDED') AND coalesce(is_email(email), false)
),
first_in_batch AS (
  SELECT * FROM rows
  QUALIFY row_number() OVER (PARTITION BY customer_id, _batch_id ORDER BY _row_number) = 1
),
changes AS (
  SELECT
    * EXCLUDE (_row_number),
    row_number() OVER w = 1
      OR (zip_code_prefix, city, state, email) IS DISTINCT FROM lag((zip_code_prefix, city, state, email)) OVER w
      AS is_change
  FROM first_in_batch
  WINDOW w AS (PARTITION BY customer_id ORDER BY _batch_id)
),
versions AS (
  SELECT
    * EXCLUDE (is_change),
    row_number() OVER (PARTITION BY customer_id ORDER BY _batch_id) AS version,
    lead(_ingested_at) OVER (PARTITION BY customer_id ORDER BY _batch_id) AS next_from
  FROM changes
  WHERE is_change
)
SELECT
  customer_id, version::INTEGER AS version, customer_unique_id, zip_code_prefix, city, state, email,
  _ingested_at AS effective_from, next_from AS effective_to, next_from IS NULL AS is_current,
  source_format, _batch_id
FROM versions
