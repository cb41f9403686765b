import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { loadModelFiles } from './load-files.ts';
import { runPipeline } from './run.ts';
import { loadFixtureBatch } from './testing.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/medallion');

/** Runs the whole pipeline on one fixture folder and hands the database to `check`. */
async function onFixture(dir: string, check: (q: SqlDriver['rows']) => Promise<void>) {
  const driver = await openNativeDriver();
  try {
    await loadFixtureBatch(driver, dir, 'b1', '2024-01-01 00:00:00');
    const run = await runPipeline(driver, await loadModelFiles(path.join(root, 'src/sql')), {
      persist: false,
    });
    expect(run.error).toBeNull();
    expect(
      run.tests.filter((t) => t.model.startsWith('ml.') && t.status !== 'pass').map((t) => t.test),
    ).toEqual([]);
    await check((sql) => driver.rows(sql));
  } finally {
    await driver.close();
  }
}

describe('ml.customer_features (seed 002 ml_customer_features)', () => {
  it('tutorial data: trend ratio, gaps, volatility and account age from the data, not the clock', () =>
    onFixture(path.join(fixtures, 'tutorial'), async (q) => {
      // Completed orders (total = lines + shipping): customer 1: Feb 1 110, Apr 15 205,
      // Jun 15 50, Jul 1 205; customer 2: Jul 10 160 (its Jul 12 order is pending).
      // Analysis date = Jul 10. Customer 1: recency 9 → 5, 4 orders → 4, 570 → 5: total 14 →
      // CLV 570 × 2 = 1140. Gaps 73, 61, 16 → 50. Last 90 days (from Apr 11): Apr 15, Jun 15,
      // Jul 1 = 3; the 90 days before: Feb 1 = 1 → trend 3. Tenure Feb 1 → Jul 1 = 150 days →
      // 4 × 30 / 150 = 0.8 orders a month. Sample stdev of 110, 205, 50, 205 = 76.2124.
      // Account age: Jan 15 → Jul 10 = 16 + 28 + 31 + 30 + 31 + 30 + 10 = 176.
      // Customer 2: created Feb 20 → 140 days; 160 → 2, total 5 + 1 + 2 = 8 → 160 × 1.2 = 192.
      expect(
        await q(`SELECT customer_id, account_age_days, recency_days, frequency, monetary_value,
            rfm_total_score, predicted_clv_12m, clv_growth_multiplier, avg_days_between_orders,
            order_trend_ratio, orders_per_month, round(order_value_volatility, 4) AS volatility,
            is_active_last_30d, is_churn_risk, country, features_as_of::VARCHAR AS as_of
          FROM ml.customer_features ORDER BY 1`),
      ).toEqual([
        {
          customer_id: '1',
          account_age_days: 176,
          recency_days: 9,
          frequency: 4,
          monetary_value: 570,
          rfm_total_score: 14,
          predicted_clv_12m: 1140,
          clv_growth_multiplier: 2,
          avg_days_between_orders: 50,
          order_trend_ratio: 3,
          orders_per_month: 0.8,
          volatility: 76.2124,
          is_active_last_30d: 1,
          is_churn_risk: 0,
          country: 'US',
          as_of: '2023-07-10',
        },
        {
          customer_id: '2',
          account_age_days: 140,
          recency_days: 0,
          frequency: 1,
          monetary_value: 160,
          rfm_total_score: 8,
          predicted_clv_12m: 192,
          clv_growth_multiplier: 1.2,
          avg_days_between_orders: null,
          order_trend_ratio: null,
          orders_per_month: 0,
          volatility: null,
          is_active_last_30d: 1,
          is_churn_risk: 0,
          country: 'UK',
          as_of: '2023-07-10',
        },
      ]);
    }));

  it('Olist data: the first order date stands in for the missing account creation date', () =>
    onFixture(path.join(fixtures, 'demo'), async (q) => {
      // Analysis date = latest delivered order, o6 on 2018-03-03. u1: o1 Jan 10 (160), o3 Feb 5
      // (340): account age 21 + 28 + 3 = 52, recency 26, gap 26, stdev |340 − 160| / √2 = 127.2792.
      expect(
        await q(`SELECT customer_id, account_age_days, recency_days, avg_days_between_orders,
            round(order_value_volatility, 4) AS volatility FROM ml.customer_features ORDER BY 1`),
      ).toEqual([
        {
          customer_id: 'u1',
          account_age_days: 52,
          recency_days: 26,
          avg_days_between_orders: 26,
          volatility: 127.2792,
        },
        {
          customer_id: 'u2',
          account_age_days: 42,
          recency_days: 42,
          avg_days_between_orders: null,
          volatility: null,
        },
        {
          customer_id: 'u3',
          account_age_days: 21,
          recency_days: 21,
          avg_days_between_orders: null,
          volatility: null,
        },
        {
          customer_id: 'u4',
          account_age_days: 0,
          recency_days: 0,
          avg_days_between_orders: null,
          volatility: null,
        },
      ]);
    }));
});

