-- For every source table: bronze rows = silver rows + quarantined rows (superseded older-batch
-- rows are quarantined as SUPERSEDED, so the equation is exact). silver_table names where the
-- accepted rows live (the translation file has none: it is folded into silver.products).
-- @inputs: silver.quarantine
-- @optional-inputs: bronze.demo_campaigns, bronze.demo_inventory, bronze.demo_loyalty, bronze.demo_order_channels,
--    bronze.demo_payment_status, bronze.demo_product_pricing, bronze.demo_returns, bronze.demo_session_events,
--    bronze.demo_sessions, bronze.demo_stock_movements, bronze.olist_category_translation, bronze.olist_customers,
--    bronze.olist_order_items, bronze.olist_order_payments, bronze.olist_order_reviews, bronze.olist_orders,
--    bronze.olist_products, bronze.olist_sellers, bronze.raw_customers, bronze.raw_order_items,
--    bronze.raw_orders, bronze.raw_products, bronze.seed000_products, silver.campaigns,
--    silver.chk_olist_category_translation, silver.customers, silver.inventory, silver.loyalty_events,
--    silver.order_channels, silver.order_items, silver.orders, silver.payment_status,
--    silver.payments, silver.product_pricing, silver.products, silver.returns,
--    silver.reviews, silver.sellers, silver.session_events, silver.sessions,
--    silver.stock_movements
-- @grain: one row per source table
-- @key: source_table
-- @tests: unique(source_table), expect(balanced)
WITH counts AS (
SELECT 'demo_campaigns' AS source_table, 'silver.campaigns' AS silver_table,
  (SELECT count(*) FROM bronze.demo_campaigns) AS bronze_rows,
  (SELECT count(*) FROM silver.campaigns WHERE _source_table = 'demo_campaigns') AS silver_rows
UNION ALL
SELECT 'demo_inventory' AS source_table, 'silver.inventory' AS silver_table,
  (SELECT count(*) FROM bronze.demo_inventory) AS bronze_rows,
  (SELECT count(*) FROM silver.inventory WHERE _source_table = 'demo_inventory') AS silver_rows
UNION ALL
SELECT 'demo_loyalty' AS source_table, 'silver.loyalty_events' AS silver_table,
  (SELECT count(*) FROM bronze.demo_loyalty) AS bronze_rows,
  (SELECT count(*) FROM silver.loyalty_events WHERE _source_table = 'demo_loyalty') AS silver_rows
UNION ALL
SELECT 'demo_order_channels' AS source_table, 'silver.order_channels' AS silver_table,
  (SELECT count(*) FROM bronze.demo_order_channels) AS bronze_rows,
  (SELECT count(*) FROM silver.order_channels WHERE _source_table = 'demo_order_channels') AS silver_rows
UNION ALL
SELECT 'demo_payment_status' AS source_table, 'silver.payment_status' AS silver_table,
  (SELECT count(*) FROM bronze.demo_payment_status) AS bronze_rows,
  (SELECT count(*) FROM silver.payment_status WHERE _source_table = 'demo_payment_status') AS silver_rows
UNION ALL
SELECT 'demo_product_pricing' AS source_table, 'silver.product_pricing' AS silver_table,
  (SELECT count(*) FROM bronze.demo_product_pricing) AS bronze_rows,
  (SELECT count(*) FROM silver.product_pricing WHERE _source_table = 'demo_product_pricing') AS silver_rows
UNION ALL
SELECT 'demo_returns' AS source_table, 'silver.returns' AS silver_table,
  (SELECT count(*) FROM bronze.demo_returns) AS bronze_rows,
  (SELECT count(*) FROM silver.returns WHERE _source_table = 'demo_returns') AS silver_rows
UNION ALL
SELECT 'demo_session_events' AS source_table, 'silver.session_events' AS silver_table,
  (SELECT count(*) FROM bronze.demo_session_events) AS bronze_rows,
  (SELECT count(*) FROM silver.session_events WHERE _source_table = 'demo_session_events') AS silver_rows
UNION ALL
SELECT 'demo_sessions' AS source_table, 'silver.sessions' AS silver_table,
  (SELECT count(*) FROM bronze.demo_sessions) AS bronze_rows,
  (SELECT count(*) FROM silver.sessions WHERE _source_table = 'demo_sessions') AS silver_rows
UNION ALL
SELECT 'demo_stock_movements' AS source_table, 'silver.stock_movements' AS silver_table,
  (SELECT count(*) FROM bronze.demo_stock_movements) AS bronze_rows,
  (SELECT count(*) FROM silver.stock_movements WHERE _source_table = 'demo_stock_movements') AS silver_rows
UNION ALL
SELECT 'olist_category_translation' AS source_table, NULL AS silver_table,
  (SELECT count(*) FROM bronze.olist_category_translation) AS bronze_rows,
  (SELECT count(*) FROM silver.chk_olist_category_translation WHERE reason_code IS NULL) AS silver_rows
UNION ALL
SELECT 'olist_customers' AS source_table, 'silver.customers' AS silver_table,
  (SELECT count(*) FROM bronze.olist_customers) AS bronze_rows,
  (SELECT count(*) FROM silver.customers WHERE _source_table = 'olist_customers') AS silver_rows
UNION ALL
SELECT 'olist_order_items' AS source_table, 'silver.order_items' AS silver_table,
  (SELECT count(*) FROM bronze.olist_order_items) AS bronze_rows,
  (SELECT count(*) FROM silver.order_items WHERE _source_table = 'olist_order_items') AS silver_rows
UNION ALL
SELECT 'olist_order_payments' AS source_table, 'silver.payments' AS silver_table,
  (SELECT count(*) FROM bronze.olist_order_payments) AS bronze_rows,
  (SELECT count(*) FROM silver.payments WHERE _source_table = 'olist_order_payments') AS silver_rows
UNION ALL
SELECT 'olist_order_reviews' AS source_table, 'silver.reviews' AS silver_table,
  (SELECT count(*) FROM bronze.olist_order_reviews) AS bronze_rows,
  (SELECT count(*) FROM silver.reviews WHERE _source_table = 'olist_order_reviews') AS silver_rows
UNION ALL
SELECT 'olist_orders' AS source_table, 'silver.orders' AS silver_table,
  (SELECT count(*) FROM bronze.olist_orders) AS bronze_rows,
  (SELECT count(*) FROM silver.orders WHERE _source_table = 'olist_orders') AS silver_rows
UNION ALL
SELECT 'olist_products' AS source_table, 'silver.products' AS silver_table,
  (SELECT count(*) FROM bronze.olist_products) AS bronze_rows,
  (SELECT count(*) FROM silver.products WHERE _source_table = 'olist_products') AS silver_rows
UNION ALL
SELECT 'olist_sellers' AS source_table, 'silver.sellers' AS silver_table,
  (SELECT count(*) FROM bronze.olist_sellers) AS bronze_rows,
  (SELECT count(*) FROM silver.sellers WHERE _source_table = 'olist_sellers') AS silver_rows
UNION ALL
SELECT 'raw_customers' AS source_table, 'silver.customers' AS silver_table,
  (SELECT count(*) FROM bronze.raw_customers) AS bronze_rows,
  (SELECT count(*) FROM silver.customers WHERE _source_table = 'raw_customers') AS silver_rows
UNION ALL
SELECT 'raw_order_items' AS source_table, 'silver.order_items' AS silver_table,
  (SELECT count(*) FROM bronze.raw_order_items) AS bronze_rows,
  (SELECT count(*) FROM silver.order_items WHERE _source_table = 'raw_order_items') AS silver_rows
UNION ALL
SELECT 'raw_orders' AS source_table, 'silver.orders' AS silver_table,
  (SELECT count(*) FROM bronze.raw_orders) AS bronze_rows,
  (SELECT count(*) FROM silver.orders WHERE _source_table = 'raw_orders') AS silver_rows
UNION ALL
SELECT 'raw_products' AS source_table, 'silver.products' AS silver_table,
  (SELECT count(*) FROM bronze.raw_products) AS bronze_rows,
  (SELECT count(*) FROM silver.products WHERE _source_table = 'raw_products') AS silver_rows
UNION ALL
SELECT 'seed000_products' AS source_table, 'silver.products' AS silver_table,
  (SELECT count(*) FROM bronze.seed000_products) AS bronze_rows,
  (SELECT count(*) FROM silver.products WHERE _source_table = 'seed000_products') AS silver_rows
),
q AS (
  SELECT _source_table, count(*) AS quarantined_rows,
    count(*) FILTER (WHERE reason_code = 'SUPERSEDED') AS superseded_rows
  FROM silver.quarantine GROUP BY 1
)
SELECT
  c.source_table, c.silver_table, c.bronze_rows::BIGINT AS bronze_rows, c.silver_rows::BIGINT AS silver_rows,
  coalesce(q.quarantined_rows, 0)::BIGINT AS quarantined_rows, coalesce(q.superseded_rows, 0)::BIGINT AS superseded_rows,
  c.bronze_rows = c.silver_rows + coalesce(q.quarantined_rows, 0) AS balanced
FROM counts c
LEFT JOIN q ON q._source_table = c.source_table
