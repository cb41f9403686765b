import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { loadModelFiles } from './load-files.ts';
import { runPipeline } from './run.ts';
import { loadFixtureBatch } from './testing.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/medallion');

/*
 * tests/fixtures/medallion/demo, by hand. Categories: p1, p2 health_beauty (HB), p3, p5
 * sports_leisure (SL), p4 computers_accessories (CA). Order lines (price):
 *   o1 u1 delivered 2018-01-10: p1 100, p2 45      o2 u2 delivered 2018-01-20: p3 200
 *   o3 u1 delivered 2018-02-05: p1 110, p3 200     o4 u3 delivered 2018-02-10: p4 80, p4 80, p2 45
 *   o5 u2 CANCELED  2018-03-01: p1 95              o6 u4 delivered 2018-03-03: p2 45
 *   o7 u3 shipped   2018-03-10: p3 200
 * Pricing (price, discount, rating, cost): p1 100/0/4.0/60, p2 45/10/3.0/20, p3 200/20/5.0/100,
 *   p4 80/0/2.0/30, p5 20/50/4.5/10 (p5 never sold).
 */
describe('product and seed-000 gold models on the demo fixture', () => {
  let driver: SqlDriver;
  const q = (sql: string) => driver.rows(sql);
  beforeAll(async () => {
    driver = await openNativeDriver();
    await loadFixtureBatch(driver, path.join(fixtures, 'demo'), 'b1', '2024-01-01 00:00:00');
    const run = await runPipeline(driver, await loadModelFiles(path.join(root, 'src/sql')), {
      persist: false,
    });
    expect(run.error).toBeNull();
    // Every header test of every model holds on the fixture.
    expect(run.tests.filter((t) => t.status !== 'pass' && t.status !== 'skipped')).toEqual([]);
  });
  afterAll(() => driver.close());

  it('int_product_metrics and fct_product_performance follow seed 002 on completed orders', async () => {
    // Completed = delivered: o1, o2, o3, o4, o6. p1: o1 100 + o3 110 = 210, 2 units, profit
    // 210 − 2 × 60 = 90. p2: 45 × 3 (o1, o4, o6; u1, u3, u4) = 135, profit 135 − 60 = 75.
    // p3: 200 × 2 (o2 u2, o3 u1) = 400, profit 200. p4: 2 × 80 = 160 in one order, profit 100.
    // Revenues sorted 0, 135, 160, 210, 400: p80 = 210 + 0.2 × 190 = 248; p50 = 160;
    // p20 = 0 + 0.8 × 135 = 108 → p3 Star, p1 and p4 (160 >= p50) Performer, p2 Average,
    // p5 Underperformer. units 3, 2, 2, 2, 0 → ties broken by product_id: p2, p1, p3, p4, p5.
    // HB share: 210 / 345 = 0.608696, 135 / 345 = 0.391304.
    expect(
      await q(`SELECT product_id, orders_count, customers_count, units_sold, revenue, avg_selling_price,
          total_profit, revenue_rank, units_rank, profit_rank, round(category_revenue_share, 6) AS share,
          performance_tier, round(revenue_p80, 6) AS p80, revenue_p50, revenue_p20
        FROM gold.fct_product_performance ORDER BY product_id`),
    ).toEqual([
      row('p1', 2, 1, 2, 210, 105, 90, 2, 2, 3, 0.608696, 'Performer'),
      row('p2', 3, 3, 3, 135, 45, 75, 4, 1, 4, 0.391304, 'Average'),
      row('p3', 2, 2, 2, 400, 200, 200, 1, 3, 1, 1, 'Star'),
      row('p4', 1, 1, 2, 160, 80, 100, 3, 4, 2, 1, 'Performer'),
      row('p5', 0, 0, 0, 0, 0, 0, 5, 5, 5, 0, 'Underperformer'),
    ]);
    function row(
      product_id: string,
      orders_count: number,
      customers_count: number,
      units_sold: number,
      revenue: number,
      avg_selling_price: number,
      total_profit: number,
      revenue_rank: number,
      units_rank: number,
      profit_rank: number,
      share: number,
      performance_tier: string,
    ) {
      return {
        product_id,
        orders_count,
        customers_count,
        units_sold,
        revenue,
        avg_selling_price,
        total_profit,
        revenue_rank,
        units_rank,
        profit_rank,
        share,
        performance_tier,
        p80: 248,
        revenue_p50: 160,
        revenue_p20: 108,
      };
    }
  });

  it('category_affinity: support, confidence and lift per order and per person', async () => {
    // Orders sold (o5 canceled): o1 {HB}, o2 {SL}, o3 {HB, SL}, o4 {CA, HB}, o6 {HB}, o7 {SL}:
    // 6 baskets, HB 4, SL 3, CA 1. (CA, HB): 1 → support 1/6, conf 1/1 and 1/4, lift 6/(1×4) = 1.5.
    // (HB, SL): 1 → conf 1/4, 1/3, lift 6/(4×3) = 0.5.
    // People: u1 {HB, SL}, u2 {SL}, u3 {CA, HB, SL}, u4 {HB}: 4 baskets, HB 3, SL 3, CA 1.
    // (HB, SL): 2 → support 0.5, conf 2/3 both ways, lift 2×4/(3×3) = 0.8889;
    // (CA, HB) and (CA, SL): 1 → support 0.25, conf 1 and 1/3, lift 4/3.
    expect(
      await q(`SELECT basket, category_a, category_b, baskets_with_both, round(support, 4) AS support,
          round(confidence_a_to_b, 4) AS conf_ab, round(confidence_b_to_a, 4) AS conf_ba, round(lift, 4) AS lift
        FROM gold.category_affinity ORDER BY 1, 2, 3`),
    ).toEqual([
      pair('order', 'computers_accessories', 'health_beauty', 1, 0.1667, 1, 0.25, 1.5),
      pair('order', 'health_beauty', 'sports_leisure', 1, 0.1667, 0.25, 0.3333, 0.5),
      pair('person', 'computers_accessories', 'health_beauty', 1, 0.25, 1, 0.3333, 1.3333),
      pair('person', 'computers_accessories', 'sports_leisure', 1, 0.25, 1, 0.3333, 1.3333),
      pair('person', 'health_beauty', 'sports_leisure', 2, 0.5, 0.6667, 0.6667, 0.8889),
    ]);
    function pair(
      basket: string,
      category_a: string,
      category_b: string,
      baskets_with_both: number,
      support: number,
      conf_ab: number,
      conf_ba: number,
      lift: number,
    ) {
      return { basket, category_a, category_b, baskets_with_both, support, conf_ab, conf_ba, lift };
    }
  });

  it('customer_product_interactions: views, carts and purchases with weights 1/3/5', async () => {
    // u1-p1: views s1 1 + s3 1 + s8 2 = 4, carts 3, bought in o1 and o3 → 4 + 9 + 10 = 23.
    // u2-p1: viewed and carted in s5, but o5 was canceled → 1 + 3 = 4. u3-p4: 2 units in o4 →
    // 1 + 3 + 10 = 14. u4-p3: one view in s10 → 1. The anonymous s9 (p5) is left out.
    expect(
      await q(
        'SELECT customer_id, product_id, views, add_to_carts, purchased_units, interaction_score FROM gold.customer_product_interactions ORDER BY 1, 2',
      ),
    ).toEqual([
      {
        customer_id: 'u1',
        product_id: 'p1',
        views: 4,
        add_to_carts: 3,
        purchased_units: 2,
        interaction_score: 23,
      },
      {
        customer_id: 'u1',
        product_id: 'p2',
        views: 1,
        add_to_carts: 1,
        purchased_units: 1,
        interaction_score: 9,
      },
      {
        customer_id: 'u1',
        product_id: 'p3',
        views: 1,
        add_to_carts: 1,
        purchased_units: 1,
        interaction_score: 9,
      },
      {
        customer_id: 'u2',
        product_id: 'p1',
        views: 1,
        add_to_carts: 1,
        purchased_units: 0,
        interaction_score: 4,
      },
      {
        customer_id: 'u2',
        product_id: 'p3',
        views: 1,
        add_to_carts: 1,
        purchased_units: 1,
        interaction_score: 9,
      },
      {
        customer_id: 'u3',
        product_id: 'p2',
        views: 1,
        add_to_carts: 1,
        purchased_units: 1,
        interaction_score: 9,
      },
      {
        customer_id: 'u3',
        product_id: 'p3',
        views: 1,
        add_to_carts: 1,
        purchased_units: 1,
        interaction_score: 9,
      },
      {
        customer_id: 'u3',
        product_id: 'p4',
        views: 1,
        add_to_carts: 1,
        purchased_units: 2,
        interaction_score: 14,
      },
      {
        customer_id: 'u4',
        product_id: 'p2',
        views: 1,
        add_to_carts: 1,
        purchased_units: 1,
        interaction_score: 9,
      },
      {
        customer_id: 'u4',
        product_id: 'p3',
        views: 1,
        add_to_carts: 0,
        purchased_units: 0,
        interaction_score: 1,
      },
    ]);
  });

  it('revenue_by_category: sold lines per category and month, share and growth', async () => {
    // Jan: HB o1 100 + 45 = 145, SL o2 200 → month 345, HB share 42.029 %.
    // Feb: HB o3 110 + o4 45 = 155 (2 orders), SL 200, CA 160 (2 units) → 515.
    // Mar: HB o6 45 (o5 canceled), SL o7 200 (shipped counts) → 245.
    // HB growth: 155/145 − 1 = 0.068966, 45/155 − 1 = −0.709677.
    expect(
      await q(`SELECT category, month::VARCHAR AS month, orders, units, revenue,
          round(month_share_pct, 3) AS share, round(revenue_growth, 6) AS growth
        FROM gold.revenue_by_category ORDER BY 1, 2`),
    ).toEqual([
      {
        category: 'computers_accessories',
        month: '2018-02-01',
        orders: 1,
        units: 2,
        revenue: 160,
        share: 31.068,
        growth: null,
      },
      {
        category: 'health_beauty',
        month: '2018-01-01',
        orders: 1,
        units: 2,
        revenue: 145,
        share: 42.029,
        growth: null,
      },
      {
        category: 'health_beauty',
        month: '2018-02-01',
        orders: 2,
        units: 2,
        revenue: 155,
        share: 30.097,
        growth: 0.068966,
      },
      {
        category: 'health_beauty',
        month: '2018-03-01',
        orders: 1,
        units: 1,
        revenue: 45,
        share: 18.367,
        growth: -0.709677,
      },
      {
        category: 'sports_leisure',
        month: '2018-01-01',
        orders: 1,
        units: 1,
        revenue: 200,
        share: 57.971,
        growth: null,
      },
      {
        category: 'sports_leisure',
        month: '2018-02-01',
        orders: 1,
        units: 1,
        revenue: 200,
        share: 38.835,
        growth: 0,
      },
      {
        category: 'sports_leisure',
        month: '2018-03-01',
        orders: 1,
        units: 1,
        revenue: 200,
        share: 81.633,
        growth: 0,
      },
    ]);
  });

  it('discount_effectiveness: bands, units per product and uplift against 0 %', async () => {
    // Units over every line (canceled o5 included): p1 3 (305), p2 3, p3 3, p4 2, p5 0.
    // All: 0 % = p1, p4 → 5 units / 2 = 2.5; 1-10 % p2 3 → 3/2.5 − 1 = +20 %; 11-20 % p3 +20 %;
    // 41-50 % p5 0 → −100 %. HB: 0 % p1 3, 1-10 % p2 3 → 0 %. SL has no 0 % band → NULL.
    expect(
      await q(`SELECT category, discount_band, products, units_sold, revenue, round(uplift_pct, 6) AS uplift
        FROM gold.discount_effectiveness ORDER BY category, band_order`),
    ).toEqual([
      { category: 'all', discount_band: '0%', products: 2, units_sold: 5, revenue: 465, uplift: 0 },
      {
        category: 'all',
        discount_band: '1-10%',
        products: 1,
        units_sold: 3,
        revenue: 135,
        uplift: 20,
      },
      {
        category: 'all',
        discount_band: '11-20%',
        products: 1,
        units_sold: 3,
        revenue: 600,
        uplift: 20,
      },
      {
        category: 'all',
        discount_band: '41-50%',
        products: 1,
        units_sold: 0,
        revenue: 0,
        uplift: -100,
      },
      {
        category: 'computers_accessories',
        discount_band: '0%',
        products: 1,
        units_sold: 2,
        revenue: 160,
        uplift: 0,
      },
      {
        category: 'health_beauty',
        discount_band: '0%',
        products: 1,
        units_sold: 3,
        revenue: 305,
        uplift: 0,
      },
      {
        category: 'health_beauty',
        discount_band: '1-10%',
        products: 1,
        units_sold: 3,
        revenue: 135,
        uplift: 0,
      },
      {
        category: 'sports_leisure',
        discount_band: '11-20%',
        products: 1,
        units_sold: 3,
        revenue: 600,
        uplift: null,
      },
      {
        category: 'sports_leisure',
        discount_band: '41-50%',
        products: 1,
        units_sold: 0,
        revenue: 0,
        uplift: null,
      },
    ]);
  });

  it('price_rating_correlation: Pearson r and the least-squares line', async () => {
    // All 5 products (price, rating): (100, 4) (45, 3) (200, 5) (80, 2) (20, 4.5); means 89, 3.7.
    // Sxy = 11×0.3 + (−44)(−0.7) + 111×1.3 + (−9)(−1.7) + (−69)(0.8) = 138.5; Sxx = 19220;
    // Syy = 5.8 → r = 138.5 / √(19220 × 5.8) = 0.414819; slope = 138.5/19220 = 0.0072060;
    // intercept = 3.7 − 0.0072060 × 89 = 3.058663. HB: two points (45, 3), (100, 4) → r 1,
    // slope 1/55, intercept 4 − 100/55 = 2.181818. CA: one product → NULL.
    expect(
      await q(`SELECT category, products, round(correlation, 6) AS r, round(slope, 7) AS slope,
          round(intercept, 6) AS intercept FROM gold.price_rating_correlation ORDER BY 1`),
    ).toEqual([
      { category: 'all', products: 5, r: 0.414819, slope: 0.007206, intercept: 3.058663 },
      { category: 'computers_accessories', products: 1, r: null, slope: null, intercept: null },
      { category: 'health_beauty', products: 2, r: 1, slope: 0.0181818, intercept: 2.181818 },
      { category: 'sports_leisure', products: 2, r: 1, slope: 0.0027778, intercept: 4.444444 },
    ]);
  });

  it('customer_satisfaction: average score and low/high shares per category', async () => {
    // Reviews: o1 5 (HB), o2 1 (SL), o3 4 (HB, SL), o4 2 (CA, HB), o6 5 (HB).
    // HB: 5, 4, 2, 5 → 4.0, low 1/4, high 3/4. SL: 1, 4 → 2.5, 50/50. CA: 2. All: 3.4, 40/60.
    expect(
      await q(`SELECT category, reviews, avg_review_score AS avg, low_score_share_pct AS low,
          high_score_share_pct AS high FROM gold.customer_satisfaction ORDER BY 1`),
    ).toEqual([
      { category: 'all', reviews: 5, avg: 3.4, low: 40, high: 60 },
      { category: 'computers_accessories', reviews: 1, avg: 2, low: 100, high: 0 },
      { category: 'health_beauty', reviews: 4, avg: 4, low: 25, high: 75 },
      { category: 'sports_leisure', reviews: 2, avg: 2.5, low: 50, high: 50 },
    ]);
  });
});

