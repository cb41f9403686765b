import type { SqlDriver } from '../engine/sql-driver.ts';
import { emptyState, type BatchOutput, type OperatorState } from './operators.ts';
import type { WindowRows } from './outputs.ts';
import type { StreamSettings } from './settings.ts';
import { insertValues, sqlNumber, sqlString } from './sql-values.ts';
import { decodeState, encodeState } from './state-codec.ts';

const OUTPUT_DDL = {
  funnel: `orders BIGINT, orders_with_items BIGINT, orders_with_payment BIGINT,
    items_conversion_rate DOUBLE, payment_conversion_rate DOUBLE, dropped_after_order BIGINT,
    dropped_after_items BIGINT`,
  gmv: 'gmv DOUBLE, item_events BIGINT',
  dropoff: 'order_status VARCHAR, orders BIGINT, dropped_orders BIGINT',
  payments: `payment_type VARCHAR, payments BIGINT, total_value DOUBLE, avg_value DOUBLE,
    avg_installments DOUBLE`,
};

/**
 * Sink tables and the commit log, all in schema `stream`. Append mode (`funnel`, `gmv`, `dropoff`,
 * `payments`): each final window once, with the batch that closed it. Update mode (the same names
 * with `_live`): every window seen so far as it stands, with the batch that last changed it and
 * whether it is final. Each row of stream.batches is one committed micro-batch; the latest holds
 * the checkpoint: offset (next_seq), running totals and the operator state.
 */
export const SINK_DDL = `
CREATE SCHEMA IF NOT EXISTS stream;
CREATE OR REPLACE TABLE stream.run (settings VARCHAR);
${Object.entries(OUTPUT_DDL)
  .map(
    ([name, cols]) => `
CREATE OR REPLACE TABLE stream.${name} (window_start TIMESTAMP, window_end TIMESTAMP, ${cols},
  batch_id BIGINT);
CREATE OR REPLACE TABLE stream.${name}_live (window_start TIMESTAMP, window_end TIMESTAMP, ${cols},
  batch_id BIGINT, is_final BOOLEAN);`,
  )
  .join('')}
CREATE OR REPLACE TABLE stream.late_events (seq BIGINT, event_id VARCHAR, topic VARCHAR, event_type VARCHAR,
  key VARCHAR, event_time TIMESTAMP, arrival_time TIMESTAMP, batch_id BIGINT, watermark TIMESTAMP);
CREATE OR REPLACE TABLE stream.batches (commit_no BIGINT, batch_id BIGINT, first_seq BIGINT, next_seq BIGINT,
  events BIGINT, accepted BIGINT, late BIGINT, duplicates BIGINT, watermark TIMESTAMP,
  max_event_time TIMESTAMP, emitted_windows BIGINT, operator_ms DOUBLE, total_events BIGINT,
  total_accepted BIGINT, total_late BIGINT, total_duplicates BIGINT, done BOOLEAN, watermark_ms DOUBLE,
  max_event_ms DOUBLE, state VARCHAR)
`;

const SINK_TABLES = [
  'run',
  ...Object.keys(OUTPUT_DDL).flatMap((name) => [name, `${name}_live`]),
  'late_events',
  'batches',
];

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
/** Older commits keep their metrics but not their state, trimmed every this many micro-batches. */
const TRIM_EVERY = 64;

/** One micro-batch run through the operators, waiting for its commit. */
export interface StagedBatch {
  /** Null for the end-of-log flush. */
  out: BatchOutput | null;
  /** Windows that became final (append mode). */
  final: WindowRows;
  /** Open windows the batch changed, as they stand now (update mode). */
  live: WindowRows;
  lateSeqs: readonly number[];
  /** Offsets and totals after this batch. */
  progress: Progress;
  firstSeq: number;
  operatorMs: number;
}

type Row<K extends keyof WindowRows> = WindowRows[K][number];
interface Columns<K extends keyof WindowRows> {
  names: string[];
  select: string;
  values(r: Row<K>): string[];
}
const OUTPUT_COLUMNS: { [K in keyof WindowRows]: Columns<K> } = {
  funnel: {
    names: ['o', 'wi', 'wp', 'ri', 'rp', 'da', 'di'],
    select: 'o, wi, wp, ri::DOUBLE, rp::DOUBLE, da, di',
    values: (r) => [
      ...[r.orders, r.ordersWithItems, r.ordersWithPayment].map(sqlNumber),
      ...[r.itemsConversionRate, r.paymentConversionRate].map(sqlNumber),
      ...[r.droppedAfterOrder, r.droppedAfterItems].map(sqlNumber),
    ],
  },
  gmv: {
    names: ['g', 'n'],
    select: 'g::DOUBLE, n',
    values: (r) => [sqlNumber(r.gmv), sqlNumber(r.itemEvents)],
  },
  dropoff: {
    names: ['st', 'o', 'd'],
    select: 'st, o, d',
    values: (r) => [sqlString(r.orderStatus), sqlNumber(r.orders), sqlNumber(r.droppedOrders)],
  },
  payments: {
    names: ['pt', 'n', 'v', 'a', 'i'],
    select: 'pt, n, v::DOUBLE, a::DOUBLE, i::DOUBLE',
    values: (r) => [
      sqlString(r.paymentType),
      ...[r.payments, r.totalValue, r.avgValue, r.avgInstallments].map(sqlNumber),
    ],
  },
};
const OUTPUT_KEYS = ['funnel', 'gmv', 'dropoff', 'payments'] as const;

/** A sink row as VALUES: window, the output's columns, batch id (and, in update mode, whether final). */
interface Tagged<K extends keyof WindowRows> {
  row: Row<K>;
  batch: number;
  final?: boolean;
}

