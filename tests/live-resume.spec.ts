import type { Page } from '@playwright/test';
import { ORACLE_SQL, oracleParams } from '../src/stream/oracle.ts';
import { DAY, DEFAULT_SETTINGS, type StreamSettings } from '../src/stream/settings.ts';
import { expect } from './fixtures.ts';
import { persistentTest, type PersistentBrowser } from './persistent.ts';

/**
 * Daily micro-batches over the demo's two years (~770 batches), daily windows, with disorder, too-late
 * events and duplicates, at 1,000,000× (a batch every 86 ms of wall time, about a minute in all), so
 * there is time to interrupt it. The uninterrupted run goes as fast as possible: speed changes when
 * rows appear, never what they are.
 */
const SETTINGS: StreamSettings = {
  ...DEFAULT_SETTINGS,
  seed: 7,
  windowMs: DAY,
  slideMs: DAY,
  triggerMs: DAY,
  latenessMs: DAY,
  maxDelayMs: 2 * DAY,
  lateShare: 0.05,
  dupShare: 0.05,
};
const LIVE =
  '?p=live&orders=1000&seed=3&lv.w=1d&lv.tr=1d&lv.la=1d&lv.dl=2d&lv.lt=0.05&lv.du=0.05&lv.sd=7';
const SINKS = ['funnel', 'gmv', 'dropoff', 'payments', 'late_events'] as const;

type Browser = PersistentBrowser;
const test = persistentTest;

const rows = (page: Page, sql: string, params?: unknown[]) =>
  page.evaluate(([s, p]) => globalThis.lakehouse.engine.rows(s, p), [sql, params] as const);

/** Opens the Live page and waits until the demo data is built and the replay can start. */
async function openLive(page: Page, search: string) {
  await page.goto(`./${search}`);
  await expect(page.getByTestId('engine-status')).toContainText('DuckDB v', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: /^(Start|Resume) replay/ })).toBeVisible({
    timeout: 180_000,
  });
}

/** Every sink row (final windows with the micro-batch that emitted them, late events) and the final totals. */
async function finalWindows(page: Page) {
  const out: Record<string, unknown[]> = {};
  for (const table of SINKS)
    out[table] = await rows(page, `SELECT * FROM stream.${table} ORDER BY ALL`);
  out.totals = await rows(
    page,
    `SELECT total_events, total_accepted, total_late, total_duplicates, next_seq, done
     FROM stream.batches ORDER BY commit_no DESC LIMIT 1`,
  );
  return out;
}

/** Floating sums to 9 significant digits: the stream adds in arrival order, SQL in its own. */
function normal(list: unknown[]): unknown[] {
  return (list as Array<Record<string, unknown>>).map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v,
      ]),
    ),
  );
}

let reference: Promise<Record<string, unknown[]>> | null = null;

/**
 * The uninterrupted run: the same data and settings replayed in memory (`?storage=memory`, nothing
 * persisted, nothing resumed) from start to end, checked against the batch oracle.
 */
function uninterrupted(launch: () => Promise<Browser>) {
  reference ??= (async () => {
    const { page, context } = await launch();
    await openLive(page, `${LIVE}&lv.sp=max&storage=memory`);
    await page.getByRole('button', { name: 'Start replay' }).click();
    await expect(page.getByTestId('replay-state')).toHaveText('done', { timeout: 300_000 });
    const final = await finalWindows(page);
    for (const output of ['funnel', 'gmv', 'dropoff', 'payments'] as const) {
      const stream = await rows(page, `SELECT * EXCLUDE (batch_id) FROM (${sinkOrder(output)})`);
      const oracle = await rows(page, ORACLE_SQL[output], oracleParams(SETTINGS));
      expect(stream.length, output).toBeGreaterThan(10);
      expect(normal(stream), output).toEqual(normal(oracle));
    }
    const late = await rows(page, 'SELECT seq FROM stream.late_events ORDER BY seq');
    expect(late.length).toBeGreaterThan(0);
    expect(late).toEqual(await rows(page, ORACLE_SQL.late, oracleParams(SETTINGS)));
    await context.close();
    return final;
  })();
  return reference;
}

