import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generated } from '../../data/test-helpers/generate.ts';
import type { SqlDriver } from '../../engine/sql-driver.ts';
import { buildDemo } from '../../pipeline/testing.ts';
import { NO_FILTERS, type Filters } from '../filters/filters.ts';
import {
  categorySatisfactionQuery,
  churnListQuery,
  cohortQuery,
  deliveryScoreQuery,
  rfmQuery,
  scoreDistributionQuery,
  segmentsQuery,
  type Query,
} from './customers-sql.ts';

let demo: Generated;
let driver: SqlDriver;
const run = (q: Query) => driver.rows(q.sql, q.params);
const DAY = 86_400_000;

beforeAll(async () => {
  ({ demo, driver } = await buildDemo({ seed: 13, orders: 3000, scenario: 'normal_day' }));
}, 180_000);
afterAll(async () => {
  await driver.close();
});

const filters = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });

interface Person {
  id: string;
  state: string;
  recency: number;
  frequency: number;
  cents: number;
  r: number;
  f: number;
  m: number;
  clvCents: number;
  risk: string;
  segment: string;
}

/** Seed 002's RFM, CLV, churn risk and segment rules, as a plain pass over the CSV rows. */
function people(): Map<string, Person> {
  const customers = new Map(
    demo.table('olist_customers_dataset.csv').map((c) => [c.customer_id!, c]),
  );
  const itemCents = new Map<string, number>();
  for (const i of demo.table('olist_order_items_dataset.csv')) {
    const c = Math.round(Number(i.price) * 100) + Math.round(Number(i.freight_value) * 100);
    itemCents.set(i.order_id!, (itemCents.get(i.order_id!) ?? 0) + c);
  }
  const completed = demo
    .table('olist_orders_dataset.csv')
    .filter((o) => o.order_status === 'delivered')
    .map((o) => ({
      person: customers.get(o.customer_id!)!.customer_unique_id!,
      state: customers.get(o.customer_id!)!.customer_state!,
      day: Date.parse(o.order_purchase_timestamp!.slice(0, 10)),
      cents: itemCents.get(o.order_id!) ?? 0,
    }));
  const maxDay = Math.max(...completed.map((o) => o.day));
  const acc = new Map<string, { last: number; n: number; cents: number; state: string }>();
  for (const o of completed) {
    const a = acc.get(o.person) ?? { last: 0, n: 0, cents: 0, state: o.state };
    a.last = Math.max(a.last, o.day);
    a.n += 1;
    a.cents += o.cents;
    acc.set(o.person, a);
  }
  const out = new Map<string, Person>();
  for (const [id, a] of acc) {
    const recency = Math.round((maxDay - a.last) / DAY);
    const r = recency <= 30 ? 5 : recency <= 60 ? 4 : recency <= 90 ? 3 : recency <= 180 ? 2 : 1;
    const f = a.n >= 5 ? 5 : a.n >= 4 ? 4 : a.n >= 3 ? 3 : a.n >= 2 ? 2 : 1;
    const v = a.cents / 100;
    const m = v >= 500 ? 5 : v >= 300 ? 4 : v >= 200 ? 3 : v >= 100 ? 2 : 1;
    const total = r + f + m;
    const mult = total >= 12 ? 2 : total >= 9 ? 1.5 : total >= 6 ? 1.2 : 0.8;
    const risk =
      recency > 180 && a.n === 1
        ? 'High'
        : recency > 120
          ? 'Medium'
          : recency > 90
            ? 'Low'
            : 'Very Low';
    const segment =
      r >= 4 && f >= 4 && m >= 4
        ? 'Champions'
        : r >= 3 && f >= 3 && m >= 3
          ? 'Loyal Customers'
          : r >= 4 && f <= 2 && m <= 2
            ? 'New Customers'
            : r >= 3 && f <= 2 && m >= 3
              ? 'Big Spenders'
              : r <= 2 && f >= 3 && m >= 3
                ? 'At Risk'
                : r <= 2 && f <= 2 && m >= 3
                  ? 'Cant Lose Them'
                  : r <= 2 && f >= 2 && m <= 2
                    ? 'Hibernating'
                    : r <= 1 && f <= 1 && m <= 1
                      ? 'Lost'
                      : 'Others';
    out.set(id, {
      id,
      state: a.state,
      recency,
      frequency: a.n,
      cents: a.cents,
      r,
      f,
      m,
      clvCents: a.cents * mult,
      risk,
      segment,
    });
  }
  return out;
}

