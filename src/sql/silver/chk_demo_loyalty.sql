-- Every row of bronze.demo_loyalty (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key (customer_unique_id, order_id); latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_loyalty
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(customer_unique_id), nz(order_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(customer_unique_id), nz(order_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_loyalty b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(customer_unique_id) IS NULL OR nz(order_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': '(customer_unique_id, order_id) is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': '(customer_unique_id, order_id) repeated in the batch'}
      WHEN to_ts(event_timestamp) IS NULL THEN {'code': 'BAD_TIMESTAMP', 'detail': 'event_timestamp is empty or does not parse'}
      WHEN bad_int(points_earned) OR bad_int(points_balance) OR bad_num(lifetime_spend) THEN {'code': 'BAD_NUMBER', 'detail': 'points or lifetime_spend is not a number'}
      WHEN nz(tier) NOT IN ('Bronze', 'Silver', 'Gold', 'Platinum') OR nz(tier) IS NULL THEN {'code': 'BAD_VALUE', 'detail': 'unknown tier ' || coalesce(tier, 'NULL')}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_loyalty' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'customer_unique_id': customer_unique_id, 'order_id': order_id, 'event_timestamp': event_timestamp, 'points_earned': points_earned, 'points_balance': points_balance, 'lifetime_spend': lifetime_spend, 'tier': tier}::VARCHAR AS raw_row,
  nz(customer_unique_id) AS customer_unique_id,
  nz(order_id) AS order_id,
  to_ts(event_timestamp) AS event_at,
  to_int(points_earned) AS points_earned,
  to_int(points_balance) AS points_balance,
  to_money(lifetime_spend) AS lifetime_spend,
  nz(tier) AS tier
FROM checked
