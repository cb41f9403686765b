import type { SqlDriver } from '../engine/sql-driver.ts';
import { emptyState, type BatchOutput, type OperatorState } from './operators.ts';
import type { WindowRows } from './outputs.ts';
import type { StreamSettings } from './settings.ts';
import { insertValues, sqlNumber, sqlString } from './sql-values.ts';
import { decodeState, encodeState } from './state-codec.ts';

/**
 * Sink tables (append mode: final windows) and the commit log, all in schema `stream`. Each row of
 * stream.batches is one committed micro-batch; the latest holds the checkpoint: offset (next_seq),
 * running totals and the operator state.
 */
export const SINK_DDL = `
CREATE SCHEMA IF NOT EXISTS stream;
CREATE OR REPLACE TABLE stream.run (settings VARCHAR);
CREATE OR REPLACE TABLE stream.funnel (window_start TIMESTAMP, window_end TIMESTAMP, orders BIGINT,
  orders_with_items BIGINT, orders_with_payment BIGINT, items_conversion_rate DOUBLE,
  payment_conversion_rate DOUBLE, dropped_after_order BIGINT, dropped_after_items BIGINT, batch_id BIGINT);
CREATE OR REPLACE TABLE stream.gmv (window_start TIMESTAMP, window_end TIMESTAMP, gmv DOUBLE,
  item_events BIGINT, batch_id BIGINT);
CREATE OR REPLACE TABLE stream.dropoff (window_start TIMESTAMP, window_end TIMESTAMP, order_status VARCHAR,
  orders BIGINT, dropped_orders BIGINT, batch_id BIGINT);
CREATE OR REPLACE TABLE stream.payments (window_start TIMESTAMP, window_end TIMESTAMP, payment_type VARCHAR,
  payments BIGINT, total_value DOUBLE, avg_value DOUBLE, avg_installments DOUBLE, batch_id BIGINT);
CREATE OR REPLACE TABLE stream.late_events (seq BIGINT, event_id VARCHAR, topic VARCHAR, event_type VARCHAR,
  key VARCHAR, event_time TIMESTAMP, arrival_time TIMESTAMP, batch_id BIGINT, watermark TIMESTAMP);
CREATE OR REPLACE TABLE stream.batches (commit_no BIGINT, batch_id BIGINT, first_seq BIGINT, next_seq BIGINT,
  events BIGINT, accepted BIGINT, late BIGINT, duplicates BIGINT, watermark TIMESTAMP,
  max_event_time TIMESTAMP, emitted_windows BIGINT, operator_ms DOUBLE, total_events BIGINT,
  total_accepted BIGINT, total_late BIGINT, total_duplicates BIGINT, done BOOLEAN, watermark_ms DOUBLE,
  max_event_ms DOUBLE, state VARCHAR)
`;

export interface Progress {
  /** Committed micro-batches (the end-of-log flush counts as one). */
  commits: number;
  nextSeq: number;
  lastBatch: number | null;
  events: number;
  accepted: number;
  late: number;
  duplicates: number;
  done: boolean;
}

export interface Checkpoint {
  settings: StreamSettings;
  progress: Progress;
  state: OperatorState;
}

export const freshProgress = (): Progress => ({
  commits: 0,
  nextSeq: 0,
  lastBatch: null,
  events: 0,
  accepted: 0,
  late: 0,
  duplicates: 0,
  done: false,
});

/** Drops every sink and checkpoint row and records the settings of a new run. */
export async function resetSinks(driver: SqlDriver, settings: StreamSettings): Promise<void> {
  await driver.exec(SINK_DDL);
  await driver.rows('INSERT INTO stream.run VALUES (?)', [JSON.stringify(settings)]);
}

const ts = (col: string) => `epoch_ms(${col}::BIGINT)`;
const tsOrNull = (x: number) => (Number.isFinite(x) ? ts(sqlNumber(x)) : 'NULL');
const WINDOW_COLS = ['s', 'e'];
/** Older commits keep their metrics but not their state, trimmed every this many commits. */
const TRIM_EVERY = 64;

