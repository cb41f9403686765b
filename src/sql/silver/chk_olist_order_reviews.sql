-- Every row of bronze.olist_order_reviews, typed, with its rejection reason (NULL = accepted).
-- Olist quirk: the same review_id can cover several orders, and an order can have several
-- reviews, so the key is (review_id, order_id); an exact repeat in one batch is DUPLICATE_KEY.
-- Score must be a whole number 1-5; a review of an unknown order is ORPHAN_FK.
-- @inputs: bronze.olist_order_reviews, silver.chk_olist_orders
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(review_id), nz(order_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(review_id), nz(order_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.olist_order_reviews b
),
orders AS (SELECT DISTINCT order_id FROM silver.chk_olist_orders WHERE reason_code IS NULL),
checked AS (
  SELECT
    r.*,
    CASE
      WHEN nz(r.review_id) IS NULL OR nz(r.order_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'review_id or order_id is empty'}
      WHEN r._batch_id < r.latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || r.latest_batch}
      WHEN r.copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': '(review_id, order_id) repeated in the batch'}
      WHEN to_int(r.review_score) IS NULL THEN {'code': 'BAD_NUMBER', 'detail': 'review_score is not a whole number'}
      WHEN to_int(r.review_score) NOT BETWEEN 1 AND 5 THEN {'code': 'OUT_OF_RANGE', 'detail': 'review_score outside 1-5'}
      WHEN bad_ts(r.review_creation_date) OR bad_ts(r.review_answer_timestamp)
        THEN {'code': 'BAD_TIMESTAMP', 'detail': 'a review date does not parse'}
      WHEN o.order_id IS NULL THEN {'code': 'ORPHAN_FK', 'detail': 'order_id ' || r.order_id || ' is not an accepted order'}
    END AS rejection
  FROM ranked r
  LEFT JOIN orders o ON o.order_id = nz(r.order_id)
)
SELECT
  'olist_order_reviews' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'review_id': review_id, 'order_id': order_id, 'review_score': review_score,
   'review_comment_title': review_comment_title, 'review_comment_message': review_comment_message,
   'review_creation_date': review_creation_date, 'review_answer_timestamp': review_answer_timestamp}::VARCHAR AS raw_row,
  nz(review_id) AS review_id,
  nz(order_id) AS order_id,
  to_int(review_score)::INTEGER AS review_score,
  nz(review_comment_title) AS comment_title,
  nz(review_comment_message) AS comment_message,
  to_ts(review_creation_date) AS created_at,
  to_ts(review_answer_timestamp) AS answered_at
FROM checked
