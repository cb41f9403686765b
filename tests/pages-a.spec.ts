import type { Page } from '@playwright/test';
import '../bench/browser-target.ts';
import { test, expect } from './fixtures.ts';

// The Sales, Pricing and Customers pages on the demo data: each shows numbers that a direct query
// through the console engine reproduces, keeps its choices in the URL, and a chart click filters.

const DEMO = 'orders=1000&seed=3';
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'BRL' });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const sql = (page: Page, text: string) =>
  page.evaluate((s) => globalThis.lakehouse.engine.rows(s), text);
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
// Drawn charts: ECharts may add layers (a heatmap's hover layer), so count chart boxes with a canvas.
const charts = (page: Page) => page.getByTestId('chart-panel').locator('[role="img"]:has(canvas)');
const SALE = `o.order_status NOT IN ('canceled', 'cancelled', 'unavailable')`;

test.describe('Sales, Pricing and Customers pages', () => {
  test('Sales: revenue matches SQL, settings in the URL, a bar click filters on its category', async ({
    openApp,
  }) => {
    const page = await openApp(`?p=sales&${DEMO}`);
    const total = page.getByTestId('sales-total');
    await expect(total).toBeVisible({ timeout: 90_000 });
    const [all] = await sql(
      page,
      `SELECT sum(i.line_total)::DOUBLE AS revenue FROM silver.order_items i
       JOIN silver.orders o USING (order_id) WHERE ${SALE}`,
    );
    await expect(total).toHaveText(`Revenue in scope: ${money.format(Number(all!.revenue))}`);
    await expect(charts(page)).toHaveCount(3);

    // The performance table: the top row against a direct query.
    const [top] = await sql(
      page,
      `SELECT coalesce(p.category, 'unknown') AS category, sum(i.line_total)::DOUBLE AS revenue,
         count(DISTINCT order_id)::BIGINT AS orders
       FROM silver.order_items i JOIN silver.orders o USING (order_id)
       LEFT JOIN silver.products p USING (product_id)
       WHERE ${SALE} GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const firstRow = page.getByTestId('category-table').locator('tbody tr').first();
    await expect(firstRow.locator('th')).toHaveText(String(top!.category));
    await expect(firstRow.locator('td').nth(0)).toHaveText(money.format(Number(top!.revenue)));
    await expect(firstRow.locator('td').nth(1)).toHaveText(count.format(Number(top!.orders)));

    // Page state lands in the URL (sa.* keys), defaults stay out of it.
    await page.getByRole('radio', { name: 'week' }).click();
    await expect.poll(() => param(page, 'sa.g')).toBe('week');
    await page.getByRole('button', { name: /^Orders/ }).click();
    await expect.poll(() => param(page, 'sa.sort')).toBe('orders');
    await expect(page.getByRole('columnheader', { name: /^Orders/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await page.getByRole('radio', { name: 'month' }).click();
    await expect.poll(() => param(page, 'sa.g')).toBeNull();

    // Cross-filter: click the top bar of "Revenue by category" (largest on top). The bar's length
    // is not known, so try points along its row from right to left until the click lands.
    const chart = page
      .getByTestId('chart-panel')
      .filter({ has: page.getByRole('heading', { name: 'Revenue by category', exact: true }) })
      .locator('canvas');
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const rowY = box.y + 8 + (box.height - 16) / 12 / 2;
    for (let x = 0.9; x > 0.2 && param(page, 'cat') === null; x -= 0.05) {
      await page.mouse.click(box.x + box.width * x, rowY);
    }
    await expect.poll(() => param(page, 'cat')).toBe(String(top!.category));
    const [filtered] = await sql(
      page,
      `SELECT sum(i.line_total)::DOUBLE AS revenue FROM silver.order_items i
       JOIN silver.orders o USING (order_id) LEFT JOIN silver.products p USING (product_id)
       WHERE ${SALE} AND coalesce(p.category, 'unknown') = '${String(top!.category)}'`,
    );
    await expect(total).toHaveText(`Revenue in scope: ${money.format(Number(filtered!.revenue))}`);
    expect(Number(filtered!.revenue)).toBeLessThan(Number(all!.revenue));
  });

  test('Pricing: the Pearson coefficient matches SQL, the model sweeps prices, the pick is in the URL', async ({
    openApp,
  }) => {
    const page = await openApp(`?p=pricing&${DEMO}`);
    const r = page.getByTestId('pearson-r');
    await expect(r).toBeVisible({ timeout: 90_000 });
    const [fit] = await sql(
      page,
      `SELECT corr(rating, price)::DOUBLE AS r, count(*)::BIGINT AS n FROM gold.int_product_sales
       WHERE price IS NOT NULL AND rating IS NOT NULL
         AND product_id IN (SELECT product_id FROM silver.order_items)`,
    );
    await expect(r).toHaveText(Number(fit!.r).toFixed(3));
    await expect(page.getByTestId('correlation')).toContainText(
      `over ${count.format(Number(fit!.n))} products`,
    );
    await expect(page.getByTestId('best-price')).toContainText('Revenue-maximising price R$', {
      timeout: 60_000,
    });
    await expect(charts(page)).toHaveCount(3);

    // The sweep's category picker writes pi.cat; its default (the largest category) is not written.
    const picker = page.getByTestId('sweep-category');
    const options = await picker.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    expect(param(page, 'pi.cat')).toBeNull();
    await picker.selectOption(options[1]!);
    await expect.poll(() => param(page, 'pi.cat')).toBe(options[1]);
    await expect(page.getByTestId('best-price')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('sweep-product').selectOption({ index: 1 });
    await expect.poll(() => param(page, 'pi.prod')).not.toBeNull();
  });

  test('Customers: budget and reviews match SQL, state in the URL, the campaign list exports', async ({
    openApp,
  }) => {
    const page = await openApp(`?p=customers&${DEMO}`);
    const budget = page.getByTestId('budget-total');
    await expect(budget).toBeVisible({ timeout: 90_000 });
    const [expected] = await sql(
      page,
      `SELECT (0.1 * sum(predicted_clv_12m))::DOUBLE AS budget,
         (SELECT count(*) FROM silver.reviews)::BIGINT AS reviews,
         (SELECT avg(review_score) FROM silver.reviews)::DOUBLE AS score
       FROM gold.fct_customer_metrics
       WHERE customer_id IN (SELECT customer_unique_id FROM silver.orders)`,
    );
    await expect(budget).toHaveText(money.format(Number(expected!.budget)));
    await expect(page.getByTestId('review-count')).toHaveText(
      count.format(Number(expected!.reviews)),
    );
    await expect(page.getByTestId('avg-score')).toHaveText(Number(expected!.score).toFixed(2));
    await expect(charts(page)).toHaveCount(6);

    await page.getByRole('radio', { name: 'revenue' }).click();
    await expect.poll(() => param(page, 'cu.m')).toBe('revenue');

    // Every High/Medium risk, top 10: the list against a direct query, then the CSV download.
    await page.getByLabel('Rule').selectOption('all');
    await page.getByLabel('Show').selectOption('10');
    await expect.poll(() => param(page, 'cu.rule')).toBe('all');
    expect(param(page, 'cu.n')).toBe('10');
    const [risk] = await sql(
      page,
      `SELECT count(*)::BIGINT AS n FROM gold.dim_customer_segments
       WHERE churn_risk IN ('High', 'Medium')
         AND customer_id IN (SELECT customer_unique_id FROM silver.orders)`,
    );
    await expect(page.getByTestId('churn-matching')).toHaveText(count.format(Number(risk!.n)));
    const rows = page.getByTestId('churn-table').locator('tbody tr');
    await expect(rows).toHaveCount(Math.min(10, Number(risk!.n)));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const text = await new Promise<string>((resolve, reject) => {
      void file.createReadStream().then((stream) => {
        const parts: Buffer[] = [];
        stream.on('data', (b: Buffer) => parts.push(b));
        stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        stream.on('error', reject);
      });
    });
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,state,segment,churn_risk,value,predicted_clv,recency_days,orders,recommended_action',
    );
    expect(lines).toHaveLength(1 + Math.min(10, Number(risk!.n)));
    expect(file.suggestedFilename()).toBe('churn-campaign-all-top-10.csv');
  });
});
