import { describe, expect, it } from 'vitest';
import { createViewCache } from './view-cache.ts';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

const kpis = { sql: 'SELECT ? AS period', params: ['current'] };
const trend = { sql: 'SELECT 1 AS bucket', params: [] };

describe('view cache', () => {
  it('gives the next page load the rows of the same save, until the storage reports another', () => {
    const store = memoryStore();
    const first = createViewCache(store);
    first.put(kpis, [{ period: 'x' }]); // before the storage reported: not kept
    expect(store.map.size).toBe(0);
    first.settle('2026-11-23T10:00:00Z');
    first.put(kpis, [{ period: 'current', gmv: 12.5 }]);
    first.put(trend, [{ bucket: '2018-01', gmv: 3 }]);

    // A reload: before the storage reports, the last save's rows are drawn.
    const reload = createViewCache(store);
    expect(reload.get(kpis)).toEqual([{ period: 'current', gmv: 12.5 }]);
    expect(reload.get({ ...kpis, params: ['previous'] })).toBeUndefined();
    reload.settle('2026-11-23T10:00:00Z');
    expect(reload.get(trend)).toEqual([{ bucket: '2018-01', gmv: 3 }]);

    // The database holds another save (another tab wrote, or the page died before it heard of a
    // save): everything cached is dropped, here and for later loads.
    reload.settle('2026-11-23T11:00:00Z');
    expect(reload.get(kpis)).toBeUndefined();
    expect(createViewCache(store).get(kpis)).toBeUndefined();
  });

  it('keeps nothing for an unsaved database and survives a broken or full store', () => {
    const store = memoryStore();
    const cache = createViewCache(store);
    cache.settle(null);
    cache.put(kpis, [{ period: 'current' }]);
    expect(store.map.size).toBe(0);

    store.map.set('lakehouse:view-cache', '{not json');
    expect(createViewCache(store).get(kpis)).toBeUndefined();

    const full = {
      ...memoryStore(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const quiet = createViewCache(full);
    quiet.settle('v1');
    expect(() => quiet.put(kpis, [{ period: 'current' }])).not.toThrow();
  });

  it('drops the oldest entries to stay within its size', () => {
    const store = memoryStore();
    const cache = createViewCache(store);
    cache.settle('v1');
    // 2,000 rows: an entry of 57,803 characters in JSON, so 17 of them fit in 1,000,000.
    const big = Array.from({ length: 2000 }, (_, i) => ({ bucket: `b${i}`, gmv: i }));
    for (let i = 0; i < 30; i++) cache.put({ sql: `SELECT ${i}`, params: [] }, big);
    expect(store.map.get('lakehouse:view-cache')!.length).toBeLessThanOrEqual(1_000_000);
    expect(cache.get({ sql: 'SELECT 29', params: [] })).toHaveLength(2000);
    expect(cache.get({ sql: 'SELECT 13', params: [] })).toHaveLength(2000);
    expect(cache.get({ sql: 'SELECT 12', params: [] })).toBeUndefined();
  });

  it('does not keep one result too large to share the store, and forgets its older rows', () => {
    const store = memoryStore();
    const cache = createViewCache(store);
    cache.settle('v1');
    const scatter = { sql: 'SELECT price FROM products', params: [] };
    cache.put(scatter, [{ price: 1 }]);
    cache.put(kpis, [{ period: 'current' }]);
    cache.put(
      scatter,
      Array.from({ length: 10_000 }, (_, i) => ({ price: i + 0.5 })),
    );
    expect(cache.get(scatter)).toBeUndefined();
    expect(cache.get(kpis)).toEqual([{ period: 'current' }]);
  });

  it('keeps the build the rows came from, under the same rule as the rows', () => {
    const store = memoryStore();
    const cache = createViewCache(store);
    const run = {
      runId: 'r1',
      models: [{ model: 'gold.loyalty_tiers', status: 'built', rows: 4 }],
    };
    cache.putRun(run); // before the storage reported: not kept
    cache.settle('v1');
    cache.putRun(run);
    const reload = createViewCache(store);
    expect(reload.getRun()).toEqual(run);
    reload.settle('v2');
    expect(reload.getRun()).toBeUndefined();
  });
});
