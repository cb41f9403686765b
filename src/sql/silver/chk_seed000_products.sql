-- Every row of the seed-000 product sales table, typed, with its rejection reason.
-- Seed 000 silver rules: price within 0-500, rating within 1-5, review count a whole number >= 0
-- (OUT_OF_RANGE / BAD_NUMBER otherwise), DateAdded a date, category standardised (category_key).
-- Discount: values <= 1 are read as fractions (0.15 -> 15 %), larger ones as percentages.
-- @inputs: bronze.seed000_products
-- @grain: one row per bronze row
-- @key: _batch_id, _row_number
-- @tests: unique(_batch_id, _row_number)
WITH ranked AS (
  SELECT
    b.*,
    max(_batch_id) OVER (PARTITION BY nz(productid)) AS latest_batch,
    row_number() OVER (PARTITION BY nz(productid), _batch_id ORDER BY _row_number) AS copy_in_batch
  FROM bronze.seed000_products b
),
checked AS (
  SELECT
    *,
    CASE
      WHEN nz(productid) IS NULL THEN {'code': 'MISSING_KEY', 'detail': 'ProductID is empty'}
      WHEN _batch_id < latest_batch THEN {'code': 'SUPERSEDED', 'detail': 'replaced by batch ' || latest_batch}
      WHEN copy_in_batch > 1 THEN {'code': 'DUPLICATE_KEY', 'detail': 'ProductID repeated in the batch'}
      WHEN to_money(price) IS NULL OR to_num(rating) IS NULL OR to_int(numreviews) IS NULL
        OR bad_num(discount) OR bad_num(sales) OR bad_int(stockquantity)
        THEN {'code': 'BAD_NUMBER', 'detail': 'price, rating, review count, discount, sales or stock is not a number'}
      WHEN to_money(price) NOT BETWEEN 0 AND 500 THEN {'code': 'OUT_OF_RANGE', 'detail': 'price outside 0-500'}
      WHEN to_num(rating) NOT BETWEEN 1 AND 5 THEN {'code': 'OUT_OF_RANGE', 'detail': 'rating outside 1-5'}
      WHEN to_int(numreviews) < 0 THEN {'code': 'OUT_OF_RANGE', 'detail': 'negative review count'}
      WHEN to_num(discount) NOT BETWEEN 0 AND 100 THEN {'code': 'OUT_OF_RANGE', 'detail': 'discount outside 0-100'}
      WHEN bad_ts(dateadded) THEN {'code': 'BAD_TIMESTAMP', 'detail': 'DateAdded does not parse'}
    END AS rejection
  FROM ranked
)
SELECT
  'seed000_products' AS _source_table, _source_file, _row_number, _batch_id, _ingested_at,
  rejection.code AS reason_code, rejection.detail AS detail,
  {'productid': productid, 'productname': productname, 'category': category, 'price': price,
   'rating': rating, 'numreviews': numreviews, 'stockquantity': stockquantity, 'discount': discount,
   'sales': sales, 'dateadded': dateadded}::VARCHAR AS raw_row,
  nz(productid) AS product_id,
  trim(productname) AS product_name,
  category AS category_source,
  to_money(price) AS price,
  to_num(rating) AS rating,
  to_int(numreviews)::INTEGER AS num_reviews,
  to_int(stockquantity)::INTEGER AS stock_quantity,
  CASE WHEN to_num(discount) <= 1 THEN to_num(discount) * 100 ELSE to_num(discount) END AS discount_percentage,
  to_num(sales) AS reported_sales,
  to_ts(dateadded)::DATE AS date_added
FROM checked
