import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import '../bench/browser-target.ts';
import { PAGES } from '../src/app/pages.ts';
import { test, expect } from './fixtures.ts';

// Issue #9, hostile content: Olist files whose category names, review titles and texts, customer
// and seller cities (and one file name) carry markup, formula prefixes, 10,000-character values,
// right-to-left and emoji text. Every page must show them as text, run none of them, keep its
// layout, and the console's CSV export must defuse the formulas.

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';
const FORMULAS = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)'];
// One unbroken word: the hardest case for a layout, since no line break can split it.
const LONG = 'w'.repeat(10_000);
const ARABIC = 'مدينة الاختبار';
const HEBREW = 'עיר בדיקה';
const EMOJI = 'são paulo 😀🛒 👩‍👩‍👧';

const CITIES = [IMG, SCRIPT, SVG, FORMULAS[0]!, ARABIC, HEBREW, EMOJI, LONG];
const SELLER_CITIES = [IMG, SVG, FORMULAS[1]!, LONG, `${ARABIC} ${EMOJI}`];
const CATEGORIES = [IMG, SCRIPT, SVG, FORMULAS[3]!, LONG, ARABIC, EMOJI];
const TITLES = [IMG, SCRIPT, FORMULAS[2]!, HEBREW, EMOJI, SVG, LONG];
// Payment types are free text in silver (lower-cased): they name the slices of two donut charts.
const PAYMENT_TYPES = [IMG, SVG];
const MESSAGES = [SVG, `line one, "quoted"\n${IMG}`, LONG, ARABIC, FORMULAS[0]!, SCRIPT, EMOJI];

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csv = (header: string, rows: (string | number)[][]) =>
  `${header}\n${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;

const n = 7;
const range = (count: number) => Array.from({ length: count }, (_, i) => i);
const files = [
  {
    name: 'olist_customers_dataset.csv',
    body: csv(
      'customer_id,customer_unique_id,customer_zip_code_prefix,customer_city,customer_state',
      CITIES.map((city, i) => [`c${i}`, `u${i}`, `0100${i}`, city, 'SP']),
    ),
  },
  {
    // The file name is hostile too: it is shown in the load outcome, the batch table and lineage.
    name: `sellers ${IMG}.csv`,
    body: csv(
      'seller_id,seller_zip_code_prefix,seller_city,seller_state',
      SELLER_CITIES.map((city, i) => [`s${i}`, `0200${i}`, city, 'RJ']),
    ),
  },
  {
    name: 'olist_products_dataset.csv',
    body: csv(
      'product_id,product_category_name,product_name_lenght,product_description_lenght,product_photos_qty,product_weight_g,product_length_cm,product_height_cm,product_width_cm',
      CATEGORIES.map((category, i) => [`p${i}`, category, 40, 300, 1, 500, 10, 10, 10]),
    ),
  },
  {
    name: 'product_category_name_translation.csv',
    body: csv('product_category_name,product_category_name_english', [[SCRIPT, SVG]]),
  },
  {
    name: 'olist_orders_dataset.csv',
    body: csv(
      'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date',
      // o0 is the latest order, so the hostile payment types fall in the Overview's default period.
      range(n).map((i) => [
        `o${i}`,
        `c${i}`,
        'delivered',
        `2018-0${6 - (i % 6)}-10 10:00:00`,
        `2018-0${6 - (i % 6)}-10 11:00:00`,
        `2018-0${6 - (i % 6)}-11 10:00:00`,
        `2018-0${6 - (i % 6)}-15 10:00:00`,
        `2018-0${6 - (i % 6)}-20 00:00:00`,
      ]),
    ),
  },
  {
    name: 'olist_order_items_dataset.csv',
    body: csv(
      'order_id,order_item_id,product_id,seller_id,shipping_limit_date,price,freight_value',
      range(n).map((i) => [
        `o${i}`,
        1,
        `p${i}`,
        `s${i % SELLER_CITIES.length}`,
        '2018-01-12 10:00:00',
        100 + 10 * i,
        10,
      ]),
    ),
  },
  {
    name: 'olist_order_payments_dataset.csv',
    body: csv(
      'order_id,payment_sequential,payment_type,payment_installments,payment_value',
      range(n).map((i) => [`o${i}`, 1, PAYMENT_TYPES[i] ?? 'credit_card', 1, 110 + 10 * i]),
    ),
  },
  {
    name: 'olist_order_reviews_dataset.csv',
    body: csv(
      'review_id,order_id,review_score,review_comment_title,review_comment_message,review_creation_date,review_answer_timestamp',
      range(n).map((i) => [
        `r${i}`,
        `o${i}`,
        1 + (i % 5),
        TITLES[i]!,
        MESSAGES[i]!,
        '2018-02-01 00:00:00',
        '2018-02-02 10:00:00',
      ]),
    ),
  },
];

const sql = (page: Page, text: string) =>
  page.evaluate((s) => globalThis.lakehouse.engine.rows(s), text);

/** What a page must never contain: script that ran, elements or handlers that came from data. */
async function expectNothingInjected(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    pwned: (window as { __pwned?: unknown }).__pwned,
    imgX: document.querySelectorAll('img[src="x"]').length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) =>
      s.textContent?.includes('__pwned'),
    ).length,
    // The app attaches its handlers with addEventListener, so no element of its own has on* attributes.
    handlers: [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`),
    ),
  }));
  expect(found, `nothing injected on ${where}`).toEqual({
    pwned: undefined,
    imgX: 0,
    svgOnload: 0,
    scripts: 0,
    handlers: [],
  });
}

