import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToMemory } from '../../data/test-helpers/generate.ts';
import { openNativeDriver } from '../../engine/duck/native.ts';
import { ingestCsv } from '../../engine/ingest/load-csv.ts';
import { bytesSource } from '../../engine/ingest/sources.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { loadModelFiles } from '../../pipeline/load-files.ts';
import { runPipeline } from '../../pipeline/run.ts';
import type { PipelineRun } from '../../pipeline/types.ts';
import { NO_FILTERS, type Query } from '../filters/filters.ts';
import { salesChannelsQuery } from '../marketing/marketing-sql.ts';
import * as products from '../products/products-sql.ts';
import { isBuilt, missingNote } from '../shared/extension-tables.ts';
import * as ops from './operations-sql.ts';

// Real Olist exports carry none of the demo extension files: the queries the pages always run must
// work without them, and the panels over the missing tables must say what to load.
let driver: SqlDriver;
let run: PipelineRun;
const rows = (q: Query) => driver.rows(q.sql, q.params);

beforeAll(async () => {
  const demo = await generateToMemory({ seed: 5, orders: 1000, scenario: 'normal_day' });
  driver = await openNativeDriver();
  const encoder = new TextEncoder();
  for (const [name, text] of demo.files) {
    if (name.startsWith('demo_')) continue;
    await ingestCsv(driver, bytesSource(name, [encoder.encode(text)]), {
      ingestedAt: '2026-01-01 00:00:00',
    });
  }
  run = await runPipeline(
    driver,
    await loadModelFiles(path.resolve(import.meta.dirname, '../../sql')),
  );
}, 120_000);
afterAll(async () => {
  await driver.close();
});

describe('the pages on Olist files alone', () => {
  it('extension tables are reported missing, with the file to load', () => {
    for (const table of [
      'silver.product_pricing',
      'silver.returns',
      'silver.sessions',
      'gold.inventory_turnover',
      'gold.safety_stock_alerts',
      'gold.campaign_performance',
      'gold.session_funnel',
      'gold.loyalty_tiers',
    ]) {
      expect(isBuilt(run, table), table).toBe(false);
      expect(missingNote(run, table), table).toMatch(/load demo_[a-z_]+\.csv/);
    }
    expect(isBuilt(run, 'gold.category_affinity')).toBe(true);
  });

  it('the always-on queries run and count every order', async () => {
    const [kpi] = await rows(ops.opsKpiQuery(NO_FILTERS));
    expect(kpi?.orders).toBe(1000);
    expect(
      (await rows(ops.dropoffQuery(NO_FILTERS))).reduce((n, r) => n + Number(r.orders), 0),
    ).toBe(1000);
    expect((await rows(ops.slaWeeklyQuery(NO_FILTERS))).length).toBeGreaterThan(0);
    expect((await rows(ops.deliveryHistogramQuery(NO_FILTERS))).length).toBeGreaterThan(0);
    // Without demo_order_channels.csv every order is in the 'unknown' sales channel.
    const channels = await rows(salesChannelsQuery(NO_FILTERS, false));
    expect(channels.map((c) => [c.label, c.sessions])).toEqual([['unknown', null]]);

    const tiers = await rows(products.tiersQuery(NO_FILTERS));
    expect(tiers).toHaveLength(4);
    const [top] = await rows(products.topProductsQuery(NO_FILTERS, 'rating', 1));
    expect(top?.rating).not.toBeNull();
    const id = String(top?.product_id);
    const [card] = await rows(products.productSummaryQuery(NO_FILTERS, id, false));
    expect(card).toMatchObject({ product_id: id, attributes_source: 'derived', list_price: null });
    expect((await rows(products.productMonthlyQuery(NO_FILTERS, id))).length).toBeGreaterThan(0);
    expect(await rows(products.productAffinityQuery(id))).toBeInstanceOf(Array);
  });
});