describe('ml.product_sales_features', () => {
  it('demo data: catalogue attributes and every order line as units sold', () =>
    onFixture(path.join(fixtures, 'demo'), async (q) => {
      // p1 lines: o1 100, o3 110, o5 95 (canceled, still a line) → 3 units, 305.
      expect(
        await q('SELECT * EXCLUDE (source_format) FROM ml.product_sales_features ORDER BY 1'),
      ).toEqual([
        {
          product_id: 'p1',
          price: 100,
          discount_percentage: 0,
          rating: 4,
          num_reviews: 10,
          category: 'health_beauty',
          units_sold: 3,
          revenue: 305,
          attributes_source: 'catalogue',
        },
        {
          product_id: 'p2',
          price: 45,
          discount_percentage: 10,
          rating: 3,
          num_reviews: 4,
          category: 'health_beauty',
          units_sold: 3,
          revenue: 135,
          attributes_source: 'catalogue',
        },
        {
          product_id: 'p3',
          price: 200,
          discount_percentage: 20,
          rating: 5,
          num_reviews: 20,
          category: 'sports_leisure',
          units_sold: 3,
          revenue: 600,
          attributes_source: 'catalogue',
        },
        {
          product_id: 'p4',
          price: 80,
          discount_percentage: 0,
          rating: 2,
          num_reviews: 2,
          category: 'computers_accessories',
          units_sold: 2,
          revenue: 160,
          attributes_source: 'catalogue',
        },
        {
          product_id: 'p5',
          price: 20,
          discount_percentage: 50,
          rating: 4.5,
          num_reviews: 0,
          category: 'sports_leisure',
          units_sold: 0,
          revenue: 0,
          attributes_source: 'catalogue',
        },
      ]);
    }));

  it('real Olist (no demo_product_pricing): median price, discount 0, ratings from reviews', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'olist-only-'));
    try {
      await cp(path.join(fixtures, 'demo'), dir, {
        recursive: true,
        filter: (src) => !path.basename(src).startsWith('demo_'),
      });
      await onFixture(dir, async (q) => {
        // p1: prices 100, 110, 95 → median 100; orders o1 (5), o3 (4), o5 (no review) → 4.5 from 2.
        // p2: 45 × 3; reviews o1 5, o4 2, o6 5 → 4.0 from 3. p3: o2 1, o3 4 → 2.5 from 2.
        // p4: two units in o4, one review (2) → 2.0 from 1. p5: never sold → no price or rating.
        expect(
          await q(
            'SELECT product_id, price, discount_percentage, rating, num_reviews, units_sold, attributes_source FROM ml.product_sales_features ORDER BY 1',
          ),
        ).toEqual([
          {
            product_id: 'p1',
            price: 100,
            discount_percentage: 0,
            rating: 4.5,
            num_reviews: 2,
            units_sold: 3,
            attributes_source: 'derived',
          },
          {
            product_id: 'p2',
            price: 45,
            discount_percentage: 0,
            rating: 4,
            num_reviews: 3,
            units_sold: 3,
            attributes_source: 'derived',
          },
          {
            product_id: 'p3',
            price: 200,
            discount_percentage: 0,
            rating: 2.5,
            num_reviews: 2,
            units_sold: 3,
            attributes_source: 'derived',
          },
          {
            product_id: 'p4',
            price: 80,
            discount_percentage: 0,
            rating: 2,
            num_reviews: 1,
            units_sold: 2,
            attributes_source: 'derived',
          },
          {
            product_id: 'p5',
            price: null,
            discount_percentage: 0,
            rating: null,
            num_reviews: 0,
            units_sold: 0,
            attributes_source: 'derived',
          },
        ]);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