/** The page is no wider than the viewport: a 10,000-character word must not widen it. */
async function expectNoHorizontalOverflow(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    // The innermost elements that reach past the viewport name the culprit in a failure.
    const past = (e: Element) => e.getBoundingClientRect().right > viewport + 1;
    const wide = [...document.body.querySelectorAll('*')].filter(
      (e) => past(e) && ![...e.children].some(past),
    );
    return {
      body: document.body.scrollWidth,
      page: document.documentElement.scrollWidth,
      viewport,
      wide: wide
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} in ${e.parentElement?.tagName.toLowerCase()}.${[...(e.parentElement?.classList ?? [])].join('.')}`,
        ),
    };
  });
  const detail = `${where}: ${found.wide.join('; ')}`;
  // Soft: one page's overflow should not hide what the other pages and the export show.
  expect.soft(found.body, `body width on ${detail}`).toBeLessThanOrEqual(found.viewport);
  expect.soft(found.page, `page width on ${detail}`).toBeLessThanOrEqual(found.viewport);
}

/**
 * Hovers a canvas chart where it is painted in each of `colours` (exact RGB, as the option builder
 * or the theme sets them) until the chart's tooltip holds `text`; returns the chart's text. A pixel
 * from the middle of each colour's pixels is always on its mark, whatever the layout.
 */
async function hoverUntil(
  page: Page,
  chart: Locator,
  colours: string[],
  text: string,
): Promise<string> {
  await expect(chart.locator('canvas').first()).toBeVisible({ timeout: 60_000 });
  await chart.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1500);
  const spots = await chart.evaluate((el, wanted) => {
    const canvas = el.querySelector('canvas')!;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const { data, width, height } = canvas
      .getContext('2d')!
      .getImageData(0, 0, canvas.width, canvas.height);
    const rgb = wanted.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const hits = rgb.map(() => [] as [number, number][]);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = 4 * (y * width + x);
        if (data[i + 3] !== 255) continue;
        const k = rgb.findIndex(
          ([r, g, b]) => data[i] === r && data[i + 1] === g && data[i + 2] === b,
        );
        if (k >= 0) hits[k]!.push([x / scale, y / scale]);
      }
    // Every run of one colour along a row is a candidate; their middles lie on the mark.
    return hits.flatMap((points) => {
      const rows = new Map<number, number[]>();
      for (const [x, y] of points) rows.set(Math.round(y), [...(rows.get(Math.round(y)) ?? []), x]);
      return [...rows.entries()]
        .filter(([, xs]) => xs.length > 2)
        .filter((_, i) => i % 4 === 0)
        .map(([y, xs]) => ({ x: xs[Math.floor(xs.length / 2)]!, y }));
    });
  }, colours);
  const box = (await chart.boundingBox())!;
  const seen = new Set<string>();
  for (const spot of spots) {
    await page.mouse.move(box.x + spot.x, box.y + spot.y);
    await page.waitForTimeout(120);
    const shown = await chart.innerText();
    if (shown.includes(text)) return shown;
    seen.add(shown.slice(0, 80));
  }
  throw new Error(`no tooltip holds ${text} (${spots.length} places hovered, seen: ${[...seen]})`);
}

/** Runs SQL in the Data page's console; returns the result grid's cells once its first column is `first`. */
async function consoleCells(page: Page, query: string, first: string): Promise<string[]> {
  await page.getByLabel('SQL query').fill(query);
  await page.getByRole('button', { name: 'Run' }).click();
  const grid = page.getByTestId('result-table');
  await expect(grid.locator('thead th').first()).toHaveText(first, { timeout: 30_000 });
  return grid.locator('tbody td').allTextContents();
}

test.describe('Hostile content', () => {
  test('markup, formulas, long, right-to-left and emoji text stay text on every page', async ({
    openApp,
  }) => {
    test.setTimeout(600_000);
    const page = await openApp();
    await page
      .getByTestId('file-input')
      .setInputFiles(
        files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.body) })),
      );
    await expect(page.getByTestId('load-summary')).toContainText('8 of 8 files loaded', {
      timeout: 120_000,
    });
    await expect(page.getByTestId('build-summary')).toContainText('models built', {
      timeout: 300_000,
    });
    // The hostile file name is shown as the text it is.
    await expect(page.getByTestId('batch-table')).toContainText(`sellers ${IMG}.csv`);
    await expectNothingInjected(page, 'the Data page after the load');

    // Every value reached bronze and silver as it was written.
    const [counts] = await sql(
      page,
      `SELECT (SELECT count(*) FROM silver.customers)::INT AS customers,
              (SELECT count(*) FROM silver.products)::INT AS products,
              (SELECT count(*) FROM silver.reviews)::INT AS reviews`,
    );
    expect(counts).toEqual({ customers: CITIES.length, products: CATEGORIES.length, reviews: n });

    // The lineage graph's tooltip names each source file: the hostile name must stay text there.
    const tip = await hoverUntil(page, page.getByTestId('lineage'), ['#8a8f98'], 'file:sellers');
    expect(tip).toContain(`file:sellers ${IMG}.csv (file, `);
    await expectNothingInjected(page, 'the lineage tooltip');

    const nav = page.getByRole('navigation', { name: 'Pages' });
    // Predict shows the model card's own categories, none of the loaded text: it is left out.
    for (const def of PAGES.filter((p) => p.id !== 'predict')) {
      await nav.getByRole('link', { name: def.label }).click();
      await expect(nav.getByRole('link', { name: def.label })).toHaveAttribute(
        'aria-current',
        'page',
      );
      // Let the page's queries and charts settle before looking at what they drew.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1500);
      await expectNothingInjected(page, def.label);
      await expectNoHorizontalOverflow(page, def.label);
    }

    // A chart tooltip: the Overview's payment donut names each slice by its payment type.
    await page.goto('./?p=overview&demo=0');
    const donut = page
      .getByTestId('chart-panel')
      .filter({ hasText: 'Payment mix' })
      .locator('[role="img"]:has(canvas)');
    // The theme's first three colours (charts/echarts.ts), one per slice.
    const slices = ['#2f8f75', '#c9a227', '#4f7cc9'];
    expect(await hoverUntil(page, donut, slices, IMG)).toContain(`${IMG}: R$`);
    await expectNothingInjected(page, 'the payment donut tooltip');

    // A table cell: a product's sellers with their (lower-cased) city, on the product page.
    await page.goto('./?p=products&pr.sel=p0&demo=0');
    const sellerCells = page.locator('table tbody td');
    await expect(sellerCells.filter({ hasText: `RJ · ${IMG}` })).toHaveCount(1, {
      timeout: 60_000,
    });
    await expectNothingInjected(page, 'the product page');
    await expectNoHorizontalOverflow(page, 'the product page');

    // The console's result grid shows each value exactly, markup and all.
    await page.goto('./?p=data&demo=0');
    await expect(page.getByTestId('engine-status')).toContainText('DuckDB v', { timeout: 30_000 });
    expect(
      await consoleCells(
        page,
        'SELECT customer_city FROM bronze.olist_customers ORDER BY customer_id',
        'customer_city',
      ),
    ).toEqual(CITIES);
    expect(
      await consoleCells(
        page,
        'SELECT product_category_name FROM bronze.olist_products ORDER BY product_id',
        'product_category_name',
      ),
    ).toEqual(CATEGORIES);
    expect(
      await consoleCells(
        page,
        'SELECT review_comment_title, review_comment_message FROM bronze.olist_order_reviews ORDER BY review_id',
        'review_comment_title',
      ),
    ).toEqual(range(n).flatMap((i) => [TITLES[i], MESSAGES[i]]));
    await expectNothingInjected(page, 'the console');
    await expectNoHorizontalOverflow(page, 'the console');

    // The CSV export of that result: formula cells start with a quote, the rest is unchanged.
    await consoleCells(
      page,
      'SELECT customer_city AS city FROM bronze.olist_customers ORDER BY customer_id',
      'city',
    );
    const download = page.waitForEvent('download');
    await page
      .getByRole('group', { name: 'Export the result' })
      .getByRole('button', { name: 'CSV' })
      .click();
    const text = await readFile((await (await download).path())!, 'utf8');
    const expected = CITIES.map((c) => (/^[=+\-@]/.test(c) ? `'${c}` : c)).map(field);
    expect(text.trimEnd().split(/\r?\n/)).toEqual(['city', ...expected]);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});
