import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './index.ts';
import type { DemoRecipe } from './index.ts';
import { generateToMemory } from '../test-helpers/generate.ts';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

async function hashes(recipe: DemoRecipe, chunkOrders?: number): Promise<Record<string, string>> {
  const g = await generateToMemory(recipe, chunkOrders === undefined ? {} : { chunkOrders });
  return Object.fromEntries([...g.files].map(([f, text]) => [f, sha256(text)]));
}

describe('determinism', () => {
  const recipe: DemoRecipe = { seed: 7, orders: 2500, scenario: 'fraud_attack' };

  it('gives the same bytes for the same recipe, whatever the chunk size', async () => {
    const a = await hashes(recipe);
    const b = await hashes(recipe, 333);
    const c = await hashes(recipe, 7);
    expect(Object.keys(a)).toHaveLength(18);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('changes every order-driven file with the seed', async () => {
    const a = await hashes(recipe);
    const b = await hashes({ ...recipe, seed: 8 });
    const same = Object.keys(a).filter((f) => a[f] === b[f]);
    expect(same).toEqual(['product_category_name_translation.csv']);
  });

  it('writes each header first and reports progress per chunk', async () => {
    const firsts = new Map<string, string>();
    const progress: number[] = [];
    await generateDemo(
      { seed: 1, orders: 1000, scenario: 'normal_day' },
      {
        write(file, chunk) {
          if (!firsts.has(file)) firsts.set(file, chunk);
        },
      },
      { chunkOrders: 400, onProgress: (p) => progress.push(p.ordersDone) },
    );
    expect(progress).toEqual([400, 800, 1000]);
    expect(firsts.get('olist_orders_dataset.csv')).toBe(
      'order_id,customer_id,order_status,order_purchase_timestamp,order_approved_at,' +
        'order_delivered_carrier_date,order_delivered_customer_date,order_estimated_delivery_date\n',
    );
  });

  it('waits for an asynchronous sink and stops when aborted', async () => {
    const controller = new AbortController();
    let writes = 0;
    const run = generateDemo(
      { seed: 1, orders: 5000, scenario: 'normal_day' },
      {
        async write() {
          writes++;
          await new Promise((resolve) => setTimeout(resolve, 0));
        },
      },
      {
        chunkOrders: 1000,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.ordersDone === 2000) controller.abort();
        },
      },
    );
    await expect(run).rejects.toThrow(/abort/i);
    expect(writes).toBeGreaterThan(18);
  });

  it('lets a timer abort it between chunks even when the sink is synchronous', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    const run = generateDemo(
      { seed: 1, orders: 50_000, scenario: 'normal_day' },
      { write: () => undefined },
      { chunkOrders: 500, signal: controller.signal },
    );
    await expect(run).rejects.toThrow(/abort/i);
  });

  it('rejects invalid recipes', async () => {
    const sink = { write: () => undefined };
    await expect(
      generateDemo({ seed: -1, orders: 10, scenario: 'normal_day' }, sink),
    ).rejects.toThrow(RangeError);
    await expect(
      generateDemo({ seed: 1, orders: 0, scenario: 'normal_day' }, sink),
    ).rejects.toThrow(RangeError);
    await expect(
      generateDemo({ seed: 1, orders: 10, scenario: 'black_friday' as 'normal_day' }, sink),
    ).rejects.toThrow(/unknown scenario/);
  });
});
