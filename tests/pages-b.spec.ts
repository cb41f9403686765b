import type { Page } from '@playwright/test';
import '../bench/browser-target.ts';
import { test, expect } from './fixtures.ts';

// The Products, Operations and Marketing pages on the demo data: each shows numbers that a direct
// query through the console engine reproduces, keeps its choices in the URL, and a click acts.

const DEMO = 'orders=1000&seed=3';
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL' });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}%`;

const sql = (page: Page, text: string) =>
  page.evaluate((s) => globalThis.lakehouse.engine.rows(s), text);
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
const charts = (page: Page) => page.getByTestId('chart-panel').locator('[role="img"]:has(canvas)');
const kpi = (page: Page, label: string | RegExp) =>
  page.getByTestId('kpi').filter({ hasText: label }).locator('.value');

test.describe('Products, Operations and Marketing pages', () => {
  test('Products: the top product matches SQL; its detail opens from a click and survives a reload', async ({
    openApp,
  }) => {
    // Two cold starts (the first open and the reload) of the engine and the demo build.
    test.slow();
    const page = await openApp(`?p=products&${DEMO}`);
    const table = page.getByTestId('top-products');
    await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 90_000 });
    await expect(charts(page)).toHaveCount(3);

    const [top] = await sql(
      page,
      `SELECT i.product_id, sum(i.line_total)::DOUBLE AS revenue, sum(i.quantity)::BIGINT AS units,
         count(DISTINCT i.order_id)::BIGINT AS orders
       FROM silver.order_items i JOIN silver.orders o USING (order_id)
       WHERE o.is_completed GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    const id = String(top!.product_id);
    const firstRow = table.locator('tbody tr').first();
    await expect(firstRow.locator('td').nth(3)).toHaveText(count.format(Number(top!.orders)));
    await expect(firstRow.locator('td').nth(4)).toHaveText(money.format(Number(top!.revenue)));
    await expect(firstRow).toContainText(id.slice(0, 8));

    // Sorting by units writes pr.sort; the first row then has the most units sold.
    await page.getByRole('button', { name: /^Units/ }).click();
    await expect.poll(() => param(page, 'pr.sort')).toBe('units');
    const [most] = await sql(
      page,
      `SELECT max(u)::BIGINT AS units FROM (SELECT sum(i.quantity) AS u FROM silver.order_items i
       JOIN silver.orders o USING (order_id) WHERE o.is_completed GROUP BY i.product_id)`,
    );
    await expect(firstRow.locator('td').nth(5)).toHaveText(count.format(Number(most!.units)));
    await page.getByRole('button', { name: /^Revenue/ }).click();
    await expect.poll(() => param(page, 'pr.sort')).toBeNull();

    // A click on the product opens its detail, with its id in the URL.
    await firstRow.getByRole('button').click();
    await expect.poll(() => param(page, 'pr.sel')).toBe(id);
    const detail = page.getByTestId('product-detail');
    await expect(kpi(page, 'Revenue')).toHaveText(money.format(Number(top!.revenue)));
    await expect(detail.locator('[role="img"]:has(canvas)')).toHaveCount(3);

    // The link alone reproduces the view.
    await page.reload();
    await expect(detail).toContainText(id, { timeout: 90_000 });
    await expect(kpi(page, 'Units sold')).toHaveText(count.format(Number(top!.units)));
    await expect(detail.locator('[role="img"]:has(canvas)')).toHaveCount(3);
    await expect(detail.getByRole('cell').first()).toBeVisible();

    await page.getByRole('button', { name: '← All products' }).click();
    await expect.poll(() => param(page, 'pr.sel')).toBeNull();
    await expect(table).toBeVisible();

    // Cross-filter: the top bar of the category chart (largest on top) filters on its category,
    // and the table's first row becomes that category's best seller.
    const [cat] = await sql(
      page,
      `WITH c AS (
         SELECT coalesce(p.category, 'unknown') AS category, sum(i.line_total) AS revenue
         FROM silver.order_items i JOIN silver.orders o USING (order_id)
         LEFT JOIN silver.products p USING (product_id)
         WHERE o.is_completed GROUP BY 1)
       SELECT category, least(count(*) OVER (), 12)::BIGINT AS bars FROM c ORDER BY revenue DESC LIMIT 1`,
    );
    const chart = page
      .getByTestId('chart-panel')
      .filter({ has: page.getByRole('heading', { name: 'Category share of revenue' }) })
      .locator('canvas');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const rowY = box.y + 8 + (box.height - 16) / Number(cat!.bars) / 2;
    for (let x = 0.6; x > 0.2 && param(page, 'cat') === null; x -= 0.05) {
      await page.mouse.click(box.x + box.width * x, rowY);
    }
    await expect.poll(() => param(page, 'cat')).toBe(String(cat!.category));
    const [best] = await sql(
      page,
      `SELECT sum(i.line_total)::DOUBLE AS revenue FROM silver.order_items i
       JOIN silver.orders o USING (order_id) LEFT JOIN silver.products p USING (product_id)
       WHERE o.is_completed AND coalesce(p.category, 'unknown') = '${String(cat!.category)}'
       GROUP BY i.product_id ORDER BY 1 DESC LIMIT 1`,
    );
    await expect(firstRow.locator('td').nth(4)).toHaveText(money.format(Number(best!.revenue)));
    await expect(firstRow.locator('td').nth(1)).toHaveText(String(cat!.category));
  });

  test('Operations: KPIs match SQL and a click on a status bar filters every figure', async ({
    openApp,
  }) => {
    // The first content may take up to 90 s (demo generation and build) on a loaded machine.
    test.slow();
    const page = await openApp(`?p=operations&${DEMO}`);
    const orders = kpi(page, /^Orders/);
    await expect(orders).toHaveText('1,000', { timeout: 90_000 });
    await expect(charts(page)).toHaveCount(5);

    const onTime = (where: string) =>
      sql(
        page,
        `SELECT count(*)::BIGINT AS n,
           (count(*) FILTER (WHERE order_status = 'delivered' AND delivered_customer_at::DATE <= estimated_delivery_at::DATE)
            / count(*) FILTER (WHERE order_status = 'delivered' AND delivered_customer_at IS NOT NULL AND estimated_delivery_at IS NOT NULL))::DOUBLE AS share
         FROM silver.orders WHERE ${where}`,
      );
    const [all] = await onTime('true');
    await expect(orders).toHaveText(count.format(Number(all!.n)));
    await expect(kpi(page, 'On-time delivery')).toHaveText(percent(Number(all!.share)));

    // The largest status (delivered) is the top bar; its length is known only roughly, so try
    // points along its row from right to left until the click lands.
    const [top] = await sql(
      page,
      `SELECT order_status, count(*)::BIGINT AS n, count(DISTINCT order_status) OVER ()::BIGINT AS statuses
       FROM silver.orders GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const chart = page
      .getByTestId('chart-panel')
      .filter({ has: page.getByRole('heading', { name: 'Orders by status', exact: true }) })
      .locator('canvas');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const rowY = box.y + 8 + (box.height - 16) / Number(top!.statuses) / 2;
    for (let x = 0.8; x > 0.2 && param(page, 'os') === null; x -= 0.05) {
      await page.mouse.click(box.x + box.width * x, rowY);
    }
    await expect.poll(() => param(page, 'os')).toBe(String(top!.order_status));
    await expect(orders).toHaveText(count.format(Number(top!.n)));
    const [filtered] = await onTime(`order_status = '${String(top!.order_status)}'`);
    await expect(kpi(page, 'On-time delivery')).toHaveText(percent(Number(filtered!.share)));
    await expect(kpi(page, 'Not completed')).toHaveText('0 · 0.0%');

    // Alerts: open-only is a page choice in the URL; the table still lists the most urgent first.
    await page.getByLabel('Open alerts only').check();
    await expect.poll(() => param(page, 'op.al')).toBe('open');
    const [open] = await sql(
      page,
      'SELECT count(*)::BIGINT AS n FROM gold.safety_stock_alerts WHERE is_open',
    );
    await expect(page.getByTestId('open-alerts')).toContainText(
      `${count.format(Number(open!.n))} open`,
    );
  });

  test('Marketing: KPIs match SQL over the source tables; the campaign sort is in the URL', async ({
    openApp,
  }) => {
    // The first content may take up to 90 s (demo generation and build) on a loaded machine.
    test.slow();
    const page = await openApp(`?p=marketing&${DEMO}`);
    const members = kpi(page, 'Loyalty members');
    await expect(members).not.toHaveText('–', { timeout: 90_000 });
    await expect(charts(page)).toHaveCount(5);

    const [loyal] = await sql(
      page,
      'SELECT count(DISTINCT customer_unique_id)::BIGINT AS n FROM silver.loyalty_events',
    );
    await expect(members).toHaveText(count.format(Number(loyal!.n)));
    const [carts] = await sql(
      page,
      `WITH s AS (
         SELECT session_id, bool_or(event_type = 'add_to_cart') AS cart, bool_or(event_type = 'purchase') AS bought
         FROM silver.session_events GROUP BY 1)
       SELECT (count(*) FILTER (WHERE cart AND NOT bought) / count(*) FILTER (WHERE cart))::DOUBLE AS share FROM s`,
    );
    await expect(kpi(page, 'Cart abandonment')).toHaveText(percent(Number(carts!.share)));

    const campaigns = page.getByTestId('campaigns');
    await page.getByRole('button', { name: /^ROI/ }).click();
    await expect.poll(() => param(page, 'mk.cs')).toBe('roi');
    const [best] = await sql(
      page,
      `SELECT campaign_name, (sum(o.gmv) - max(c.budget)) / max(c.budget) AS roi
       FROM silver.campaigns c JOIN silver.orders o USING (campaign_id)
       WHERE o.order_status NOT IN ('canceled', 'unavailable')
       GROUP BY campaign_id, campaign_name ORDER BY roi DESC LIMIT 1`,
    );
    const first = campaigns.locator('tbody tr').first();
    await expect(first.locator('td').first()).toHaveText(String(best!.campaign_name));
    await expect(first.locator('td').nth(6)).toHaveText(`+${percent(Number(best!.roi))}`);
  });
});
