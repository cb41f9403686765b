import { test, expect } from './fixtures.ts';

test.describe('Live', () => {
  test('replays the demo data: pause, step, speed in the URL, and final windows that match the sink', async ({
    openApp,
  }) => {
    test.setTimeout(240_000);
    // Speed 1× with weekly micro-batches: the first batch is a simulated week away, so nothing
    // happens until a step.
    const page = await openApp('?p=live&orders=1000&seed=3&lv.sp=1&lv.tr=7d');
    const start = page.getByRole('button', { name: 'Start replay' });
    await expect(start).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText('Latest final windows')).toBeVisible();

    await page.getByLabel('Window', { exact: true }).selectOption('1d');
    expect(new URL(page.url()).searchParams.get('lv.w')).toBe('1d');

    await start.click();
    const state = page.getByTestId('replay-state');
    await expect(state).toHaveText('running', { timeout: 60_000 });
    await expect(page.getByTestId('batches')).toHaveText('0');
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(state).toHaveText('paused');

    const step = page.getByRole('button', { name: 'Step one micro-batch' });
    await step.click();
    await expect(page.getByTestId('batches')).toHaveText('1');
    await step.click();
    await expect(page.getByTestId('batches')).toHaveText('2');
    const counted = await page.evaluate(async () => {
      const [row] = await (window as unknown as LakehouseWindow).lakehouse.engine.rows(
        'SELECT count(*)::INTEGER AS n FROM stream.arrivals WHERE batch <= (SELECT max(batch_id) FROM stream.batches)',
      );
      return row!.n as number;
    });
    await expect(page.getByTestId('events')).toHaveText(counted.toLocaleString('en-US'));

    await page.getByLabel('As fast as possible').check();
    expect(new URL(page.url()).searchParams.get('lv.sp')).toBe('max');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(state).toHaveText('done', { timeout: 120_000 });

    // Counters against the sink and the log.
    const totals = await page.evaluate(async () => {
      const engine = (window as unknown as LakehouseWindow).lakehouse.engine;
      const [row] = await engine.rows(
        `SELECT (SELECT count(*) FROM stream.arrivals)::INTEGER AS events,
           (SELECT count(*) FROM stream.late_events)::INTEGER AS late`,
      );
      return row as { events: number; late: number };
    });
    await expect(page.getByTestId('events')).toHaveText(totals.events.toLocaleString('en-US'));
    await expect(page.getByTestId('late')).toHaveText(totals.late.toLocaleString('en-US'));
    expect(totals.late).toBeGreaterThan(0);
    await expect(page.locator('main canvas')).toHaveCount(5);

    // The newest final window shown = the same window in stream.gmv, queried directly.
    const first = page.getByTestId('final-windows').locator('tbody tr').first();
    const windowStart = (await first.locator('td').first().textContent())!.trim();
    const shownGmv = (await first.getByTestId('final-gmv').textContent())!.trim();
    const gmv = await page.evaluate(async (start) => {
      const [row] = await (window as unknown as LakehouseWindow).lakehouse.engine.rows(
        `SELECT gmv FROM stream.gmv WHERE strftime(window_start, '%Y-%m-%d %H:%M') = ?`,
        [start],
      );
      return row ? Number(row.gmv) : 0;
    }, windowStart);
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL' });
    expect(shownGmv).toBe(money.format(gmv));
  });
});

interface LakehouseWindow {
  lakehouse: {
    engine: { rows(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>> };
  };
}
