import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import { test, expect, guardContext } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** Rows from the page's own engine (a second method next to what the page shows). */
async function sql<T = Record<string, unknown>>(page: Page, text: string): Promise<T[]> {
  return page.evaluate(
    (q) =>
      (
        globalThis as unknown as { lakehouse: { engine: { rows(q: string): Promise<unknown[]> } } }
      ).lakehouse.engine.rows(q),
    text,
  ) as Promise<T[]>;
}

/** A query that returns rows (as a non-empty tuple, so its first row destructures). */
async function sql1<T>(page: Page, text: string): Promise<[T, ...T[]]> {
  const rows = await sql<T>(page, text);
  expect(rows.length).toBeGreaterThan(0);
  return rows as [T, ...T[]];
}

const kpiTexts = (page: Page) => page.getByTestId('kpi').allInnerTexts();

test.describe('Shareable links', () => {
  test('filters from the filter bar and a chart click travel in a link to a fresh browser', async ({
    openApp,
    context,
    browser,
    server,
  }) => {
    // Two demo loads and builds (one per browser context) on a shared 2-core machine.
    test.setTimeout(240_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await openApp('?orders=1000&seed=3&per=all');
    const kpis = page.getByTestId('kpi');
    await expect(kpis).toHaveCount(6, { timeout: 120_000 });
    await expect(kpis.filter({ hasText: 'Orders' })).toContainText('1,000');

    // A click on the largest bar of "Orders by status" (the top one) filters by that status.
    const [{ n: statuses, top }] = await sql1<{ n: number; top: string }>(
      page,
      `SELECT count(DISTINCT order_status)::INT AS n,
         (SELECT order_status FROM silver.orders GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS top
       FROM silver.orders`,
    );
    const chart = page.getByTestId('chart-status');
    const box = (await chart.boundingBox())!;
    // barOption's grid: 8 px above and below; one band per status, the largest on top.
    await chart.click({
      position: { x: box.width * 0.5, y: 8 + (box.height - 16) / statuses / 2 },
    });
    const bar = page.getByTestId('filter-bar');
    const chipLabels = bar.getByRole('listitem').locator('span');
    await expect(chipLabels).toHaveText([`Order status: ${top}`]);

    // The filter bar: a state from the multi-select and a start date.
    await bar.locator('summary', { hasText: 'State' }).click();
    await bar.locator('input[type=checkbox][value="SP"]').check();
    await page.keyboard.press('Escape');
    await bar.getByLabel('From').fill('2017-06-01');
    await expect(chipLabels).toHaveText([
      'Purchase date: from 2017-06-01',
      'State: SP',
      `Order status: ${top}`,
    ]);

    // The page's Orders KPI against a query written independently of the page's builders.
    const [{ n }] = await sql1<{ n: number }>(
      page,
      `SELECT count(*)::INT AS n FROM silver.orders o LEFT JOIN silver.customers c USING (customer_id)
       WHERE o.order_status = '${top}' AND c.state = 'SP' AND o.order_date >= DATE '2017-06-01'`,
    );
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(1000);
    await expect(kpis.filter({ hasText: 'Orders' }).locator('.value')).toHaveText(
      n.toLocaleString('en-US'),
    );
    const shown = await kpiTexts(page);

    await page.getByTestId('copy-link').click();
    await expect(page.getByText('Link copied')).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const params = new URL(link).searchParams;
    expect(params.getAll('st')).toEqual(['SP']);
    expect(params.getAll('os')).toEqual([top]);
    expect(params.get('from')).toBe('2017-06-01');
    expect(params.get('fp')).toBeNull(); // demo data: the recipe keys regenerate it

    // A second browser context with a fresh profile: no OPFS database, no local storage.
    const fresh = await browser.newContext();
    const guard = await guardContext(fresh, new URL(server.url).origin);
    try {
      const other = await fresh.newPage();
      await other.goto(link);
      const otherKpis = other.getByTestId('kpi');
      await expect(otherKpis.filter({ hasText: 'Orders' }).locator('.value')).toHaveText(
        n.toLocaleString('en-US'),
        { timeout: 120_000 },
      );
      expect(await kpiTexts(other)).toEqual(shown);
      await expect(other.getByTestId('filter-bar').getByRole('listitem')).toHaveCount(3);
    } finally {
      await fresh.close();
    }
    expect([...guard.offOrigin], 'requests outside the page origin').toEqual([]);
    expect(guard.errors, 'uncaught errors').toEqual([]);
  });

  test('a crafted garbage link opens with defaults and says what it ignored', async ({
    openApp,
    page: tab,
  }) => {
    let dialogs = 0;
    tab.on('dialog', () => dialogs++);
    const page = await openApp(
      '?p=data&demo=0&seed=abc&cat=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&utm_source=spam',
    );
    const notice = page.getByTestId('link-notice');
    await expect(notice).toContainText('Parts of this link were ignored');
    await expect(notice.getByRole('listitem')).toHaveCount(3);
    await expect(notice).toContainText('seed="abc": not a whole number');
    await expect(notice).toContainText('holds markup or control characters');
    await expect(notice).toContainText('"utm_source": not a key this app knows');
    // The ignored parts leave the address bar: it holds the view actually shown.
    await expect.poll(() => new URL(page.url()).search).toBe('?p=data&demo=0');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    // The same inside a compressed state, and a compressed state that is not one.
    const z = deflateRawSync('p=data&demo=0&orders=5&zz=%3Cscript%3E').toString('base64url');
    await page.goto(`./?v=1&z=${z}`);
    await expect(page.getByTestId('link-notice').getByRole('listitem')).toHaveText([
      'orders="5": outside 1,000–250,000',
      '"zz": not a key this app knows',
    ]);
    await expect(page.getByRole('heading', { name: 'SQL console' })).toBeVisible();

    expect(dialogs).toBe(0);
  });

  test('a compressed state that is not one opens the defaults with a notice', async ({
    openApp,
  }) => {
    test.setTimeout(180_000);
    const page = await openApp('?v=1&z=%25%25not-base64&demo=0');
    await expect(page.getByTestId('link-notice').getByRole('listitem')).toHaveText([
      "The link's compressed state (z=) could not be read (not base64url); defaults are shown.",
    ]);
    // Defaults: the Overview with the default demo data set (autoDemo on; `demo=0` outside z is ignored).
    await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
    await expect(page.getByTestId('kpi')).toHaveCount(6, { timeout: 150_000 });
    expect(new URL(page.url()).search).toBe('');
  });

  test('a link made with loaded files carries their fingerprint; other data gets a banner', async ({
    openApp,
    context,
    browser,
    server,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await openApp('?p=data&demo=0');
    const sellers =
      'seller_id,seller_zip_code_prefix,seller_city,seller_state\ns1,01310,sao paulo,SP\ns2,20040,rio de janeiro,RJ\n';
    await page
      .getByTestId('file-input')
      .setInputFiles([
        { name: 'olist_sellers_dataset.csv', mimeType: 'text/csv', buffer: Buffer.from(sellers) },
      ]);
    await expect(page.getByTestId('load-outcomes').locator('li')).toContainText(['2 rows']);
    // The fingerprint worked out in Node from the batch's content hash.
    const [{ hash }] = await sql1<{ hash: string }>(
      page,
      'SELECT content_hash AS hash FROM bronze._batches',
    );
    const expected = `1-${createHash('md5').update(hash).digest('hex').slice(0, 16)}`;
    await expect.poll(() => new URL(page.url()).searchParams.get('fp')).toBe(expected);
    await page.getByTestId('copy-link').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).searchParams.get('fp')).toBe(expected);

    const fresh = await browser.newContext();
    const guard = await guardContext(fresh, new URL(server.url).origin);
    try {
      const other = await fresh.newPage();
      await other.goto(link);
      const banner = other.getByTestId('data-mismatch');
      await expect(banner).toContainText('This link was made with other data: 1 file', {
        timeout: 60_000,
      });
      await expect(banner).toContainText('no data is loaded here');
      await other.getByRole('button', { name: 'Load files' }).click();
      await expect(other.getByRole('heading', { name: 'Data', level: 1 })).toBeVisible();
      // The sender's files are not demo data: nothing was generated in their place.
      expect(
        await sql(
          other,
          "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE schema_name = 'bronze' AND table_name = '_batches'",
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      await fresh.close();
    }
    expect([...guard.offOrigin], 'requests outside the page origin').toEqual([]);
    expect(guard.errors, 'uncaught errors').toEqual([]);
  });

  test('a link carries a console query but never runs it by itself', async ({ openApp }) => {
    const query = 'CREATE TABLE link_probe AS SELECT 42 AS answer';
    const page = await openApp(`?p=data&demo=0&da.q=${encodeURIComponent(query)}`);
    await expect(page.getByLabel('SQL query')).toHaveValue(query);
    await expect(page.getByTestId('console-from-link')).toBeVisible();
    await expect(page.getByTestId('result-table')).toHaveCount(0);
    const probe = () =>
      sql<{ n: number }>(
        page,
        "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = 'link_probe'",
      );
    expect(await probe()).toEqual([{ n: 0 }]);

    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('console-status')).toContainText('in');
    expect(await probe()).toEqual([{ n: 1 }]);
    expect(await sql(page, 'SELECT answer FROM link_probe')).toEqual([{ answer: 42 }]);
  });

  test('a long state is compressed in the address bar and reopens the same', async ({
    openApp,
  }) => {
    const page = await openApp('?p=data&demo=0');
    const values = Array.from({ length: 400 }, (_, i) => `'value_${i}'`).join(', ');
    const query = `SELECT v FROM (VALUES ${values}) t(v) ORDER BY v`;
    expect(query.length).toBeGreaterThan(2_000);
    await page.getByLabel('SQL query').fill(query);
    await expect.poll(() => new URL(page.url()).search).toMatch(/^\?v=1&z=[\w-]+$/);
    const url = page.url();
    expect(url.length).toBeLessThan(query.length);

    await page.goto(url);
    await expect(page.getByLabel('SQL query')).toHaveValue(query);
    await expect(page.getByTestId('link-notice')).toHaveCount(0);
    await expect(page.getByTestId('result-table')).toHaveCount(0);
  });

  test('CSV export downloads every row of the result, formulas defused', async ({ openApp }) => {
    const page = await openApp('?p=data&demo=0');
    // 12,000 rows: more than the 10,000 the page keeps, so the export runs the query to the end.
    const query = `SELECT range AS n,
      CASE WHEN range % 3 = 0 THEN '=HYPERLINK("x")' WHEN range % 3 = 1 THEN 'a,"b"' ELSE 'plain' END AS s
      FROM range(12000) ORDER BY n`;
    await page.getByLabel('SQL query').fill(query);
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('console-status')).toContainText('12,000 rows');

    const download = page.waitForEvent('download');
    await page
      .getByRole('group', { name: 'Export the result' })
      .getByRole('button', { name: 'CSV' })
      .click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^query-result-.*\.csv$/);
    const text = await readFile((await file.path())!, 'utf8');

    // Expected from the engine's own rows, written out by the RFC 4180 rules by hand.
    const rows = await sql<{ n: number; s: string }>(page, query);
    const field = (s: string) =>
      s.startsWith('=')
        ? `"'${s.replaceAll('"', '""')}"`
        : s.includes(',')
          ? `"${s.replaceAll('"', '""')}"`
          : s;
    const expected = ['n,s', ...rows.map((r) => `${r.n},${field(r.s)}`)].join('\r\n') + '\r\n';
    expect(rows).toHaveLength(12_000);
    expect(text).toBe(expected);
    await expect(page.getByTestId('export-status')).toContainText('CSV: 12,000 rows');
  });
});
