import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

interface FixtureRow {
  price: number;
  discount_percentage: number;
  rating: number;
  num_reviews: number;
  category: string;
  log1p_units: number;
}
const fixture = JSON.parse(readFileSync('models/parity_fixture.json', 'utf8')) as {
  rows: FixtureRow[];
};

test('a prediction in the browser equals Python within 1e-4 relative', async ({
  openApp,
  guard,
}) => {
  const page = await openApp('?p=predict&orders=1000');
  const form = page.getByTestId('predict-form');
  await expect(form).toBeVisible({ timeout: 60_000 });
  for (const row of fixture.rows.slice(0, 3)) {
    await form.locator('input[name=price]').fill(String(row.price));
    await form.locator('input[name=discount_percentage]').fill(String(row.discount_percentage));
    await form.locator('input[name=rating]').fill(String(row.rating));
    await form.locator('input[name=num_reviews]').fill(String(row.num_reviews));
    await form.locator('select[name=category]').selectOption(row.category);
    await form.getByRole('button', { name: 'Predict' }).click();
    await expect(page.getByTestId('predicted-log1p')).not.toBeEmpty();
    await expect
      .poll(async () => {
        const got = Number(await page.getByTestId('predicted-log1p').textContent());
        return Math.abs(got - row.log1p_units) / Math.abs(row.log1p_units);
      })
      .toBeLessThan(1e-4);
  }
  expect([...guard.offOrigin]).toEqual([]);
});

test('an invalid input shows a clear message and no prediction', async ({ openApp }) => {
  const page = await openApp('?p=predict&orders=1000');
  const form = page.getByTestId('predict-form');
  await expect(form).toBeVisible({ timeout: 60_000 });
  await form.locator('input[name=rating]').fill('7');
  await form.getByRole('button', { name: 'Predict' }).click();
  await expect(form.getByText('Rating must be between 1 and 5.')).toBeVisible();
  await expect(page.getByTestId('prediction')).toHaveCount(0);
});

test('batch scoring writes the scores back as a table', async ({ openApp }) => {
  const page = await openApp('?p=predict&orders=1000');
  await page.getByRole('button', { name: 'Score every product of the loaded data' }).click();
  await expect(page.getByTestId('batch-summary')).toContainText('ml.product_sales_scores', {
    timeout: 60_000,
  });
  await expect(page.getByText('differs from the training data')).toBeVisible();
});
