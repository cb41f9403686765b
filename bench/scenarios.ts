import type { PlainRow } from '../src/engine/arrow-rows.ts';

/** What a scenario needs from an engine: run SQL, read a small result back. */
export interface BenchTarget {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<PlainRow[]>;
}

export interface BenchScenario {
  name: string;
  description: string;
  /** Untimed preparation, run once before the warm-up. */
  setup?(target: BenchTarget): Promise<void>;
  /** The timed statement(s). */
  sql: string;
  /** A small query whose answer must be the same on every engine, so the timings compare like with like. */
  check: string;
}

export const EVENTS_FILE = 'bench-events.csv';

const LOAD_EVENTS = `CREATE OR REPLACE TABLE events AS SELECT * FROM read_csv('${EVENTS_FILE}', header = true,
  columns = {'event_id': 'BIGINT', 'user_id': 'INTEGER', 'ts': 'TIMESTAMP', 'category': 'VARCHAR',
             'price': 'DOUBLE', 'qty': 'INTEGER', 'status': 'VARCHAR', 'channel': 'VARCHAR'})`;

export function scenarios(users: number): BenchScenario[] {
  const prepare = async (target: BenchTarget) => {
    await target.exec(LOAD_EVENTS);
    await target.exec(
      `CREATE OR REPLACE TABLE users AS SELECT range::INTEGER AS user_id,
         (range % 5)::INTEGER AS segment FROM range(${users})`,
    );
  };
  return [
    {
      name: 'csv_to_table',
      description: 'CSV (8 columns) → typed table',
      sql: LOAD_EVENTS,
      check: 'SELECT count(*)::BIGINT AS n, round(sum(price), 2) AS s FROM events',
    },
    {
      name: 'group_by_hour_category',
      description: 'GROUP BY time_bucket(1 h), category',
      setup: prepare,
      sql: `CREATE OR REPLACE TEMP TABLE agg AS SELECT time_bucket(INTERVAL 1 HOUR, ts) AS hour,
              category, count(*) AS n, sum(price * qty) AS gmv FROM events GROUP BY ALL`,
      check: 'SELECT count(*)::BIGINT AS groups, sum(n)::BIGINT AS n FROM agg',
    },
    {
      name: 'join_group_by',
      description: 'JOIN events × users, GROUP BY segment',
      setup: prepare,
      sql: `CREATE OR REPLACE TEMP TABLE seg AS SELECT u.segment, count(*) AS n, sum(e.price) AS revenue
              FROM events e JOIN users u USING (user_id) GROUP BY u.segment`,
      check: 'SELECT count(*)::BIGINT AS segments, sum(n)::BIGINT AS n FROM seg',
    },
  ];
}
