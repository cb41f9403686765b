import { test, expect } from './fixtures.ts';

test.describe('Overview', () => {
  test('opens on the demo data with KPIs and charts, and keeps its settings in the URL', async ({
    openApp,
  }) => {
    const page = await openApp('?orders=1000&seed=3&per=all');
    const kpis = page.getByTestId('kpi');
    await expect(kpis).toHaveCount(6, { timeout: 90_000 });
    // All time: every one of the 1,000 generated orders, and no previous period to compare with.
    await expect(kpis.filter({ hasText: 'Orders' })).toContainText('1,000');
    await expect(kpis.filter({ hasText: 'Orders' })).not.toContainText('previous period');
    await expect(page.locator('main canvas')).toHaveCount(5);

    await page.getByRole('radio', { name: 'month' }).click();
    await expect(page.getByRole('radio', { name: 'month' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(new URL(page.url()).searchParams.get('g')).toBe('month');

    await page.getByLabel('Period').selectOption('30');
    await expect(kpis.filter({ hasText: 'Orders' })).toContainText('vs previous period');
    expect(new URL(page.url()).searchParams.get('per')).toBe('30');
  });
});