describe('seed-000 analyses on a seed-000 product table', () => {
  it('use price × Sales as revenue, in the month the product was added', async () => {
    const driver = await openNativeDriver();
    try {
      await loadFixtureBatch(driver, path.join(fixtures, 'seed000'), 'b1', '2024-01-01 00:00:00');
      const run = await runPipeline(driver, await loadModelFiles(path.join(root, 'src/sql')), {
        persist: false,
      });
      expect(run.error).toBeNull();
      // Electronics (Jan): 300 × 40 + 450 × 10 = 16500, 50 units. Clothing (Feb):
      // 20 × 100 + 40 × 50 = 4000 of 4100 that month → 97.561 %. Home & Garden: 25 × 4 = 100.
      expect(
        await q(
          'SELECT category, month::VARCHAR AS month, orders, units, revenue, round(month_share_pct, 3) AS share FROM gold.revenue_by_category ORDER BY 1',
        ),
      ).toEqual([
        {
          category: 'clothing',
          month: '2023-02-01',
          orders: null,
          units: 150,
          revenue: 4000,
          share: 97.561,
        },
        {
          category: 'electronics',
          month: '2023-01-01',
          orders: null,
          units: 50,
          revenue: 16500,
          share: 100,
        },
        {
          category: 'home_garden',
          month: '2023-02-01',
          orders: null,
          units: 4,
          revenue: 100,
          share: 2.439,
        },
      ]);
      // Discounts 0.1, 0, 0.2, 0, 0.5 read as 10, 0, 20, 0, 50 %. 0 % band: (10 + 50) / 2 = 30
      // units per product; 10 %: 40 → +33.333 %; 20 %: 100 → +233.333 %; 50 %: 4 → −86.667 %.
      expect(
        await q(
          "SELECT discount_band, units_sold, round(uplift_pct, 3) AS uplift FROM gold.discount_effectiveness WHERE category = 'all' ORDER BY band_order",
        ),
      ).toEqual([
        { discount_band: '0%', units_sold: 60, uplift: 0 },
        { discount_band: '1-10%', units_sold: 40, uplift: 33.333 },
        { discount_band: '11-20%', units_sold: 100, uplift: 233.333 },
        { discount_band: '41-50%', units_sold: 4, uplift: -86.667 },
      ]);
      // (300, 4.5) (450, 4.0) (20, 3.5) (40, 4.5) (25, 2.0): means 167, 3.7; Sxy = 360.5,
      // Sxx = 155680, Syy = 4.3 → r = 0.440610, slope = 0.0023156, intercept = 3.313287.
      expect(
        await q(
          "SELECT round(correlation, 6) AS r, round(slope, 7) AS slope, round(intercept, 6) AS intercept FROM gold.price_rating_correlation WHERE category = 'all'",
        ),
      ).toEqual([{ r: 0.44061, slope: 0.0023156, intercept: 3.313287 }]);
    } finally {
      await driver.close();
    }
    function q(sql: string) {
      return driver.rows(sql);
    }
  });
});