function insertRows<K extends keyof WindowRows>(
  table: string,
  key: K,
  rows: readonly Tagged<K>[],
  live: boolean,
): string[] {
  const c = OUTPUT_COLUMNS[key];
  const extra = live ? ['b', 'f'] : ['b'];
  return insertValues(
    table,
    ['s', 'e', ...c.names, ...extra],
    `${ts('s')}, ${ts('e')}, ${c.select}, ${extra.join(', ')}`,
    rows.map((t) => [
      sqlNumber(t.row.windowStart),
      sqlNumber(t.row.windowEnd),
      ...c.values(t.row),
      sqlNumber(t.batch),
      ...(live ? [String(t.final === true)] : []),
    ]),
  );
}

/**
 * Update mode: every window the commit's batches changed or closed, as it stands after the last of
 * them, replaces its earlier version. An output's rows of a window only ever grow (a status or
 * payment type once seen stays), so deleting the windows present in the new rows is exact.
 */
function upsertLive<K extends keyof WindowRows>(
  key: K,
  staged: readonly StagedBatch[],
  batchOf: (s: StagedBatch) => number,
): string[] {
  const latest = new Map<number, Tagged<K>[]>();
  for (const s of staged) {
    const fresh = new Map<number, Tagged<K>[]>();
    for (const [rows, final] of [
      [s.live[key], false],
      [s.final[key], true],
    ] as const) {
      for (const row of rows as readonly Row<K>[]) {
        let list = fresh.get(row.windowStart);
        if (!list) fresh.set(row.windowStart, (list = []));
        list.push({ row, batch: batchOf(s), final });
      }
    }
    for (const [start, list] of fresh) latest.set(start, list);
  }
  if (latest.size === 0) return [];
  const table = `stream.${key}_live`;
  const starts = [...latest.keys()].map((x) => `(${sqlNumber(x)})`).join(',');
  return [
    `DELETE FROM ${table} WHERE window_start IN (SELECT ${ts('s')} FROM (VALUES ${starts}) v(s))`,
    ...insertRows(table, key, [...latest.values()].flat(), true),
  ];
}

/**
 * The statements of one commit of one or more micro-batches, in one transaction: their sink rows
 * (append and update mode), late events, one stream.batches row each (offsets and totals), and the
 * operator state after the last of them.
 */
export function commitStatements(staged: readonly StagedBatch[], state: OperatorState): string[] {
  if (staged.length === 0) return [];
  const batchOf = (s: StagedBatch) => s.out?.batchId ?? s.progress.lastBatch ?? 0;
  const sql: string[] = ['BEGIN TRANSACTION'];
  for (const key of OUTPUT_KEYS) {
    const rows = staged.flatMap((s) =>
      (s.final[key] as readonly Row<typeof key>[]).map((row) => ({ row, batch: batchOf(s) })),
    );
    sql.push(...insertRows(`stream.${key}`, key, rows, false));
    sql.push(...upsertLive(key, staged, batchOf));
  }
  const late = staged.flatMap((s) =>
    s.out ? s.lateSeqs.map((seq) => `(${sqlNumber(seq)},${tsOrNull(s.out!.watermarkBefore)})`) : [],
  );
  for (let i = 0; i < late.length; i += 5000) {
    sql.push(`INSERT INTO stream.late_events
      SELECT a.seq, e.event_id, e.topic, e.event_type, e.key, e.event_time, ${ts('a.arrival_ms')},
        a.batch, v.wm
      FROM (VALUES ${late.slice(i, i + 5000).join(',')}) v(seq, wm)
        JOIN stream.arrivals a USING (seq) JOIN stream.events e USING (eid)`);
  }
  const last = staged[staged.length - 1]!;
  const rows = staged.map((s) => {
    const { out, progress } = s;
    const emitted = OUTPUT_KEYS.reduce((n, k) => n + s.final[k].length, 0);
    const values = [
      progress.commits,
      out ? out.batchId : null,
      s.firstSeq,
      progress.nextSeq,
      out?.events ?? 0,
      out?.accepted ?? 0,
      out?.late.length ?? 0,
      out?.duplicates ?? 0,
    ].map(sqlNumber);
    // Watermark and max event time after the batch: the output's, or the state's after a flush.
    const wm = out ? out.watermark : state.watermark;
    const mx = out ? out.maxEventMs : state.maxEventMs;
    values.push(tsOrNull(wm), tsOrNull(mx));
    values.push(
      ...[emitted, s.operatorMs, progress.events, progress.accepted, progress.late].map(sqlNumber),
      sqlNumber(progress.duplicates),
      String(progress.done),
      Number.isFinite(wm) ? sqlNumber(wm) : 'NULL',
      Number.isFinite(mx) ? sqlNumber(mx) : 'NULL',
      // The state is the last batch's: a commit restores to its end, never to its middle.
      s === last ? sqlString(encodeState(state)) : 'NULL',
    );
    return `(${values.join(', ')})`;
  });
  sql.push(`INSERT INTO stream.batches VALUES ${rows.join(', ')}`);
  if (staged.some((s) => s.progress.commits % TRIM_EVERY === 0)) {
    sql.push(
      `UPDATE stream.batches SET state = NULL WHERE commit_no < ${sqlNumber(last.progress.commits)} AND state IS NOT NULL`,
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
  // A run whose sinks are not all there (none yet, or written before the update-mode sinks
  // existed) cannot be resumed: it starts over.
  const [tables] = await driver.rows(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables
     WHERE table_schema = 'stream' AND table_name IN (${SINK_TABLES.map(sqlString).join(', ')})`,
  );
  if (Number(tables?.n) !== SINK_TABLES.length) return null;
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
