import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startStaticServer, type RunningServer } from '../scripts/lib/static-server.ts';

export interface OriginGuard {
  /** Requests the page or its workers made to another origin. */
  offOrigin: Set<string>;
  /** Uncaught errors and console errors of the page and its workers. */
  errors: string[];
}

interface WorkerFixtures {
  server: RunningServer;
}

interface TestFixtures {
  guard: OriginGuard;
  /** Opens the app and waits for the database to be ready. */
  openApp: (search?: string) => Promise<Page>;
}

/**
 * Every browser test runs behind this guard: it fails the test when the page or any of its workers
 * asks for something outside the page's origin, or when an uncaught error is logged.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // Playwright requires an object pattern for a fixture without dependencies.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startStaticServer({ root: process.env.DIST_DIR ?? 'dist' });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.url),
  guard: [
    async ({ context, page, server }, use) => {
      const origin = new URL(server.url).origin;
      const guard: OriginGuard = { offOrigin: new Set(), errors: [] };
      const isOff = (url: string) => /^(https?|wss?):/.test(url) && new URL(url).origin !== origin;
      await context.route(
        (url) => isOff(url.href),
        (route) => {
          guard.offOrigin.add(route.request().url());
          return route.abort('blockedbyclient');
        },
      );
      context.on('request', (request) => {
        if (isOff(request.url())) guard.offOrigin.add(request.url());
      });
      page.on('pageerror', (error) => guard.errors.push(`pageerror: ${error.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error') guard.errors.push(`console: ${msg.text()}`);
      });
      page.on('worker', (worker) => {
        worker.on('console', (msg) => {
          if (msg.type() === 'error') guard.errors.push(`worker console: ${msg.text()}`);
        });
      });
      await use(guard);
      expect([...guard.offOrigin], 'requests outside the page origin').toEqual([]);
      expect(guard.errors, 'uncaught errors').toEqual([]);
    },
    { auto: true },
  ],
  openApp: async ({ page }, use) => {
    await use(async (search = '?p=data&demo=0') => {
      await page.goto(`./${search}`);
      await expect(page.getByTestId('engine-status')).toContainText('DuckDB v', {
        timeout: 30_000,
      });
      return page;
    });
  },
});

/**
 * The same guard for a context a test launches itself (a persistent context): every page, present
 * and future, and its workers. Assert `offOrigin` and `errors` empty at the end, as the fixture does.
 */
export async function guardContext(context: BrowserContext, origin: string): Promise<OriginGuard> {
  const guard: OriginGuard = { offOrigin: new Set(), errors: [] };
  const isOff = (url: string) => /^(https?|wss?):/.test(url) && new URL(url).origin !== origin;
  await context.route(
    (url) => isOff(url.href),
    (route) => {
      guard.offOrigin.add(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  context.on('request', (request) => {
    if (isOff(request.url())) guard.offOrigin.add(request.url());
  });
  const watch = (page: Page) => {
    page.on('pageerror', (error) => guard.errors.push(`pageerror: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') guard.errors.push(`console: ${msg.text()}`);
    });
    page.on('worker', (worker) => {
      worker.on('console', (msg) => {
        if (msg.type() === 'error') guard.errors.push(`worker console: ${msg.text()}`);
      });
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return guard;
}

export { expect };