/** The statements of one micro-batch's commit: sink rows, late events, operator state and offsets. */
export function commitStatements(
  out: BatchOutput | null,
  rows: WindowRows,
  lateSeqs: readonly number[],
  progress: Progress,
  state: OperatorState,
  meta: { firstSeq: number; operatorMs: number },
): string[] {
  const batch = sqlNumber(out?.batchId ?? progress.lastBatch ?? 0);
  const w = (r: { windowStart: number; windowEnd: number }) => [
    sqlNumber(r.windowStart),
    sqlNumber(r.windowEnd),
  ];
  const wsel = `${ts('s')}, ${ts('e')}`;
  const sql: string[] = ['BEGIN TRANSACTION'];
  sql.push(
    ...insertValues(
      'stream.funnel',
      [...WINDOW_COLS, 'o', 'wi', 'wp', 'ri', 'rp', 'da', 'di'],
      `${wsel}, o, wi, wp, ri::DOUBLE, rp::DOUBLE, da, di, ${batch}`,
      rows.funnel.map((r) => [
        ...w(r),
        ...[r.orders, r.ordersWithItems, r.ordersWithPayment].map(sqlNumber),
        ...[r.itemsConversionRate, r.paymentConversionRate].map(sqlNumber),
        sqlNumber(r.droppedAfterOrder),
        sqlNumber(r.droppedAfterItems),
      ]),
    ),
    ...insertValues(
      'stream.gmv',
      [...WINDOW_COLS, 'g', 'n'],
      `${wsel}, g::DOUBLE, n, ${batch}`,
      rows.gmv.map((r) => [...w(r), sqlNumber(r.gmv), sqlNumber(r.itemEvents)]),
    ),
    ...insertValues(
      'stream.dropoff',
      [...WINDOW_COLS, 'st', 'o', 'd'],
      `${wsel}, st, o, d, ${batch}`,
      rows.dropoff.map((r) => [
        ...w(r),
        sqlString(r.orderStatus),
        sqlNumber(r.orders),
        sqlNumber(r.droppedOrders),
      ]),
    ),
    ...insertValues(
      'stream.payments',
      [...WINDOW_COLS, 'pt', 'n', 'v', 'a', 'i'],
      `${wsel}, pt, n, v::DOUBLE, a::DOUBLE, i::DOUBLE, ${batch}`,
      rows.payments.map((r) => [
        ...w(r),
        sqlString(r.paymentType),
        ...[r.payments, r.totalValue, r.avgValue, r.avgInstallments].map(sqlNumber),
      ]),
    ),
  );
  if (out && lateSeqs.length > 0) {
    for (let i = 0; i < lateSeqs.length; i += 5000) {
      sql.push(`INSERT INTO stream.late_events
        SELECT a.seq, e.event_id, e.topic, e.event_type, e.key, e.event_time, ${ts('a.arrival_ms')},
          a.batch, ${tsOrNull(out.watermarkBefore)}
        FROM stream.arrivals a JOIN stream.events e USING (eid)
        WHERE a.seq IN (${lateSeqs
          .slice(i, i + 5000)
          .map(sqlNumber)
          .join(',')})`);
    }
  }
  const emitted = rows.funnel.length + rows.gmv.length + rows.dropoff.length + rows.payments.length;
  const values = [
    progress.commits,
    out ? out.batchId : null,
    meta.firstSeq,
    progress.nextSeq,
    out?.events ?? 0,
    out?.accepted ?? 0,
    out?.late.length ?? 0,
    out?.duplicates ?? 0,
  ].map(sqlNumber);
  values.push(tsOrNull(state.watermark), tsOrNull(state.maxEventMs));
  values.push(
    ...[emitted, meta.operatorMs, progress.events, progress.accepted, progress.late].map(sqlNumber),
    sqlNumber(progress.duplicates),
    String(progress.done),
    Number.isFinite(state.watermark) ? sqlNumber(state.watermark) : 'NULL',
    Number.isFinite(state.maxEventMs) ? sqlNumber(state.maxEventMs) : 'NULL',
    sqlString(encodeState(state)),
  );
  sql.push(`INSERT INTO stream.batches VALUES (${values.join(', ')})`);
  if (progress.commits % TRIM_EVERY === 0) {
    sql.push(
      `UPDATE stream.batches SET state = NULL WHERE commit_no < ${sqlNumber(progress.commits)} AND state IS NOT NULL`,
    );
  }
  sql.push('COMMIT');
  return sql;
}

export const STATEMENT_SEPARATOR = ';\n';

/** Runs one commit; on failure the transaction is rolled back and nothing of the batch is kept. */
export async function runCommit(driver: SqlDriver, statements: readonly string[]): Promise<void> {
  try {
    // One round trip: the statements are sent together (STATEMENT_SEPARATOR splits them again).
    await driver.exec(statements.join(STATEMENT_SEPARATOR));
  } catch (error) {
    await driver.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Reads the last committed checkpoint (settings, offsets, operator state); null when there is none. */
export async function readCheckpoint(driver: SqlDriver): Promise<Checkpoint | null> {
  const exists = await driver.rows(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'stream' AND table_name = 'run'`,
  );
  if (exists.length === 0) return null;
  const [run] = await driver.rows('SELECT settings FROM stream.run');
  if (!run) return null;
  const settings = JSON.parse(String(run.settings)) as StreamSettings;
  const [row] = await driver.rows(
    'SELECT * EXCLUDE (watermark, max_event_time) FROM stream.batches ORDER BY commit_no DESC LIMIT 1',
  );
  if (!row) return { settings, progress: freshProgress(), state: emptyState() };
  return {
    settings,
    progress: {
      commits: Number(row.commit_no),
      nextSeq: Number(row.next_seq),
      lastBatch: row.batch_id === null ? null : Number(row.batch_id),
      events: Number(row.total_events),
      accepted: Number(row.total_accepted),
      late: Number(row.total_late),
      duplicates: Number(row.total_duplicates),
      done: row.done === true,
    },
    state: decodeState(String(row.state)),
  };
}
