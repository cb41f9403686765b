import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { PAGES } from '../src/app/pages.ts';

/** What each page shows once its data is in: the page is measured only after it. */
const CONTENT: Record<string, (page: Page) => Locator> = {
  overview: (page) => page.getByTestId('kpi').first(),
  sales: (page) => page.getByTestId('category-table'),
  pricing: (page) => page.getByTestId('best-price'),
  customers: (page) => page.getByTestId('churn-table'),
  products: (page) => page.getByTestId('top-products'),
  operations: (page) => page.getByTestId('kpi').first(),
  marketing: (page) => page.getByTestId('campaigns'),
  live: (page) => page.getByRole('button', { name: 'Start replay' }),
  predict: (page) => page.getByTestId('predict-form'),
  data: (page) => page.getByRole('heading', { name: 'SQL console' }),
};

/**
 * The boxes that make the document wider than the viewport, empty when it is not: each one pokes
 * past the right edge while its parent does not, and no scroller inside the viewport holds it.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const edge = innerWidth + 0.5;
    if (document.documentElement.scrollWidth <= innerWidth) return [];
    const inScroller = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= edge)
          return true;
      }
      return false;
    };
    const name = (el: Element) =>
      [el.tagName.toLowerCase(), ...[...el.classList].filter((c) => !c.startsWith('svelte-'))].join(
        '.',
      );
    const found = [...document.querySelectorAll('body *')].filter(
      (el) =>
        el.getBoundingClientRect().right > edge &&
        (el.parentElement?.getBoundingClientRect().right ?? 0) <= edge &&
        !inScroller(el),
    );
    return [
      `document ${document.documentElement.scrollWidth}px wide in ${innerWidth}px`,
      ...found.map(
        (el) =>
          `${name(el.parentElement!)} > ${name(el)} ends at ${el.getBoundingClientRect().right}`,
      ),
    ];
  });
}

test.describe('Small screens', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('no page is wider than a phone; wide tables scroll inside their card', async ({
    openApp,
  }) => {
    test.setTimeout(240_000);
    const page = await openApp('?orders=1000&seed=3&per=all');
    await expect(page.getByTestId('kpi')).toHaveCount(6, { timeout: 90_000 });
    const nav = page.getByRole('navigation', { name: 'Pages' });

    for (const { id, label } of PAGES) {
      await test.step(label, async () => {
        // Every page stays one tap away: the nav wraps instead of running off the screen.
        const link = nav.getByRole('link', { name: label, exact: true });
        await expect(link).toBeInViewport({ ratio: 1 });
        await link.click();
        await expect(CONTENT[id]!(page)).toBeVisible({ timeout: 60_000 });
        await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
        for (const width of [390, 320]) {
          await page.setViewportSize({ width, height: 844 });
          await expect
            .poll(() => overflowing(page), { message: `${label} at ${width}px` })
            .toEqual([]);
        }
        await page.setViewportSize({ width: 390, height: 844 });
      });
    }

    // Sales' category table is wider than a phone: it keeps its columns and scrolls in its card.
    await nav.getByRole('link', { name: 'Sales', exact: true }).click();
    const table = page.getByTestId('category-table');
    await expect(table).toBeVisible({ timeout: 60_000 });
    await expect(table).toHaveRole('table');
    const scroller = await table.evaluate((el) => {
      const wrapper = el.parentElement!;
      const box = wrapper.getBoundingClientRect();
      return {
        overflowX: getComputedStyle(wrapper).overflowX,
        scrolls: wrapper.scrollWidth > wrapper.clientWidth,
        inside: box.left >= 0 && box.right <= innerWidth,
      };
    });
    expect(scroller).toEqual({ overflowX: 'auto', scrolls: true, inside: true });
  });
});
