import type { Page } from '@playwright/test';
import type { Remote } from 'comlink';
import type { EngineApi } from '../src/engine/engine.ts';
import type { BenchTarget } from './scenarios.ts';

declare global {
  var lakehouse: {
    engine: Remote<EngineApi>;
    watch(handle: FileSystemDirectoryHandle): Promise<void>;
  };
}

/** The built app's engine worker, driven through the page; times are taken inside the page. */
export function browserTarget(page: Page): BenchTarget & {
  timed(sql: string): Promise<number>;
  startupMs(): Promise<number>;
  registerFromUrl(url: string, name: string): Promise<void>;
} {
  return {
    exec: (sql) => page.evaluate((s) => globalThis.lakehouse.engine.exec(s), sql),
    rows: (sql) => page.evaluate((s) => globalThis.lakehouse.engine.rows(s), sql),
    timed: (sql) =>
      page.evaluate(async (s) => {
        const started = performance.now();
        await globalThis.lakehouse.engine.exec(s);
        return performance.now() - started;
      }, sql),
    startupMs: () =>
      page.evaluate(async () => (await globalThis.lakehouse.engine.init()).startupMs),
    registerFromUrl: (url, name) =>
      page.evaluate(
        async ([u, n]) => {
          const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
          await globalThis.lakehouse.engine.registerBuffer(n, bytes);
        },
        [url, name] as const,
      ),
  };
}
