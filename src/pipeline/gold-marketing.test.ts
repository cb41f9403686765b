import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { loadModelFiles } from './load-files.ts';
import { runPipeline } from './run.ts';
import { loadFixtureBatch } from './testing.ts';

const root = path.resolve(import.meta.dirname, '../..');

/*
 * tests/fixtures/medallion/demo, by hand. Sessions (person, campaign, deepest step):
 *   Jan: s1 u1 k1 purchase (o1), s2 u2 — search→purchase (o2), s8 u1 k1 add_to_cart (abandoned)
 *   Feb: s3 u1 k2 purchase (o3), s4 u3 k2 search→purchase (o4), s9 anonymous k2 one view
 *   Mar: s5 u2 k2 purchase (o5, canceled), s6 u4 — purchase (o6), s7 u3 k2 purchase (o7),
 *        s10 u4 — view then search
 * Campaigns: k1 email, budget 100; k2 social, budget 300.
 * Order GMV (items + freight): o1 160, o2 220, o3 340, o4 226, o5 105 (canceled), o6 50, o7 220.
 */
describe('sessions and marketing gold models on the demo fixture', () => {
  let driver: SqlDriver;
  const q = (sql: string) => driver.rows(sql);
  beforeAll(async () => {
    driver = await openNativeDriver();
    await loadFixtureBatch(
      driver,
      path.join(root, 'tests/fixtures/medallion/demo'),
      'b1',
      '2024-01-01 00:00:00',
    );
    const run = await runPipeline(driver, await loadModelFiles(path.join(root, 'src/sql')), {
      persist: false,
    });
    expect(run.error).toBeNull();
  });
  afterAll(() => driver.close());

  it('session_funnel: sessions reaching each step, conversions and cart abandonment', async () => {
    // Jan: deepest steps 5, 5, 3 → 3, 3, 3, 2, 2; carts 3, abandoned 1 (s8) → 33.33 %.
    // Feb: 5, 5, 1 → 3, 2, 2, 2, 2. Mar: 5, 5, 5, 2 (s10 searched after viewing) → 4, 4, 3, 3, 3.
    expect(
      await q(`SELECT month::VARCHAR AS month, sessions, view_sessions AS v, search_sessions AS s,
          cart_sessions AS c, checkout_sessions AS co, purchase_sessions AS p, abandoned_carts,
          round(cart_abandonment_pct, 2) AS abandon, round(cart_conversion_pct, 2) AS cart_conv
        FROM gold.session_funnel ORDER BY 1`),
    ).toEqual([
      {
        month: '2018-01-01',
        sessions: 3,
        v: 3,
        s: 3,
        c: 3,
        co: 2,
        p: 2,
        abandoned_carts: 1,
        abandon: 33.33,
        cart_conv: 100,
      },
      {
        month: '2018-02-01',
        sessions: 3,
        v: 3,
        s: 2,
        c: 2,
        co: 2,
        p: 2,
        abandoned_carts: 0,
        abandon: 0,
        cart_conv: 100,
      },
      {
        month: '2018-03-01',
        sessions: 4,
        v: 4,
        s: 4,
        c: 3,
        co: 3,
        p: 3,
        abandoned_carts: 0,
        abandon: 0,
        cart_conv: 75,
      },
    ]);
  });

  it('campaign_performance and channel_performance: conversion, cost per order, ROI', async () => {
    // k1: sessions s1, s8; order o1 160 → 1/2 = 50 %, cost/order 100, ROI (160 − 100)/100 = 0.6.
    // k2: sessions s3, s4, s5, s7, s9; orders o3, o4, o7 (o5 canceled) = 340 + 226 + 220 = 786
    //     → 3/5 = 60 %, 300/3 = 100, ROI (786 − 300)/300 = 1.62.
    // organic: sessions s2, s6, s10; orders o2 220 + o6 50 = 270; no cost → ROI NULL.
    expect(
      await q(
        'SELECT campaign_id, marketing_channel, sessions, orders, revenue, cost, conversion_rate_pct, cost_per_order, round(roi, 6) AS roi FROM gold.campaign_performance ORDER BY 1',
      ),
    ).toEqual([
      {
        campaign_id: 'k1',
        marketing_channel: 'email',
        sessions: 2,
        orders: 1,
        revenue: 160,
        cost: 100,
        conversion_rate_pct: 50,
        cost_per_order: 100,
        roi: 0.6,
      },
      {
        campaign_id: 'k2',
        marketing_channel: 'social',
        sessions: 5,
        orders: 3,
        revenue: 786,
        cost: 300,
        conversion_rate_pct: 60,
        cost_per_order: 100,
        roi: 1.62,
      },
    ]);
    expect(
      await q(
        'SELECT marketing_channel, campaigns, sessions, orders, revenue, cost, round(conversion_rate_pct, 2) AS conv, round(roi, 6) AS roi FROM gold.channel_performance ORDER BY 1',
      ),
    ).toEqual([
      {
        marketing_channel: 'email',
        campaigns: 1,
        sessions: 2,
        orders: 1,
        revenue: 160,
        cost: 100,
        conv: 50,
        roi: 0.6,
      },
      {
        marketing_channel: 'organic',
        campaigns: 0,
        sessions: 3,
        orders: 2,
        revenue: 270,
        cost: 0,
        conv: 66.67,
        roi: null,
      },
      {
        marketing_channel: 'social',
        campaigns: 1,
        sessions: 5,
        orders: 3,
        revenue: 786,
        cost: 300,
        conv: 60,
        roi: 1.62,
      },
    ]);
  });

  it('loyalty_tiers: people at their latest tier and their revenue', async () => {
    // Latest events: u1 Silver (o3, after Bronze on o1), u2 Bronze, u3 Bronze, u4 Gold.
    // Revenue (not canceled): u1 160 + 340 = 500; u2 220 (o5 canceled); u3 226 + 220 = 446;
    // u4 50 → Bronze 220 + 446 = 666 over 3 orders. Platinum: nobody.
    expect(
      await q(
        'SELECT tier, persons, persons_share_pct AS share, revenue, orders, avg_lifetime_spend FROM gold.loyalty_tiers ORDER BY tier_rank',
      ),
    ).toEqual([
      { tier: 'Bronze', persons: 2, share: 50, revenue: 666, orders: 3, avg_lifetime_spend: 223 },
      { tier: 'Silver', persons: 1, share: 25, revenue: 500, orders: 2, avg_lifetime_spend: 500 },
      { tier: 'Gold', persons: 1, share: 25, revenue: 50, orders: 1, avg_lifetime_spend: 1200 },
      { tier: 'Platinum', persons: 0, share: 0, revenue: 0, orders: 0, avg_lifetime_spend: null },
    ]);
  });

  it('cohort_retention: share of each first-purchase cohort ordering again per month offset', async () => {
    // u1 Jan + Feb, u2 Jan (its Mar order was canceled), u3 Feb + Mar, u4 Mar.
    // Jan cohort (2): 100 %, 50 % (u1), 0 %. Feb (1): 100 %, 100 % (u3). Mar (1): 100 %.
    expect(
      await q(
        'SELECT cohort_month::VARCHAR AS cohort, month_offset, cohort_size, active_customers, retention_pct FROM gold.cohort_retention ORDER BY 1, 2',
      ),
    ).toEqual([
      {
        cohort: '2018-01-01',
        month_offset: 0,
        cohort_size: 2,
        active_customers: 2,
        retention_pct: 100,
      },
      {
        cohort: '2018-01-01',
        month_offset: 1,
        cohort_size: 2,
        active_customers: 1,
        retention_pct: 50,
      },
      {
        cohort: '2018-01-01',
        month_offset: 2,
        cohort_size: 2,
        active_customers: 0,
        retention_pct: 0,
      },
      {
        cohort: '2018-02-01',
        month_offset: 0,
        cohort_size: 1,
        active_customers: 1,
        retention_pct: 100,
      },
      {
        cohort: '2018-02-01',
        month_offset: 1,
        cohort_size: 1,
        active_customers: 1,
        retention_pct: 100,
      },
      {
        cohort: '2018-03-01',
        month_offset: 0,
        cohort_size: 1,
        active_customers: 1,
        retention_pct: 100,
      },
    ]);
  });
});
