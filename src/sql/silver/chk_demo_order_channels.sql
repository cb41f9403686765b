-- Every row of bronze.demo_order_channels (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key order_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_order_channels
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(order_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(order_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_order_channels b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(order_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'order_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'order_id repeated in the batch'}
      WHEN lower(nz(sales_channel)) NOT IN ('website', 'shopee', 'lazada', 'tiki') OR nz(sales_channel) IS NULL
        THEN {'code': 'BAD_VALUE', 'detail': 'unknown sales_channel ' || coalesce(sales_channel, 'NULL')}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_order_channels' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'order_id': order_id, 'sales_channel': sales_channel, 'device': device, 'session_id': session_id, 'campaign_id': campaign_id}::VARCHAR AS raw_row,
  nz(order_id) AS order_id,
  lower(nz(sales_channel)) AS sales_channel,
  lower(nz(device)) AS device,
  nz(session_id) AS session_id,
  nz(campaign_id) AS campaign_id
FROM checked
