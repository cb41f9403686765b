import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlainRow } from '../engine/arrow-rows.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { buildEventLog } from './event-log.ts';
import { OUTPUTS, oracleRows, oracleRowsUpTo, sinkRows } from './oracle.ts';
import { openReplay, restartReplay, runToEnd } from './replay.ts';
import { DAY, DEFAULT_SETTINGS, HOUR, MINUTE, type StreamSettings } from './settings.ts';
import { buildWasmDemo, crashingDriver } from './testing.ts';

let driver: SqlDriver;
const now = () => performance.now();

beforeAll(async () => {
  driver = await buildWasmDemo({ seed: 6, orders: 1500, scenario: 'flash_sale' });
  await buildEventLog(driver);
}, 600_000);
afterAll(() => driver?.close());

/** Values as compared: floating sums to 9 significant digits (the stream adds in arrival order, SQL in its own). */
function normal(rows: PlainRow[]): PlainRow[] {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v,
      ]),
    ),
  );
}

async function replay(settings: StreamSettings, maxBatches = 1) {
  await restartReplay(driver, settings);
  return runToEnd(await openReplay(driver, now), undefined, { maxBatches });
}

async function expectOracle(settings: StreamSettings) {
  for (const output of OUTPUTS) {
    const stream = await sinkRows(driver, output);
    expect(stream.length, output).toBeGreaterThan(0);
    expect(normal(stream), output).toEqual(normal(await oracleRows(driver, output, settings)));
  }
  const late = await driver.rows('SELECT seq FROM stream.late_events ORDER BY seq');
  expect(late).toEqual(await oracleRows(driver, 'late', settings));
  // At the end every window is final, and the update-mode sinks hold what the append-mode ones do.
  for (const output of OUTPUTS) {
    expect(
      await driver.rows(`SELECT * EXCLUDE (is_final) FROM stream.${output}_live ORDER BY ALL`),
      `${output}_live`,
    ).toEqual(await driver.rows(`SELECT * FROM stream.${output} ORDER BY ALL`));
    const [open] = await driver.rows(
      `SELECT count(*) FILTER (WHERE NOT is_final)::INTEGER AS n FROM stream.${output}_live`,
    );
    expect(open!.n, `${output}_live`).toBe(0);
  }
}

const CASES: Array<[string, Partial<StreamSettings>]> = [
  ['1 h tumbling, daily batches, default disorder', { seed: 1 }],
  [
    '1 day tumbling, daily batches, heavy disorder',
    {
      seed: 2,
      windowMs: DAY,
      slideMs: DAY,
      triggerMs: DAY,
      maxDelayMs: 2 * DAY,
      latenessMs: DAY,
      lateShare: 0.05,
      dupShare: 0.1,
    },
  ],
  [
    '1 day sliding by 6 h, weekly batches, zero lateness',
    {
      seed: 3,
      windowMs: DAY,
      slideMs: 6 * HOUR,
      triggerMs: 7 * DAY,
      maxDelayMs: 3 * DAY,
      latenessMs: 0,
      lateShare: 0.02,
      dupShare: 0.05,
    },
  ],
  [
    '1 min tumbling, 2-day batches, duplicates only',
    { seed: 4, windowMs: MINUTE, slideMs: MINUTE, triggerMs: 2 * DAY, lateShare: 0, dupShare: 0.2 },
  ],
];

describe('stream == batch oracle', () => {
  it.each(CASES)(
    '%s',
    async (_, partial) => {
      const settings = { ...DEFAULT_SETTINGS, ...partial };
      const progress = await replay(settings);
      expect(progress.done).toBe(true);
      expect(progress.events).toBe(progress.accepted + progress.late + progress.duplicates);
      if (settings.dupShare > 0) expect(progress.duplicates).toBeGreaterThan(0);
      if (settings.lateShare > 0) expect(progress.late).toBeGreaterThan(0);
      await expectOracle(settings);
    },
    300_000,
  );
});

