import { chromium, test as base, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import '../bench/browser-target.ts';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer, type RunningServer } from '../scripts/lib/static-server.ts';
import { expect, guardContext, type OriginGuard } from './fixtures.ts';

export const DIST = process.env.DIST_DIR ?? 'dist';

/** One launch of the browser on the test's profile, with the origin guard on all its pages. */
export interface PersistentBrowser {
  context: BrowserContext;
  guard: OriginGuard;
  page: Page;
}

/**
 * Tests that need what persists across reloads and browser restarts (OPFS, IndexedDB, the service
 * worker): each gets its own user-data dir, and `launch` opens a persistent context on it. Close
 * the context and launch again to restart the browser. Every launch's guard is checked at the end.
 */
export const persistentTest = base.extend<{
  profile: string;
  server: RunningServer;
  launch: (options?: { init?: () => void; server?: RunningServer }) => Promise<PersistentBrowser>;
}>({
  // eslint-disable-next-line no-empty-pattern
  profile: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lakehouse-profile-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  },
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await startStaticServer({ root: DIST });
    await use(server);
    await server.close();
  },
  launch: async ({ profile, server }, use) => {
    const open: PersistentBrowser[] = [];
    await use(async (options = {}) => {
      const url = (options.server ?? server).url;
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
        headless: true,
        baseURL: url,
      });
      if (options.init) await context.addInitScript(options.init);
      const guard = await guardContext(context, new URL(url).origin);
      const page = context.pages()[0] ?? (await context.newPage());
      const browser = { context, guard, page };
      open.push(browser);
      return browser;
    });
    for (const b of open) {
      await b.context.close().catch(() => undefined);
      expect([...b.guard.offOrigin], 'requests outside the page origin').toEqual([]);
      expect(b.guard.errors, 'uncaught errors').toEqual([]);
    }
  },
});
