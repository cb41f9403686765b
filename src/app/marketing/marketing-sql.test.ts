import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import { NO_FILTERS, type Filters, type Query } from '../filters/filters.ts';
import {
  campaignTotalsQuery,
  campaignsQuery,
  funnelMonthlyQuery,
  funnelQuery,
  loyaltyQuery,
  marketingChannelsQuery,
  salesChannelsQuery,
} from './marketing-sql.ts';

let demo: Generated;
let driver: SqlDriver;
const run = (q: Query) => driver.rows(q.sql, q.params);
const cents = (v: unknown) => Math.round(Number(v) * 100);
const DROPPED = new Set(['canceled', 'unavailable']);

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 8, orders: 2000, scenario: 'normal_day' }));
}, 120_000);
afterAll(async () => {
  await driver.close();
});

/** GMV in cents per order: items plus freight. */
function gmvByOrder(): Map<string, number> {
  const gmv = new Map<string, number>();
  for (const i of demo.table('olist_order_items_dataset.csv')) {
    gmv.set(i.order_id!, (gmv.get(i.order_id!) ?? 0) + cents(i.price) + cents(i.freight_value));
  }
  return gmv;
}

describe('Marketing queries against a TypeScript pass over the demo CSVs', () => {
  it('sales channels: orders and GMV in scope, sessions in the date range', async () => {
    const filters: Filters = { ...NO_FILTERS, from: '2017-09-01', to: '2018-04-30' };
    const channelOf = new Map(
      demo.table('demo_order_channels.csv').map((c) => [c.order_id, c.sales_channel]),
    );
    const gmv = gmvByOrder();
    const want = new Map<string, { orders: number; gmv: number; sessions: number }>();
    const entry = (label: string) => {
      const e = want.get(label) ?? { orders: 0, gmv: 0, sessions: 0 };
      want.set(label, e);
      return e;
    };
    for (const o of demo.table('olist_orders_dataset.csv')) {
      const day = o.order_purchase_timestamp!.slice(0, 10);
      if (day < '2017-09-01' || day > '2018-04-30' || DROPPED.has(o.order_status!)) continue;
      const e = entry(channelOf.get(o.order_id) ?? 'unknown');
      e.orders += 1;
      e.gmv += gmv.get(o.order_id!) ?? 0;
    }
    for (const s of demo.table('demo_sessions.csv')) {
      const day = s.session_start!.slice(0, 10);
      if (day >= '2017-09-01' && day <= '2018-04-30')
        entry(s.sales_channel || 'unknown').sessions += 1;
    }
    const rows = await run(salesChannelsQuery(filters, true));
    expect(
      new Map(
        rows.map((r) => [
          r.label,
          { orders: Number(r.orders), gmv: cents(r.gmv), sessions: Number(r.sessions) },
        ]),
      ),
    ).toEqual(want);
    for (const r of rows)
      expect(Number(r.conversion)).toBeCloseTo(Number(r.orders) / Number(r.sessions), 12);

    const shopee = await run(salesChannelsQuery({ ...filters, channel: ['shopee'] }, true));
    expect(shopee).toEqual(rows.filter((r) => r.label === 'shopee'));
    const noSessions = await run(salesChannelsQuery(filters, false));
    expect(noSessions.map((r) => [r.label, r.orders, r.sessions])).toEqual(
      rows.map((r) => [r.label, r.orders, null]),
    );
  });

  it('campaigns: revenue of the attributed orders, sorted by the chosen measure', async () => {
    const campaignOf = new Map(
      demo
        .table('demo_order_channels.csv')
        .filter((c) => c.campaign_id)
        .map((c) => [c.order_id, c.campaign_id]),
    );
    const known = new Set(demo.table('demo_campaigns.csv').map((c) => c.campaign_id));
    const gmv = gmvByOrder();
    let revenue = 0;
    for (const o of demo.table('olist_orders_dataset.csv')) {
      const campaign = campaignOf.get(o.order_id);
      if (campaign && known.has(campaign) && !DROPPED.has(o.order_status!)) {
        revenue += gmv.get(o.order_id!) ?? 0;
      }
    }
    const budget = demo.table('demo_campaigns.csv').reduce((n, c) => n + cents(c.budget), 0);
    const [totals] = await run(campaignTotalsQuery());
    expect(totals?.campaigns).toBe(known.size);
    expect(cents(totals?.revenue)).toBe(revenue);
    expect(cents(totals?.cost)).toBe(budget);
    expect(Number(totals?.roi)).toBeCloseTo((revenue - budget) / budget, 9);

    for (const [sort, key] of [
      ['revenue', 'revenue'],
      ['roi', 'roi'],
      ['conversion', 'conversion_rate_pct'],
    ] as const) {
      const rows = await run(campaignsQuery(sort, 1000));
      expect(rows).toHaveLength(known.size);
      const values = rows.map((r) => r[key]).filter((v) => v !== null) as number[];
      expect(values, sort).toEqual([...values].sort((a, b) => b - a));
    }
    expect(() => campaignsQuery('name' as never)).toThrow(RangeError);
    const channels = await run(marketingChannelsQuery());
    expect(channels.map((c) => c.label)).toContain('organic');
  });

  it('funnel: purchases are the sessions with a purchase event; abandonment over carts', async () => {
    const events = demo.table('demo_session_events.csv');
    const purchased = new Set(
      events.filter((e) => e.event_type === 'purchase').map((e) => e.session_id),
    );
    const carted = new Set(
      events.filter((e) => e.event_type === 'add_to_cart').map((e) => e.session_id),
    );
    const abandoned = [...carted].filter((s) => !purchased.has(s)).length;
    const [funnel] = await run(funnelQuery());
    expect(funnel).toMatchObject({
      sessions: demo.table('demo_sessions.csv').length,
      purchase: purchased.size,
      with_cart: carted.size,
      abandoned,
    });
    expect(Number(funnel?.abandonment)).toBeCloseTo(abandoned / carted.size, 12);
    const steps = ['view', 'search', 'cart', 'checkout', 'purchase'].map((k) =>
      Number(funnel?.[k]),
    );
    expect(steps).toEqual([...steps].sort((a, b) => b - a));
    const months = await run(funnelMonthlyQuery());
    expect(months.reduce((n, m) => n + Number(m.sessions), 0)).toBe(Number(funnel?.sessions));
  });

  it('loyalty: every person in the tier of their latest ledger row', async () => {
    const latest = new Map<string, { at: string; order: string; tier: string }>();
    for (const r of demo.table('demo_loyalty.csv')) {
      const prev = latest.get(r.customer_unique_id!);
      const later =
        !prev ||
        r.event_timestamp! > prev.at ||
        (r.event_timestamp === prev.at && r.order_id! > prev.order);
      if (later)
        latest.set(r.customer_unique_id!, {
          at: r.event_timestamp!,
          order: r.order_id!,
          tier: r.tier!,
        });
    }
    const want = new Map<string, number>([
      ['Bronze', 0],
      ['Silver', 0],
      ['Gold', 0],
      ['Platinum', 0],
    ]);
    for (const p of latest.values()) want.set(p.tier, want.get(p.tier)! + 1);
    const rows = await run(loyaltyQuery());
    expect(new Map(rows.map((r) => [r.tier, Number(r.persons)]))).toEqual(want);
    expect(rows.map((r) => r.tier)).toEqual(['Bronze', 'Silver', 'Gold', 'Platinum']);
    expect(rows.reduce((n, r) => n + Number(r.persons_share), 0)).toBeCloseTo(1, 9);
  });
});