/** mulberry32: the test's own seeded choice of crash points. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SINKS = [...OUTPUTS.flatMap((o) => [o, `${o}_live`]), 'late_events'] as const;

async function sinkSnapshot() {
  const out: Record<string, PlainRow[]> = {};
  for (const table of SINKS)
    out[table] = await driver.rows(`SELECT * FROM stream.${table} ORDER BY ALL`);
  out.batches = await driver.rows(
    'SELECT * EXCLUDE (operator_ms, state) FROM stream.batches ORDER BY commit_no',
  );
  return out;
}

describe('exactly once across crashes', () => {
  it.each([
    [11, { seed: 5, triggerMs: 7 * DAY, maxDelayMs: 2 * DAY, latenessMs: DAY, lateShare: 0.03 }],
    [12, { seed: 6, windowMs: DAY, slideMs: 12 * HOUR, triggerMs: 5 * DAY, dupShare: 0.1 }],
  ] as Array<[number, Partial<StreamSettings>]>)(
    'crashes at random points (test seed %i), each resumed by a fresh operator from the last commit',
    async (testSeed, partial) => {
      const settings = { ...DEFAULT_SETTINGS, ...partial };
      await replay(settings);
      const uninterrupted = await sinkSnapshot();

      await restartReplay(driver, settings);
      const random = prng(testSeed);
      let crashes = 0;
      for (let attempt = 0; attempt < 500; attempt++) {
        // A crash after 1–60 statements: while restoring, reading a batch, or inside a commit.
        const crashing = crashingDriver(driver, 1 + Math.floor(random() * 60));
        // Half of the attempts commit up to four micro-batches at a time.
        const maxBatches = random() < 0.5 ? 1 : 1 + Math.floor(random() * 4);
        try {
          const progress = await runToEnd(await openReplay(crashing, now), undefined, {
            maxBatches,
          });
          if (progress.done) break;
        } catch (error) {
          expect(String(error)).toContain('simulated crash');
          crashes++;
          // The process died: its open transaction goes with its connection.
          await driver.exec('ROLLBACK').catch(() => undefined);
        }
      }
      expect(crashes).toBeGreaterThan(3);
      expect(await sinkSnapshot()).toEqual(uninterrupted);
      await expectOracle(settings);
    },
    300_000,
  );
});

describe('update mode (stream.*_live)', () => {
  it('after each of the first micro-batches, holds every window as the oracle over the log cut after that batch', async () => {
    const settings: StreamSettings = {
      ...DEFAULT_SETTINGS,
      seed: 8,
      windowMs: DAY,
      slideMs: 12 * HOUR,
      triggerMs: 3 * DAY,
      maxDelayMs: 2 * DAY,
      latenessMs: DAY,
      lateShare: 0.03,
      dupShare: 0.05,
    };
    await restartReplay(driver, settings);
    const r = await openReplay(driver, now);
    let open = 0;
    for (let i = 0; i < 40; i++) {
      const report = await r.step();
      if (!report?.output) break;
      for (const output of OUTPUTS) {
        expect(normal(await sinkRows(driver, output, 'update')), `${output} @${i}`).toEqual(
          normal(await oracleRowsUpTo(driver, output, settings, report.batchId)),
        );
        // Final rows are the append-mode sink's, exactly.
        expect(
          await driver.rows(
            `SELECT * EXCLUDE (is_final) FROM stream.${output}_live WHERE is_final ORDER BY ALL`,
          ),
        ).toEqual(await driver.rows(`SELECT * FROM stream.${output} ORDER BY ALL`));
      }
      const [row] = await driver.rows(
        'SELECT count(*) FILTER (WHERE NOT is_final)::INTEGER AS n FROM stream.funnel_live',
      );
      open = Math.max(open, Number(row!.n));
    }
    // Windows were seen open, not only final.
    expect(open).toBeGreaterThan(0);
  }, 300_000);
});

describe('group commits', () => {
  it('several micro-batches per commit write the same sinks and commit log as one per commit', async () => {
    const settings = { ...DEFAULT_SETTINGS, seed: 9, triggerMs: 2 * DAY, lateShare: 0.02 };
    const stateRows = async () =>
      Number(
        (
          await driver.rows(
            'SELECT count(*)::INTEGER AS n FROM stream.batches WHERE state IS NOT NULL',
          )
        )[0]!.n,
      );
    const single = await replay(settings);
    const one = await sinkSnapshot();
    const singleStates = await stateRows();
    const grouped = await replay(settings, 7);
    expect(grouped).toEqual(single);
    expect(await sinkSnapshot()).toEqual(one);
    // Only the last micro-batch of a commit carries the operator state.
    expect(await stateRows()).toBeLessThan(singleStates);
    await expectOracle(settings);
  }, 300_000);
});

describe('with no disorder, no duplicates and zero lateness', () => {
  it('the final windows equal a plain GROUP BY over silver', async () => {
    const settings: StreamSettings = {
      ...DEFAULT_SETTINGS,
      windowMs: DAY,
      slideMs: DAY,
      latenessMs: 0,
      maxDelayMs: 0,
      lateShare: 0,
      dupShare: 0,
      triggerMs: DAY,
    };
    const progress = await replay(settings);
    expect(progress.late + progress.duplicates).toBe(0);
    const q = (sql: string) => driver.rows(sql).then(normal);
    expect(
      await q(
        `SELECT window_start, orders, orders_with_items, orders_with_payment FROM stream.funnel ORDER BY 1`,
      ),
    ).toEqual(
      await q(`WITH o AS (SELECT date_trunc('day', purchased_at)::TIMESTAMP AS d, count(*)::BIGINT AS n
                 FROM silver.orders WHERE purchased_at IS NOT NULL GROUP BY 1),
        i AS (SELECT date_trunc('day', o.purchased_at)::TIMESTAMP AS d, count(DISTINCT i.order_id)::BIGINT AS n
              FROM silver.order_items i JOIN silver.orders o USING (order_id) GROUP BY 1),
        p AS (SELECT date_trunc('day', coalesce(o.approved_at, o.purchased_at))::TIMESTAMP AS d,
                count(DISTINCT p.order_id)::BIGINT AS n
              FROM silver.payments p JOIN silver.orders o USING (order_id) GROUP BY 1)
        SELECT d AS window_start, coalesce(o.n, 0) AS orders, coalesce(i.n, 0) AS orders_with_items,
          coalesce(p.n, 0) AS orders_with_payment
        FROM o FULL JOIN i USING (d) FULL JOIN p USING (d) ORDER BY 1`),
    );
    expect(await q('SELECT window_start, gmv, item_events FROM stream.gmv ORDER BY 1')).toEqual(
      await q(`SELECT date_trunc('day', o.purchased_at)::TIMESTAMP AS window_start,
          sum(i.line_total + i.freight_value)::DOUBLE AS gmv, count(*)::BIGINT AS item_events
        FROM silver.order_items i JOIN silver.orders o USING (order_id) GROUP BY 1 ORDER BY 1`),
    );
    expect(
      await q(
        'SELECT window_start, order_status, orders, dropped_orders FROM stream.dropoff ORDER BY 1, 2',
      ),
    ).toEqual(
      await q(`SELECT date_trunc('day', purchased_at)::TIMESTAMP AS window_start, order_status,
          count(*)::BIGINT AS orders, count(*) FILTER (WHERE NOT is_completed)::BIGINT AS dropped_orders
        FROM silver.orders GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    expect(
      await q(
        'SELECT window_start, payment_type, payments, total_value FROM stream.payments ORDER BY 1, 2',
      ),
    ).toEqual(
      await q(`SELECT date_trunc('day', coalesce(o.approved_at, o.purchased_at))::TIMESTAMP AS window_start,
          p.payment_type, count(*)::BIGINT AS payments, sum(p.payment_value)::DOUBLE AS total_value
        FROM silver.payments p JOIN silver.orders o USING (order_id) GROUP BY 1, 2 ORDER BY 1, 2`),
    );
    // Over all windows, the stream's drop-off agrees with the gold mart of the batch pipeline.
    expect(
      await q(`SELECT order_status, sum(orders)::BIGINT AS orders, sum(dropped_orders)::BIGINT AS dropped
        FROM stream.dropoff GROUP BY 1 ORDER BY 1`),
    ).toEqual(
      await q(
        'SELECT order_status, orders, dropped_orders AS dropped FROM gold.dropoff_by_status ORDER BY 1',
      ),
    );
  }, 300_000);
});
