-- Every row of bronze.demo_product_pricing (demo extension file), typed, with its rejection reason (NULL = accepted).
-- Key product_id; latest batch wins (SUPERSEDED), a repeat within a batch is DUPLICATE_KEY.
-- @inputs: bronze.demo_product_pricing
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(product_id)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(product_id), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.demo_product_pricing b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(product_id) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'product_id is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'product_id repeated in the batch'}
      WHEN to_money(list_price) IS NULL OR to_money(price) IS NULL OR bad_num(cost_price) OR to_num(discount_percentage) IS NULL
        OR bad_num(rating) OR bad_int(num_reviews) OR bad_num(flash_sale_discount_percentage)
        THEN {'code': 'BAD_NUMBER', 'detail': 'a price, discount, rating or review count is not a number'}
      WHEN to_money(price) < 0 OR to_money(list_price) < 0 OR to_num(discount_percentage) NOT BETWEEN 0 AND 100
        OR to_num(rating) NOT BETWEEN 1 AND 5 OR to_int(num_reviews) < 0
        THEN {'code': 'OUT_OF_RANGE', 'detail': 'price < 0, discount outside 0-100, rating outside 1-5 or negative review count'}
    END AS rejection
  FROM ranked
)
SELECT
  'demo_product_pricing' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'product_id': product_id, 'cost_price': cost_price, 'list_price': list_price, 'discount_percentage': discount_percentage, 'price': price, 'rating': rating, 'num_reviews': num_reviews, 'flash_sale_discount_percentage': flash_sale_discount_percentage}::VARCHAR AS raw_row,
  nz(product_id) AS product_id,
  to_money(cost_price) AS cost_price,
  to_money(list_price) AS list_price,
  to_num(discount_percentage) AS discount_percentage,
  to_money(price) AS price,
  to_num(rating) AS rating,
  to_int(num_reviews)::INTEGER AS num_reviews,
  coalesce(to_num(flash_sale_discount_percentage), 0) AS flash_sale_discount_percentage
FROM checked
