-- Safety stock alerts (seed 003: multi-warehouse stock, FIFO logs, safety stock alerts), replayed
-- from the stock movement log. Each slot (warehouse, product) starts at initial_stock and moves by
-- its 'in'/'out' movements in time order (ties: movement_id, numerically when a number). After each
-- movement the slot's state is 1 'OUT_OF_STOCK' (0 on hand), 2 'BELOW_SAFETY_STOCK' (< safety_stock),
-- 3 'REORDER' (<= reorder_point) or 4 OK. An alert is raised by a movement that makes the state
-- worse and leaves it at 1-3 (a drop straight to 0 raises only OUT_OF_STOCK); it is resolved by
-- the first later movement after which the state is better than the alert's. Open alerts
-- (resolved_at NULL) are the slots' state at the end of the log; gold.inventory_turnover has the
-- snapshot's stock_status. Without a movement log there are no alerts.
-- @inputs: silver.inventory, silver.stock_movements
-- @grain: one row per alert (a movement that worsened a slot's stock state)
-- @key: movement_id
-- @tests: unique(movement_id), not_null(raised_at),
--    accepted_values(alert_level, ['OUT_OF_STOCK', 'BELOW_SAFETY_STOCK', 'REORDER']), range(severity, 1, 3),
--    range(stock_after, 0, null), expect(resolved_at IS NULL OR resolved_at >= raised_at)
WITH replay AS (
  SELECT
    m.movement_id, m.warehouse_id, m.product_id, m.movement_at, i.safety_stock, i.reorder_point,
    coalesce(i.initial_stock, 0) + sum(CASE m.movement_type WHEN 'in' THEN m.quantity ELSE -m.quantity END)
      OVER (w ROWS UNBOUNDED PRECEDING) AS stock_after,
    row_number() OVER w AS seq,
    coalesce(i.initial_stock, 0) AS initial_stock
  FROM silver.stock_movements m
  JOIN silver.inventory i ON i.warehouse_id = m.warehouse_id AND i.product_id = m.product_id
  WINDOW w AS (PARTITION BY m.warehouse_id, m.product_id
    ORDER BY m.movement_at, try_cast(m.movement_id AS BIGINT), m.movement_id)
),
states AS (
  SELECT
    *,
    CASE WHEN stock_after <= 0 THEN 1 WHEN stock_after < safety_stock THEN 2
         WHEN stock_after <= reorder_point THEN 3 ELSE 4 END AS state
  FROM replay
),
transitions AS (
  SELECT
    *,
    coalesce(lag(state) OVER (PARTITION BY warehouse_id, product_id ORDER BY seq),
      CASE WHEN initial_stock <= 0 THEN 1 WHEN initial_stock < safety_stock THEN 2
           WHEN initial_stock <= reorder_point THEN 3 ELSE 4 END) AS state_before
  FROM states
),
alerts AS (SELECT * FROM transitions WHERE state < state_before AND state <= 3),
resolved AS (
  SELECT a.movement_id, min(r.movement_at) AS resolved_at
  FROM alerts a
  JOIN states r
    ON r.warehouse_id = a.warehouse_id AND r.product_id = a.product_id AND r.seq > a.seq AND r.state > a.state
  GROUP BY a.movement_id
)
SELECT
  a.movement_id, a.warehouse_id, a.product_id,
  CASE a.state WHEN 1 THEN 'OUT_OF_STOCK' WHEN 2 THEN 'BELOW_SAFETY_STOCK' ELSE 'REORDER' END AS alert_level,
  a.state AS severity, a.movement_at AS raised_at, a.stock_after, a.safety_stock, a.reorder_point,
  r.resolved_at,
  (epoch(r.resolved_at - a.movement_at) / 86400)::DOUBLE AS days_open,
  r.resolved_at IS NULL AS is_open
FROM alerts a
LEFT JOIN resolved r ON r.movement_id = a.movement_id
