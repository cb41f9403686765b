import { generateDemo, type DemoRecipe } from '../src/data/generator/index.ts';
import { ContentHash } from '../src/engine/ingest/content-hash.ts';
import '../bench/browser-target.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openNativeDriver } from '../src/engine/duck/native.ts';
import { test, expect } from './fixtures.ts';

const SELLERS =
  'seller_id,seller_zip_code_prefix,seller_city,seller_state\n' +
  '3442f8959a84dea7ee197c632cb2df15,13023,campinas,SP\n' +
  'd1b65fc7debc3361ea86b5f14c68d2e2,01310,sao paulo,SP\n' +
  'ce3ad9de960102d0677a81f5d0bb7b2d,20031,rio de janeiro,RJ,extra\n';

test.describe('Sources', () => {
  test('an empty database gets the demo data set of the URL recipe on open', async ({
    openApp,
  }) => {
    const page = await openApp('?p=data&orders=1000&seed=3');
    const batches = page.getByTestId('batch-table').locator('tbody tr');
    await expect(batches).toHaveCount(18, { timeout: 60_000 });
    await expect(page.getByTestId('load-outcomes').locator('li.loaded')).toHaveCount(18);
    // The pipeline builds on its own after the load: every model, every test, every source balanced.
    await expect(page.getByTestId('build-summary')).toContainText('quality 100%', {
      timeout: 90_000,
    });
    const recon = page.getByTestId('reconciliation').locator('tbody tr');
    await expect(recon).toHaveCount(18);
    await expect(recon.filter({ hasText: '✗ no' })).toHaveCount(0);
    await expect(recon.filter({ hasText: 'bronze.olist_orders' }).locator('td').nth(2)).toHaveText(
      '1,000',
    );
    await page
      .getByLabel('SQL query')
      .fill(
        'SELECT count(*) AS orders, count(DISTINCT _batch_id) AS batches FROM bronze.olist_orders',
      );
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('result-table').locator('tbody td')).toHaveText(['1,000', '1']);
  });

  test('dropped files load, a repeat is recognised, an unknown header is refused', async ({
    openApp,
  }) => {
    const page = await openApp();
    const input = page.getByTestId('file-input');
    await input.setInputFiles([
      { name: 'olist_sellers_dataset.csv', mimeType: 'text/csv', buffer: Buffer.from(SELLERS) },
      { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('title,body\na,b\n') },
    ]);
    const outcomes = page.getByTestId('load-outcomes').locator('li');
    await expect(outcomes.nth(0)).toContainText(
      'olist_sellers_dataset.csv → bronze.olist_sellers: 2 rows',
    );
    await expect(outcomes.nth(0)).toContainText('1 malformed record set aside');
    await expect(outcomes.nth(1)).toContainText('notes.csv: This header matches no known format');

    await input.setInputFiles([
      { name: 'sellers-again.csv', mimeType: 'text/csv', buffer: Buffer.from(SELLERS) },
    ]);
    await expect(page.getByTestId('load-outcomes').locator('li')).toHaveText([
      'sellers-again.csv: already loaded as batch B000001; not loaded again.',
    ]);
    await expect(page.getByTestId('batch-table').locator('tbody tr')).toHaveCount(1);

    await page
      .getByLabel('SQL query')
      .fill(
        "SELECT seller_zip_code_prefix AS zip FROM bronze.olist_sellers WHERE seller_city = 'sao paulo'",
      );
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('result-table').locator('tbody td')).toHaveText(['01310']);
  });

  test('a Parquet table written by the Node pipeline opens as a table', async ({ openApp }) => {
    const native = await openNativeDriver();
    const dir = await mkdtemp(path.join(tmpdir(), 'parquet-'));
    const file = path.join(dir, 'gold.sales_daily.parquet');
    await native.exec(
      `COPY (SELECT DATE '2018-01-01' + range::INTEGER AS order_date, 100.5 * range AS gmv FROM range(3)) TO '${file}' (FORMAT parquet)`,
    );
    await native.close();
    const page = await openApp();
    await page.getByTestId('file-input').setInputFiles(file);
    await expect(page.getByTestId('load-outcomes').locator('li')).toHaveText([
      'gold.sales_daily.parquet → gold.sales_daily: 3 rows, 2 columns (Parquet), ready in the SQL console',
    ]);
    await page
      .getByLabel('SQL query')
      .fill('SELECT order_date, gmv FROM gold.sales_daily ORDER BY 1');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('result-table').locator('tbody tr')).toHaveText([
      '2018-01-010',
      '2018-01-02100.5',
      '2018-01-03201',
    ]);
  });

  test('a watched folder loads new and changed CSV files as new batches', async ({ openApp }) => {
    const page = await openApp();
    // An OPFS folder stands in for the one a person picks: the same FileSystemDirectoryHandle API.
    const write = (name: string, text: string) =>
      page.evaluate(
        async ([n, t]) => {
          const root = await navigator.storage.getDirectory();
          const dir = await root.getDirectoryHandle('watched', { create: true });
          const writable = await (await dir.getFileHandle(n, { create: true })).createWritable();
          await writable.write(t);
          await writable.close();
        },
        [name, text] as const,
      );
    await write('olist_sellers_dataset.csv', SELLERS);
    await write('readme.txt', 'not a csv');
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      await globalThis.lakehouse.watch(await root.getDirectoryHandle('watched'));
    });
    const batches = page.getByTestId('batch-table').locator('tbody tr');
    await expect(batches).toHaveCount(1);
    await expect(page.getByTestId('folder-watch')).toContainText('Watching watched: 1 CSV file');

    await write('more_sellers.csv', SELLERS.replace('campinas', 'Campinas'));
    await expect(batches).toHaveCount(2, { timeout: 15_000 });
    await expect(batches.nth(1)).toContainText('more_sellers.csv');
  });

  test('a cancelled demo load keeps nothing', async ({ openApp }) => {
    const page = await openApp();
    await page.getByLabel('Orders').selectOption('250000');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    const task = page.getByTestId('task-progress');
    await expect(task).toContainText('Generating:', { timeout: 20_000 });
    await task.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('load-error')).toContainText('cancelled');
    await expect(task).toHaveCount(0);
    await expect(page.getByText('Nothing loaded yet.')).toBeVisible();
    // The recipe the user chose is in the URL, so the link reproduces the choice.
    expect(new URL(page.url()).searchParams.get('orders')).toBe('250000');
  });
});

