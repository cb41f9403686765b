import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlainRow } from '../../engine/arrow-rows.ts';

const fake = vi.hoisted(() => ({
  state: { lastRun: null as object | null, opening: true },
  /** The engine's answers, by SQL; a query not listed fails. */
  answers: new Map<string, PlainRow[]>(),
  asked: [] as string[],
}));

vi.mock('../data/data-state.svelte.ts', () => ({ dataState: fake.state }));
vi.mock('../storage/storage-state.svelte.ts', () => ({ storageState: { status: 'ready' } }));
vi.mock('../engine-client.ts', () => ({
  getEngine: () => ({
    rows: (sql: string) => {
      fake.asked.push(sql);
      const rows = fake.answers.get(sql);
      return rows ? Promise.resolve(rows) : Promise.reject(new Error(`no table for ${sql}`));
    },
  }),
}));

const { pageRows } = await import('./page-rows.ts');
const { viewCache } = await import('./page-query.ts');

const kpis = { sql: 'SELECT gmv FROM gold.kpis', params: [] };
const trend = { sql: 'SELECT month, gmv FROM gold.trend', params: [] };

function recorder() {
  const shown: Array<{ rows: PlainRow[][]; fromCache: boolean }> = [];
  const failed: string[] = [];
  return {
    shown,
    failed,
    show: (rows: PlainRow[][], fromCache: boolean) => shown.push({ rows, fromCache }),
    fail: (message: string) => failed.push(message),
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  fake.answers.clear();
  fake.asked.length = 0;
  fake.answers.set(kpis.sql, [{ gmv: 120.5 }]);
  fake.answers.set(trend.sql, [{ month: '2018-01', gmv: 80 }]);
});

describe('page rows', () => {
  it('runs the queries once the layers are built, and keeps their rows for the next visit', async () => {
    fake.state.lastRun = { finishedAt: 'x' };
    viewCache.settle('save-1');
    const r = recorder();
    pageRows([kpis, trend], r.show, r.fail);
    expect(r.shown).toEqual([]);
    await settle();
    expect(r.shown).toEqual([
      { rows: [[{ gmv: 120.5 }], [{ month: '2018-01', gmv: 80 }]], fromCache: false },
    ]);
    expect(viewCache.get(kpis)).toEqual([{ gmv: 120.5 }]);
  });

  it('while the database opens, shows the kept rows at once, only when every query has them', () => {
    fake.state.lastRun = null;
    fake.state.opening = true;
    viewCache.settle('save-2');
    viewCache.put(kpis, [{ gmv: 99 }]);
    const partial = recorder();
    pageRows([kpis, trend], partial.show, partial.fail);
    expect(partial.shown).toEqual([]);

    viewCache.put(trend, [{ month: '2018-02', gmv: 7 }]);
    const whole = recorder();
    pageRows([kpis, trend], whole.show, whole.fail);
    expect(whole.shown).toEqual([
      { rows: [[{ gmv: 99 }], [{ month: '2018-02', gmv: 7 }]], fromCache: true },
    ]);
    expect(fake.asked).toEqual([]);

    // Open, and nothing built: no kept rows stand for data that is not there.
    fake.state.opening = false;
    const empty = recorder();
    pageRows([kpis, trend], empty.show, empty.fail);
    expect(empty.shown).toEqual([]);
  });

  it('drops an answer or an error that comes after the view changed', async () => {
    fake.state.lastRun = { finishedAt: 'x' };
    const late = recorder();
    pageRows([kpis], late.show, late.fail)?.();
    const broken = recorder();
    pageRows([{ sql: 'SELECT * FROM missing', params: [] }], broken.show, broken.fail)?.();
    const current = recorder();
    pageRows([{ sql: 'SELECT * FROM missing', params: [] }], current.show, current.fail);
    await settle();
    expect(late.shown).toEqual([]);
    expect(broken.failed).toEqual([]);
    expect(current.failed).toEqual(['no table for SELECT * FROM missing']);
  });
});
