import type { SqlDriver } from '../engine/sql-driver.ts';
import { COMPLETED_STATUSES, OP } from './event-log.ts';
import type { StreamSettings } from './settings.ts';

/**
 * The batch oracle: the stream's semantics restated as one SQL query over the same log and arrival
 * order. Watermark of batch b = max event time of batches < b − lateness; an event is late when
 * the last window containing it ends at or before its batch's watermark; of the copies of an
 * event that are not late, the first to arrive counts; it counts in every window of it still open.
 * Parameters: $1 lateness, $2 window, $3 slide.
 */
const FLAGGED = `
  WITH per_batch AS (SELECT batch, max(event_ms) AS mx FROM stream.arrivals GROUP BY batch),
  marks AS (
    SELECT batch, max(mx) OVER (ORDER BY batch ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) - $1 AS wm
    FROM per_batch
  ),
  flagged AS (
    SELECT a.*, m.wm, (floor(a.event_ms / $3) * $3)::BIGINT AS last_start
    FROM stream.arrivals a JOIN marks m USING (batch)
  )`;

const ACCEPTED = `${FLAGGED},
  accepted AS (
    SELECT * FROM flagged
    WHERE wm IS NULL OR last_start + $2 > wm
    QUALIFY row_number() OVER (PARTITION BY eid ORDER BY seq) = 1
  ),
  win AS (
    SELECT accepted.*, last_start - k * $3 AS ws
    FROM accepted CROSS JOIN range(0, ($2 // $3)::BIGINT) t(k)
    WHERE wm IS NULL OR last_start - k * $3 + $2 > wm
  )`;

const WINDOW = `epoch_ms(ws::BIGINT) AS window_start, epoch_ms((ws + $2)::BIGINT) AS window_end`;

export const ORACLE_SQL = {
  funnel: `${ACCEPTED}
    SELECT ${WINDOW}, orders, with_items AS orders_with_items, with_payment AS orders_with_payment,
      CASE WHEN orders = 0 THEN NULL ELSE 100.0 * with_items / orders END::DOUBLE AS items_conversion_rate,
      CASE WHEN orders = 0 THEN NULL ELSE 100.0 * with_payment / orders END::DOUBLE AS payment_conversion_rate,
      orders - with_items AS dropped_after_order, with_items - with_payment AS dropped_after_items
    FROM (
      SELECT ws, count(*) FILTER (WHERE op = ${OP.created})::BIGINT AS orders,
        count(DISTINCT kid) FILTER (WHERE op = ${OP.item})::BIGINT AS with_items,
        count(DISTINCT kid) FILTER (WHERE op = ${OP.payment})::BIGINT AS with_payment
      FROM win WHERE op IN (${OP.created}, ${OP.item}, ${OP.payment}) GROUP BY ws
    ) ORDER BY window_start`,
  gmv: `${ACCEPTED}
    SELECT ${WINDOW}, sum(amount)::DOUBLE AS gmv, count(*)::BIGINT AS item_events
    FROM win WHERE op = ${OP.item} GROUP BY ws ORDER BY window_start`,
  dropoff: `${ACCEPTED}
    SELECT ${WINDOW}, d.attr AS order_status, count(*)::BIGINT AS orders,
      count(*) FILTER (WHERE d.attr NOT IN (${COMPLETED_STATUSES.map((s) => `'${s}'`).join(', ')}))::BIGINT AS dropped_orders
    FROM win JOIN stream.dict d USING (acode) WHERE op = ${OP.created}
    GROUP BY ws, d.attr ORDER BY window_start, order_status`,
  payments: `${ACCEPTED}
    SELECT ${WINDOW}, d.attr AS payment_type, count(*)::BIGINT AS payments,
      sum(amount)::DOUBLE AS total_value, avg(amount)::DOUBLE AS avg_value,
      avg(coalesce(installments, 0))::DOUBLE AS avg_installments
    FROM win JOIN stream.dict d USING (acode) WHERE op = ${OP.payment}
    GROUP BY ws, d.attr ORDER BY window_start, payment_type`,
  late: `${FLAGGED}
    SELECT seq FROM flagged WHERE wm IS NOT NULL AND last_start + $2 <= wm ORDER BY seq`,
} as const;

export type Output = 'funnel' | 'gmv' | 'dropoff' | 'payments';
export const OUTPUTS: readonly Output[] = ['funnel', 'gmv', 'dropoff', 'payments'];

export function oracleParams(s: StreamSettings): number[] {
  return [s.latenessMs, s.windowMs, s.slideMs];
}

/** Final windows of one output as the oracle computes them. */
export function oracleRows(driver: SqlDriver, output: keyof typeof ORACLE_SQL, s: StreamSettings) {
  return driver.rows(ORACLE_SQL[output], oracleParams(s));
}

/**
 * Every window of one output as it stands once batches ≤ `lastBatch` are in: what the update-mode
 * sink holds then. Late and duplicate decisions of a batch depend only on earlier batches, so this
 * is the oracle over the log cut after that batch.
 */
export function oracleRowsUpTo(
  driver: SqlDriver,
  output: Output,
  s: StreamSettings,
  lastBatch: number,
) {
  const sql = ORACLE_SQL[output].replaceAll(
    'stream.arrivals',
    '(SELECT * FROM stream.arrivals WHERE batch <= $4)',
  );
  return driver.rows(sql, [...oracleParams(s), lastBatch]);
}

/** Final windows of one output as the stream committed them, in the oracle's order and columns. */
export function sinkRows(driver: SqlDriver, output: Output, mode: 'append' | 'update' = 'append') {
  const order = {
    funnel: 'window_start',
    gmv: 'window_start',
    dropoff: 'window_start, order_status',
    payments: 'window_start, payment_type',
  }[output];
  return mode === 'append'
    ? driver.rows(`SELECT * EXCLUDE (batch_id) FROM stream.${output} ORDER BY ${order}`)
    : driver.rows(
        `SELECT * EXCLUDE (batch_id, is_final) FROM stream.${output}_live ORDER BY ${order}`,
      );
}