test('the browser generates the same bytes as Node for the same recipe', async ({ openApp }) => {
  const recipe = { seed: 3, orders: 1000, scenario: 'normal_day' as const };
  const expected = await nodeFingerprints(recipe);
  const page = await openApp(`?p=data&orders=${recipe.orders}&seed=${recipe.seed}`);
  await expect(page.getByTestId('batch-table').locator('tbody tr')).toHaveCount(18, {
    timeout: 60_000,
  });
  const loaded = await page.evaluate(() =>
    globalThis.lakehouse.engine.rows(
      'SELECT source_file, content_hash FROM bronze._batches ORDER BY source_file',
    ),
  );
  expect(Object.fromEntries(loaded.map((r) => [r.source_file, r.content_hash]))).toEqual(expected);
});

/** The content hash of each file the generator writes in Node: the same function bronze records. */
async function nodeFingerprints(recipe: DemoRecipe): Promise<Record<string, string>> {
  const hashes = new Map<string, ContentHash>();
  const encoder = new TextEncoder();
  await generateDemo(recipe, {
    write(file, chunk) {
      const hash = hashes.get(file) ?? new ContentHash();
      hash.update(encoder.encode(chunk));
      hashes.set(file, hash);
    },
  });
  return Object.fromEntries([...hashes].sort().map(([file, hash]) => [file, hash.digest()]));
}