describe('Customers queries against a TypeScript pass over the demo CSVs', () => {
  it('the RFM heatmap: customers and revenue per recency × frequency score', async () => {
    const expected = new Map<string, { customers: number; cents: number }>();
    for (const p of people().values()) {
      const e = expected.get(`${p.r}${p.f}`) ?? { customers: 0, cents: 0 };
      e.customers += 1;
      e.cents += p.cents;
      expected.set(`${p.r}${p.f}`, e);
    }
    const rows = await run(rfmQuery(NO_FILTERS));
    expect(rows.map((r) => `${r.recency_score}${r.frequency_score}`).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const r of rows) {
      const e = expected.get(`${r.recency_score}${r.frequency_score}`)!;
      expect(r.customers).toBe(e.customers);
      expect(Math.round(Number(r.revenue) * 100)).toBe(e.cents);
    }
  });

  it('segments: customers, predicted CLV and the 10 % budget rule per segment', async () => {
    const all = [...people().values()];
    const rows = await run(segmentsQuery(NO_FILTERS));
    const persons = new Set(
      demo
        .table('olist_customers_dataset.csv')
        .filter((c) =>
          demo.table('olist_orders_dataset.csv').some((o) => o.customer_id === c.customer_id),
        )
        .map((c) => c.customer_unique_id),
    );
    // Every person with an order is in one segment; those without a completed order in Others.
    expect(rows.reduce((n, r) => n + Number(r.customers), 0)).toBe(persons.size);
    for (const r of rows) {
      const mine = all.filter((p) => p.segment === r.segment);
      const clv = mine.reduce((n, p) => n + p.clvCents, 0) / 100;
      expect(Number(r.total_clv), String(r.segment)).toBeCloseTo(clv, 6);
      expect(Number(r.budget)).toBeCloseTo(clv * 0.1, 6);
      expect(Number(r.budget_per_customer)).toBeCloseTo((clv * 0.1) / Number(r.customers), 6);
      if (r.segment !== 'Others') expect(r.customers).toBe(mine.length);
    }
    // Largest predicted value first.
    expect(Number(rows[0]!.total_clv)).toBeGreaterThanOrEqual(Number(rows[1]!.total_clv));
  });

  it('the churn campaign list: seed rule and all High/Medium risks, High first then value', async () => {
    const all = [...people().values()].filter((p) => p.risk === 'High' || p.risk === 'Medium');
    const order = (ps: Person[]) =>
      ps
        .sort(
          (a, b) =>
            (b.risk === 'High' ? 2 : 1) - (a.risk === 'High' ? 2 : 1) ||
            b.cents - a.cents ||
            (a.id < b.id ? -1 : 1),
        )
        .map((p) => p.id);
    const everyone = await run(churnListQuery(NO_FILTERS, 'all', 20));
    expect(everyone.map((r) => r.customer_id)).toEqual(order([...all]).slice(0, 20));
    expect(everyone[0]!.matching).toBe(all.length);
    const seed = all.filter(
      (p) => p.cents > 20_000 && (p.segment === 'At Risk' || p.segment === 'Cant Lose Them'),
    );
    const seedRows = await run(churnListQuery(NO_FILTERS, 'seed', 1000));
    expect(seed.length).toBeGreaterThan(0);
    expect(seedRows.map((r) => r.customer_id)).toEqual(order(seed));
    expect(Math.round(Number(seedRows[0]!.value_at_risk) * 100)).toBe(
      seed.reduce((n, p) => n + p.cents, 0),
    );
    // A state filter keeps the persons with an order from that state.
    const sp = await run(churnListQuery(filters({ state: ['SP'] }), 'all', 5000));
    expect(sp.map((r) => r.customer_id).sort()).toEqual(
      all
        .filter((p) => p.state === 'SP')
        .map((p) => p.id)
        .sort(),
    );
    expect(() => churnListQuery(NO_FILTERS, 'some' as never, 5)).toThrow(RangeError);
  });

  it('cohorts without filters equal gold.cohort_retention', async () => {
    const rows = await run(cohortQuery(NO_FILTERS, 6, 4));
    const gold = await driver.rows(`
      SELECT strftime(cohort_month, '%Y-%m') AS cohort, month_offset::INTEGER AS month_offset,
        cohort_size, active_customers, retention_pct
      FROM gold.cohort_retention
      WHERE cohort_month >= (SELECT max(cohort_month) FROM gold.cohort_retention) - INTERVAL 5 MONTH
        AND month_offset < 4
      ORDER BY cohort_month, month_offset`);
    expect(rows).toEqual(gold);
    expect(new Set(rows.map((r) => r.cohort)).size).toBe(6);
  });

  it('review scores of the filtered orders, overall, by delivery and by category', async () => {
    const customers = new Map(
      demo.table('olist_customers_dataset.csv').map((c) => [c.customer_id!, c.customer_state!]),
    );
    const spOrders = new Set(
      demo
        .table('olist_orders_dataset.csv')
        .filter((o) => customers.get(o.customer_id!) === 'SP')
        .map((o) => o.order_id),
    );
    const reviews = demo.table('olist_order_reviews_dataset.csv');
    const seen = new Set<string>();
    const counts = [0, 0, 0, 0, 0];
    for (const r of reviews) {
      const k = `${r.review_id}|${r.order_id}`;
      if (!spOrders.has(r.order_id!) || seen.has(k)) continue;
      seen.add(k);
      counts[Number(r.review_score) - 1]! += 1;
    }
    const rows = await run(scoreDistributionQuery(filters({ state: ['SP'] })));
    expect(rows.map((r) => Number(r.reviews))).toEqual(counts);
    const delivery = await run(deliveryScoreQuery(filters({ state: ['SP'] })));
    expect(delivery.reduce((n, r) => n + Number(r.reviews), 0)).toBe(seen.size);

    const byCategory = await run(categorySatisfactionQuery(NO_FILTERS, 5));
    const gold = await driver.rows(`
      SELECT category, reviews, avg_review_score AS avg_score, low_score_share_pct / 100 AS low_share
      FROM gold.customer_satisfaction WHERE category <> 'all'
      ORDER BY reviews DESC, category LIMIT 5`);
    expect(byCategory.map((r) => [r.category, r.reviews])).toEqual(
      gold.map((r) => [r.category, r.reviews]),
    );
    byCategory.forEach((r, i) => {
      expect(Number(r.avg_score)).toBeCloseTo(Number(gold[i]!.avg_score), 9);
      expect(Number(r.low_share)).toBeCloseTo(Number(gold[i]!.low_share), 9);
    });
  });
});
