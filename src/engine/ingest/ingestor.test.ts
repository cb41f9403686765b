import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../sql-driver.ts';
import { createIngestor, type TaskProgress } from './ingestor.ts';

let driver: SqlDriver;
beforeAll(async () => {
  driver = await wasmDriver(await openNodeWasmDatabase());
});
afterAll(async () => {
  await driver.close();
});

describe('loading the demo data set', () => {
  const ingestor = () => createIngestor({ driver: async () => driver, interrupt: async () => {} });

  it('loads every generated file into bronze with the rows the generator wrote, once', async () => {
    const progress: TaskProgress[] = [];
    const recipe = { seed: 7, orders: 1000, scenario: 'normal_day' as const };
    const first = await ingestor().loadDemo(recipe, (p) => progress.push(p));
    expect(first.files.every((f) => f.status === 'loaded')).toBe(true);
    expect(first.files).toHaveLength(18);
    for (const outcome of first.files) {
      if (outcome.status !== 'loaded') continue;
      const written = first.summary.rows[outcome.file as keyof typeof first.summary.rows];
      expect(outcome.rows + outcome.rejected, outcome.file).toBe(written);
      expect(outcome.rejected, outcome.file).toBe(0);
      const [count] = await driver.rows(
        `SELECT count(*)::BIGINT AS n FROM bronze."${outcome.format}"`,
      );
      expect(count?.n, outcome.format).toBe(written);
    }
    expect(progress.some((p) => p.phase === 'generate' && p.done === 1000)).toBe(true);
    expect(progress.some((p) => p.phase === 'load')).toBe(true);

    const again = await ingestor().loadDemo(recipe);
    expect(again.files.map((f) => f.status)).toEqual(Array(18).fill('duplicate'));
    const [orders] = await driver.rows('SELECT count(*)::BIGINT AS n FROM bronze.olist_orders');
    expect(orders?.n).toBe(1000);
  });

  it('loads dropped files and reports a refused one without stopping the others', async () => {
    const enc = new TextEncoder();
    const out = await ingestor().ingestFiles([
      { name: 'notes.csv', bytes: enc.encode('title,body\nx,y\n') },
      {
        name: 'raw_products.csv',
        bytes: enc.encode(
          'product_id,product_name,category,cost_price,list_price\np1,Mug,Home,2.5,9.9\n',
        ),
      },
    ]);
    expect(out[0]).toMatchObject({ status: 'refused', file: 'notes.csv' });
    expect(out[1]).toMatchObject({ status: 'loaded', format: 'raw_products', rows: 1 });
  });
});