function sinkOrder(output: 'funnel' | 'gmv' | 'dropoff' | 'payments') {
  const order = {
    funnel: 'window_start',
    gmv: 'window_start',
    dropoff: 'window_start, order_status',
    payments: 'window_start, payment_type',
  }[output];
  return `SELECT * FROM stream.${output} ORDER BY ${order}`;
}

/** Starts the replay on a fresh profile and lets it commit some micro-batches (not all of them). */
async function startAndCommitSome(page: Page) {
  await openLive(page, LIVE);
  await page.getByRole('button', { name: 'Start replay' }).click();
  await expect(page.getByTestId('replay-state')).toHaveText('running', { timeout: 60_000 });
  await expect
    .poll(
      async () => Number((await page.getByTestId('batches').textContent())!.replace(/,/g, '')),
      {
        timeout: 120_000,
      },
    )
    .toBeGreaterThanOrEqual(20);
}

/**
 * After the interruption: the last commit is there, not final, and the page offers to resume it;
 * resuming continues from it (the rows committed before are kept, not written again) to the end.
 */
async function resumeToEnd(page: Page) {
  await openLive(page, LIVE);
  const [saved] = await rows(
    page,
    'SELECT max(commit_no)::INT AS commits, bool_or(done) AS done FROM stream.batches',
  );
  const commits = saved!.commits as number;
  expect(commits, 'micro-batches committed before the interruption').toBeGreaterThanOrEqual(20);
  expect(saved!.done, 'the replay was interrupted before its end').toBe(false);
  // operator_ms is wall-clock time: a replay started over would write other values.
  const before = await rows(page, 'SELECT commit_no, operator_ms FROM stream.batches ORDER BY 1');

  const resume = page.getByRole('button', { name: 'Resume replay' });
  await expect(resume).toContainText(`${commits} micro-batches committed`);
  await resume.click();
  await expect(page.getByTestId('replay-state')).toHaveText('done', { timeout: 300_000 });
  expect(
    await rows(
      page,
      `SELECT commit_no, operator_ms FROM stream.batches WHERE commit_no <= ${commits} ORDER BY 1`,
    ),
  ).toEqual(before);
  // One commit per number, none lost or repeated.
  const [log] = await rows(
    page,
    'SELECT count(*)::INT AS n, count(DISTINCT commit_no)::INT AS d, max(commit_no)::INT AS last FROM stream.batches',
  );
  expect(log).toEqual({ n: log!.last, d: log!.last, last: log!.last });
  // The page's counters agree with the sinks after the resume.
  const [sums] = await rows(
    page,
    'SELECT (SELECT count(*) FROM stream.arrivals)::INT AS events, (SELECT count(*) FROM stream.late_events)::INT AS late',
  );
  await expect(page.getByTestId('events')).toHaveText(sums!.events!.toLocaleString('en-US'));
  await expect(page.getByTestId('late')).toHaveText(sums!.late!.toLocaleString('en-US'));
  return finalWindows(page);
}

test.describe('Live replay, exactly once across interruptions', () => {
  test.describe.configure({ timeout: 900_000 });

  test('a reload in the middle of a replay resumes from the last commit to the same final windows as an uninterrupted run', async ({
    launch,
  }) => {
    const expected = await uninterrupted(launch);
    const { page } = await launch();
    await startAndCommitSome(page);
    await page.reload();
    expect(await resumeToEnd(page)).toEqual(expected);
  });

  test('a browser restart in the middle of a replay resumes from the last commit to the same final windows as an uninterrupted run', async ({
    launch,
  }) => {
    const expected = await uninterrupted(launch);
    const first = await launch();
    await startAndCommitSome(first.page);
    await first.context.close();
    const second = await launch();
    expect(await resumeToEnd(second.page)).toEqual(expected);
  });
});
