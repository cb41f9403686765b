import { test as base } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStaticServer } from '../scripts/lib/static-server.ts';
import { expect, guardContext } from './fixtures.ts';

/**
 * How the README says to host the app: any static host, under any sub-path. With COOP/COEP the page
 * is cross-origin isolated and DuckDB runs its threaded bundle for an in-memory database; a database
 * in OPFS stays single-threaded (see src/engine/duck/browser.ts). Each case opens the built app under
 * a sub-path and runs the demo through to the Overview.
 */
const dist = path.resolve(process.env.DIST_DIR ?? 'dist');
const SUB_PATH = '/shop/analytics/';

const CASES = [
  { isolated: false, storage: 'opfs', threaded: false },
  { isolated: true, storage: 'opfs', threaded: false },
  { isolated: true, storage: 'memory', threaded: true },
] as const;

for (const { isolated, storage, threaded } of CASES) {
  base(
    `${isolated ? 'with' : 'without'} COOP/COEP, ${storage}: demo to dashboard under ${SUB_PATH}`,
    async ({ context, page }) => {
      base.setTimeout(240_000);
      // The host's root holds nothing of the app: every file must be asked for under the sub-path.
      const empty = await mkdtemp(path.join(tmpdir(), 'hosting-root-'));
      const server = await startStaticServer({
        root: empty,
        isolated,
        mounts: { [SUB_PATH]: dist },
      });
      try {
        const origin = new URL(server.url).origin;
        const guard = await guardContext(context, origin);
        const missing: string[] = [];
        page.on('response', (r) => {
          if (r.status() === 404) missing.push(r.url());
        });

        await page.goto(`${origin}${SUB_PATH}?orders=1000&seed=5&per=all&storage=${storage}`);
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(isolated);
        // The engine takes up to 4 threads where it may; the status line says how many it got.
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        const threads = threaded ? Math.max(1, Math.min(cores, 4)) : 1;
        await expect(page.getByTestId('engine-status')).toContainText(
          threads === 1 ? 'single thread' : `${threads} threads`,
          { timeout: 60_000 },
        );
        const setting = await page.evaluate(async () => {
          const api = (
            globalThis as unknown as {
              lakehouse: { engine: { rows(sql: string): Promise<Record<string, unknown>[]> } };
            }
          ).lakehouse;
          return api.engine.rows("SELECT current_setting('threads')::INT AS threads");
        });
        expect(Number(setting[0]?.threads)).toBe(threads);

        const orders = page.getByTestId('kpi').filter({ hasText: 'Orders' });
        await expect(orders).toContainText('1,000', { timeout: 180_000 });

        expect(missing, 'files asked for outside the sub-path').toEqual([]);
        expect([...guard.offOrigin]).toEqual([]);
        expect(guard.errors).toEqual([]);
      } finally {
        await server.close();
        await rm(empty, { recursive: true, force: true });
      }
    },
  );
}
