import { test, expect } from './fixtures.ts';
import { CONTENT_SECURITY_POLICY } from '../build/csp.ts';

test.describe('Content-Security-Policy', () => {
  test('the built page carries the policy and the app runs under it', async ({ openApp }) => {
    const page = await openApp('?p=data&demo=0');
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).toBe(CONTENT_SECURITY_POLICY);
    // The database (wasm in a worker) and the console work under it: the fixture fails the test on
    // any violation, which Chromium reports as a console error.
    await page.getByLabel('SQL query').fill('SELECT 6 * 7 AS answer');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(page.getByTestId('result-table').locator('tbody td')).toHaveText(['42']);
  });

  test('inline script and requests to other origins are refused', async ({ openApp, guard }) => {
    const page = await openApp('?p=data&demo=0');
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(e.effectiveDirective),
      );
      const w = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      // A string handed to setTimeout is compiled later by the page itself (page.evaluate runs
      // through DevTools, which the policy does not cover), so it meets the no-eval rule.
      const timers = window as unknown as { timerRan?: boolean };
      (setTimeout as unknown as (code: string, ms: number) => void)('window.timerRan = true', 0);
      const fetched = await fetch('https://example.invalid/x').then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      return {
        injected: w.injected === true,
        evalRan: timers.timerRan === true,
        fetched,
        violations: violations.sort(),
      };
    });
    expect(outcome).toEqual({
      injected: false,
      evalRan: false,
      fetched: 'refused',
      violations: ['connect-src', 'script-src-elem', 'script-src'].sort(),
    });
    // These refusals were the point of this test; Chromium logs each as a console error.
    await expect.poll(() => guard.errors.length).toBeGreaterThanOrEqual(4);
    expect(
      guard.errors.every((e) => /Content Security Policy|Refused to|Failed to fetch/i.test(e)),
    ).toBe(true);
    guard.errors.length = 0;
    // Refused by the policy before any request left the page.
    expect([...guard.offOrigin]).toEqual([]);
  });
});
