-- Every row of bronze.demo_session_events (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key event_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_session_events
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(event_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(event_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_session_events b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(event_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'event_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'event_id repeated in the batch'}
      WHEN nz(session_id) IS NULL THEN {'code': 'MISSING_FIELD', 'detail': 'session_id is empty'}
      WHEN lower(nz(event_type)) NOT IN ('view', 'search', 'add_to_cart', 'checkout', 'purchase') OR nz(event_type) IS NULL
        THEN {'code': 'BAD_VALUE', 'detail': 'unknown event_type ' || coalesce(event_type, 'NULL')}
      WHEN to_ts(event_timestamp) IS NULL THEN {'code': 'BAD_TIMESTAMP', 'detail': 'event_timestamp is empty or does not parse'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_session_events' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'event_id': event_id, 'session_id': session_id, 'event_type': event_type, 'event_timestamp': event_timestamp, 'product_id': product_id, 'search_term': search_term, 'order_id': order_id}::VARCHAR AS raw_row,
  nz(event_id) AS event_id,
  nz(session_id) AS session_id,
  lower(nz(event_type)) AS event_type,
  to_ts(event_timestamp) AS event_at,
  nz(product_id) AS product_id,
  nz(search_term) AS search_term,
  nz(order_id) AS order_id
FROM checked
