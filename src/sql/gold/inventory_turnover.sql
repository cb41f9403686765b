-- Inventory turnover (seed 003) per warehouse and product. units_sold = 'out' movements with
-- reason 'sale' over the whole period; average stock = (initial_stock + stock_on_hand) / 2
-- (initial_stock missing: stock_on_hand). turnover = units_sold / average stock (NULL when the
-- average stock is 0). The period runs from the first to the last stock movement day of the data,
-- both included (never the clock); days_of_supply = stock_on_hand / (units_sold / period_days),
-- NULL without sales. stock_status of the snapshot: 'OUT_OF_STOCK' (0 on hand), 'BELOW_SAFETY_STOCK'
-- (< safety_stock), 'REORDER' (<= reorder_point), else 'OK' (the alert history is
-- gold.safety_stock_alerts).
-- @inputs: silver.inventory
-- @optional-inputs: silver.stock_movements
-- @grain: one row per warehouse and product
-- @key: warehouse_id, product_id
-- @tests: unique(warehouse_id, product_id), range(units_sold, 0, null), range(turnover, 0, null),
--    accepted_values(stock_status, ['OUT_OF_STOCK', 'BELOW_SAFETY_STOCK', 'REORDER', 'OK'])
WITH period AS (
  SELECT (date_diff('day', min(movement_at)::DATE, max(movement_at)::DATE) + 1)::BIGINT AS period_days
  FROM silver.stock_movements
),
moves AS (
  SELECT
    warehouse_id, product_id,
    sum(quantity) FILTER (WHERE movement_type = 'out' AND reason = 'sale')::BIGINT AS units_sold,
    sum(quantity) FILTER (WHERE movement_type = 'in')::BIGINT AS units_received
  FROM silver.stock_movements
  GROUP BY ALL
),
slots AS (
  SELECT
    i.warehouse_id, i.warehouse_state, i.product_id, i.safety_stock, i.reorder_point,
    i.initial_stock, i.stock_on_hand, i.snapshot_at,
    coalesce(m.units_sold, 0) AS units_sold, coalesce(m.units_received, 0) AS units_received,
    (coalesce(i.initial_stock, i.stock_on_hand) + i.stock_on_hand) / 2 AS avg_stock,
    p.period_days
  FROM silver.inventory i
  LEFT JOIN moves m ON m.warehouse_id = i.warehouse_id AND m.product_id = i.product_id
  CROSS JOIN period p
)
SELECT
  * EXCLUDE (avg_stock, period_days),
  avg_stock::DOUBLE AS avg_stock,
  period_days,
  (units_sold / nullif(avg_stock, 0))::DOUBLE AS turnover,
  (stock_on_hand / nullif(units_sold / period_days, 0))::DOUBLE AS days_of_supply,
  CASE
    WHEN stock_on_hand = 0 THEN 'OUT_OF_STOCK'
    WHEN stock_on_hand < safety_stock THEN 'BELOW_SAFETY_STOCK'
    WHEN stock_on_hand <= reorder_point THEN 'REORDER'
    ELSE 'OK'
  END AS stock_status
FROM slots
