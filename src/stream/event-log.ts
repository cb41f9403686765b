import type { SqlDriver } from '../engine/sql-driver.ts';
import type { StreamSettings } from './settings.ts';

/** Operator codes of the event kinds, as the operators read them (stream.events.op). */
export const OP = { created: 0, status: 1, item: 2, payment: 3, click: 4 } as const;

/** Statuses that end an order's journey; every other status counts as a drop-off (seed 001). */
export const COMPLETED_STATUSES: readonly string[] = ['delivered', 'completed'];

const ORDER_EVENTS = `
  SELECT 'order:' || order_id || ':created' AS event_id, 'orders' AS topic, 'created' AS event_type,
    purchased_at AS event_time, order_id AS key, ${OP.created} AS op, order_status AS attr,
    NULL::DOUBLE AS amount, NULL::DOUBLE AS installments,
    {'order_id': order_id, 'customer_id': customer_id, 'order_status': order_status}::VARCHAR AS payload
  FROM silver.orders
  UNION ALL
  SELECT 'order:' || order_id || ':' || stage, 'orders', stage, stage_at, order_id, ${OP.status}, order_status,
    NULL, NULL, {'order_id': order_id, 'order_status': order_status, 'stage': stage}::VARCHAR
  FROM (
    SELECT order_id, order_status, 'approved' AS stage, approved_at AS stage_at FROM silver.orders
    UNION ALL SELECT order_id, order_status, 'shipped', delivered_carrier_at FROM silver.orders
    UNION ALL SELECT order_id, order_status, 'delivered', delivered_customer_at FROM silver.orders
  )
  UNION ALL
  SELECT 'item:' || i.order_id || ':' || i.order_item_id, 'order_items', 'item_added', o.purchased_at,
    i.order_id, ${OP.item}, i.product_id, i.line_total + i.freight_value, NULL,
    {'order_id': i.order_id, 'order_item_id': i.order_item_id, 'product_id': i.product_id,
     'price': i.line_total, 'freight_value': i.freight_value}::VARCHAR
  FROM silver.order_items i JOIN silver.orders o USING (order_id)
  UNION ALL
  SELECT 'payment:' || p.order_id || ':' || p.payment_sequential, 'payments', 'payment',
    coalesce(o.approved_at, o.purchased_at), p.order_id, ${OP.payment}, p.payment_type,
    p.payment_value, p.payment_installments,
    {'order_id': p.order_id, 'payment_sequential': p.payment_sequential, 'payment_type': p.payment_type,
     'payment_installments': p.payment_installments, 'payment_value': p.payment_value}::VARCHAR
  FROM silver.payments p JOIN silver.orders o USING (order_id)`;

const CLICK_EVENTS = `
  UNION ALL
  SELECT 'click:' || event_id, 'clickstream', event_type, event_at, session_id, ${OP.click}, event_type,
    NULL, NULL, {'session_id': session_id, 'event_type': event_type, 'product_id': product_id}::VARCHAR
  FROM silver.session_events`;

/**
 * Builds stream.events (the log, one row per event, in event-time order with dense integer ids the
 * operators use) and stream.dict (attribute codes: order statuses, payment types, click types).
 */
export async function buildEventLog(driver: SqlDriver): Promise<{ events: number; keys: number }> {
  const tables = await driver.rows(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'silver'
       AND table_name IN ('orders', 'order_items', 'payments', 'session_events')`,
  );
  const names = new Set(tables.map((t) => String(t.table_name)));
  for (const need of ['orders', 'order_items', 'payments']) {
    if (!names.has(need)) throw new Error(`silver.${need} is missing: build the pipeline first`);
  }
  const source = ORDER_EVENTS + (names.has('session_events') ? CLICK_EVENTS : '');
  await driver.exec('CREATE SCHEMA IF NOT EXISTS stream');
  await driver.exec(`CREATE OR REPLACE TABLE stream.events AS
    WITH raw AS (SELECT * FROM (${source}) WHERE event_time IS NOT NULL)
    SELECT (row_number() OVER (ORDER BY event_time, event_id) - 1)::INTEGER AS eid,
      event_id, topic, event_type, event_time, epoch_ms(event_time) AS event_ms, key,
      (dense_rank() OVER (ORDER BY key) - 1)::INTEGER AS kid, op::UTINYINT AS op, attr,
      (dense_rank() OVER (ORDER BY attr) - 1)::INTEGER AS acode, amount, installments, payload
    FROM raw ORDER BY eid`);
  await driver.exec(`CREATE OR REPLACE TABLE stream.dict AS
    SELECT DISTINCT acode, attr FROM stream.events ORDER BY acode`);
  const [row] = await driver.rows(
    'SELECT count(*)::BIGINT AS events, (coalesce(max(kid), -1) + 1)::BIGINT AS keys FROM stream.events',
  );
  return { events: Number(row?.events ?? 0), keys: Number(row?.keys ?? 0) };
}

/**
 * Builds stream.arrivals: the order in which the events reach the processor. Every draw is a hash
 * of (seed, salt, eid), so the same settings always give the same arrival order: delays uniform in
 * [0, maxDelay]; a lateShare of events delayed past lateness + maxDelay + one window + one
 * micro-batch (so their window has usually closed when they arrive); a dupShare of events sent a second time with their own
 * bounded delay. Micro-batch = floor(arrival_ms / trigger) on the simulated clock.
 */
export async function buildArrivals(driver: SqlDriver, s: StreamSettings): Promise<number> {
  await driver.rows(
    `CREATE OR REPLACE TABLE stream.arrivals AS
    WITH draws AS (
      SELECT eid, event_ms, op, kid, acode, amount, installments,
        (hash($1::VARCHAR || ':late:' || eid) % 1000003)::DOUBLE / 1000003 AS u_late,
        (hash($1::VARCHAR || ':delay:' || eid) % 1000003)::DOUBLE / 1000003 AS u_delay,
        (hash($1::VARCHAR || ':dup:' || eid) % 1000003)::DOUBLE / 1000003 AS u_dup,
        (hash($1::VARCHAR || ':dup-delay:' || eid) % 1000003)::DOUBLE / 1000003 AS u_dup_delay
      FROM stream.events
    ),
    copies AS (
      SELECT *, 0 AS copy, CASE WHEN u_late < $3
          THEN $4 + $2 + $5 + $7 + floor(u_delay * $5)
          ELSE floor(u_delay * ($2 + 1)) END::BIGINT AS delay
      FROM draws
      UNION ALL
      SELECT *, 1, floor(u_dup_delay * ($2 + 1))::BIGINT FROM draws WHERE u_dup < $6
    )
    SELECT (row_number() OVER (ORDER BY event_ms + delay, eid, copy) - 1)::BIGINT AS seq,
      eid, copy::UTINYINT AS copy, op, event_ms, event_ms + delay AS arrival_ms,
      floor((event_ms + delay) / $7)::BIGINT AS batch, kid, acode, amount, installments
    FROM copies ORDER BY seq`,
    [s.seed, s.maxDelayMs, s.lateShare, s.latenessMs, s.windowMs, s.dupShare, s.triggerMs],
  );
  const [row] = await driver.rows('SELECT count(*)::BIGINT AS n FROM stream.arrivals');
  return Number(row?.n ?? 0);
}
