import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { loadModelFiles } from './load-files.ts';
import type { ModelFile } from './model.ts';
import { runPipeline } from './run.ts';
import { loadFixtureBatch } from './testing.ts';

const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'tests/fixtures/medallion');

describe('medallion models on the hand-made Olist fixture', () => {
  let driver: SqlDriver;
  let files: ModelFile[];
  beforeAll(async () => {
    driver = await openNativeDriver();
    files = await loadModelFiles(path.join(root, 'src/sql'));
    await loadFixtureBatch(driver, path.join(fixtures, 'olist'), 'b1', '2024-01-01 00:00:00');
  });
  afterAll(() => driver.close());
  const q = (sql: string) => driver.rows(sql);

  it('batch 1: quarantines on purpose and reconciles exactly', async () => {
    const run = await runPipeline(driver, files);
    expect(run.error).toBeNull();
    // orders: ',c3' has no key, o4's purchase time does not parse. items: (o1,1) repeats in the
    // batch, o4 is not an accepted order, (o3,2)'s price is 'abc'.
    expect(
      await q(
        'SELECT _source_table, _row_number, reason_code FROM silver.quarantine ORDER BY 1, 2',
      ),
    ).toEqual([
      { _source_table: 'olist_order_items', _row_number: 5, reason_code: 'ORPHAN_FK' },
      { _source_table: 'olist_order_items', _row_number: 6, reason_code: 'DUPLICATE_KEY' },
      { _source_table: 'olist_order_items', _row_number: 7, reason_code: 'BAD_NUMBER' },
      { _source_table: 'olist_orders', _row_number: 4, reason_code: 'BAD_TIMESTAMP' },
      { _source_table: 'olist_orders', _row_number: 5, reason_code: 'MISSING_KEY' },
    ]);
    const rec = await q(
      'SELECT source_table, bronze_rows, silver_rows, quarantined_rows, balanced FROM silver.reconciliation WHERE bronze_rows > 0 ORDER BY 1',
    );
    expect(rec.every((r) => r.balanced === true)).toBe(true);
    expect(rec.find((r) => r.source_table === 'olist_orders')).toEqual({
      source_table: 'olist_orders',
      bronze_rows: 6,
      silver_rows: 4,
      quarantined_rows: 2,
      balanced: true,
    });
    expect(
      run.tests.find((t) => t.model === 'silver.reconciliation' && t.test === 'expect(balanced)')
        ?.status,
    ).toBe('pass');
  });

  it('batch 1: orders keep their quirks flagged; GMV = price + freight', async () => {
    // o1: 100 + 50 + 10 + 5 = 165; o2: 300 + 20 = 320 (no delivery date, flagged);
    // o3: 40 + 8 = 48 (its second line was rejected); o5: no items → 0.
    expect(
      await q(
        'SELECT order_id, gmv, has_items, has_payment, is_delivered_missing_date, customer_unique_id FROM silver.orders ORDER BY 1',
      ),
    ).toEqual([
      {
        order_id: 'o1',
        gmv: 165,
        has_items: true,
        has_payment: true,
        is_delivered_missing_date: false,
        customer_unique_id: 'u1',
      },
      {
        order_id: 'o2',
        gmv: 320,
        has_items: true,
        has_payment: true,
        is_delivered_missing_date: true,
        customer_unique_id: 'u2',
      },
      {
        order_id: 'o3',
        gmv: 48,
        has_items: true,
        has_payment: false,
        is_delivered_missing_date: false,
        customer_unique_id: 'u1',
      },
      {
        order_id: 'o5',
        gmv: 0,
        has_items: false,
        has_payment: false,
        is_delivered_missing_date: false,
        customer_unique_id: 'u3',
      },
    ]);
    // p1 translated, p2 untranslated keeps its Portuguese name, p3 has no category.
    expect(
      await q('SELECT product_id, category, category_translated FROM silver.products ORDER BY 1'),
    ).toEqual([
      { product_id: 'p1', category: 'health_beauty', category_translated: true },
      { product_id: 'p2', category: 'categoria_nova', category_translated: false },
      { product_id: 'p3', category: 'unknown', category_translated: true },
    ]);
    expect(
      await q("SELECT zip_code_prefix, city, state FROM silver.customers WHERE customer_id = 'c1'"),
    ).toEqual([{ zip_code_prefix: '01001', city: 'sao paulo', state: 'SP' }]);
    // Zero-value voucher kept and flagged; 0 installments count as 1.
    expect(
      await q(
        "SELECT is_zero_value, installments_effective FROM silver.payments WHERE order_id = 'o2' ORDER BY payment_sequential",
      ),
    ).toEqual([
      { is_zero_value: true, installments_effective: 1 },
      { is_zero_value: false, installments_effective: 1 },
    ]);
  });

  it('batch 1: seed 002 RFM, CLV, churn and segments by hand', async () => {
    // Completed: o1 (u1, 2018-01-10, 165) and o2 (u2, 2018-03-01, 320); analysis date 2018-03-01.
    // u1: recency 21 + 28 + 1 = 50 → 4; frequency 1 → 1; 165 → 2; total 7 → CLV 165 × 1.2 = 198;
    //     r>=4, f<=2, m<=2 → New Customers; r>=4, f<=2 → Onboarding.
    // u2: recency 0 → 5; 1 → 1; 320 → 4; total 10 → 320 × 1.5 = 480; r>=3, f<=2, m>=3 → Big Spenders.
    // u3: only a canceled order → NULL scores, 'Very Low', 'Others'.
    expect(
      await q(
        'SELECT customer_id, recency_days, recency_score, frequency_score, monetary_score, rfm_segment_code, predicted_clv_12m, churn_risk FROM gold.fct_customer_metrics ORDER BY 1',
      ),
    ).toEqual([
      {
        customer_id: 'u1',
        recency_days: 50,
        recency_score: 4,
        frequency_score: 1,
        monetary_score: 2,
        rfm_segment_code: '412',
        predicted_clv_12m: 198,
        churn_risk: 'Very Low',
      },
      {
        customer_id: 'u2',
        recency_days: 0,
        recency_score: 5,
        frequency_score: 1,
        monetary_score: 4,
        rfm_segment_code: '514',
        predicted_clv_12m: 480,
        churn_risk: 'Very Low',
      },
      {
        customer_id: 'u3',
        recency_days: null,
        recency_score: null,
        frequency_score: null,
        monetary_score: null,
        rfm_segment_code: null,
        predicted_clv_12m: null,
        churn_risk: 'Very Low',
      },
    ]);
    expect(
      await q(
        'SELECT customer_id, customer_segment, recommended_action FROM gold.dim_customer_segments ORDER BY 1',
      ),
    ).toEqual([
      {
        customer_id: 'u1',
        customer_segment: 'New Customers',
        recommended_action: 'Onboarding campaign, product recommendations',
      },
      {
        customer_id: 'u2',
        customer_segment: 'Big Spenders',
        recommended_action: 'Onboarding campaign, product recommendations',
      },
      {
        customer_id: 'u3',
        customer_segment: 'Others',
        recommended_action: 'Standard nurture campaign',
      },
    ]);
    // Funnel 2018-03: o2, o3, o5 → 2 with items, 1 with payment.
    expect(
      await q(
        "SELECT total_orders, orders_with_items, orders_with_payment, dropped_after_order, dropped_after_items FROM gold.order_funnel WHERE month = DATE '2018-03-01'",
      ),
    ).toEqual([
      {
        total_orders: 3,
        orders_with_items: 2,
        orders_with_payment: 1,
        dropped_after_order: 1,
        dropped_after_items: 1,
      },
    ]);
  });

  it('batch 2: the later batch wins, superseded rows are quarantined, RFM moves', async () => {
    await loadFixtureBatch(
      driver,
      path.join(fixtures, 'olist-batch2'),
      'b2',
      '2024-01-02 00:00:00',
    );
    const run = await runPipeline(driver, files);
    expect(run.error).toBeNull();
    expect(
      await q("SELECT order_status, _batch_id FROM silver.orders WHERE order_id = 'o3'"),
    ).toEqual([{ order_status: 'delivered', _batch_id: 'b2' }]);
    expect(
      await q(
        "SELECT bronze_rows, silver_rows, quarantined_rows, superseded_rows, balanced FROM silver.reconciliation WHERE source_table = 'olist_orders'",
      ),
    ).toEqual([
      { bronze_rows: 7, silver_rows: 4, quarantined_rows: 3, superseded_rows: 1, balanced: true },
    ]);
    // u1 now: o1 (165) + o3 (48, 2018-03-05) → analysis 2018-03-05, recency 0 → 5, f 2 → 2,
    // m 213 → 3, total 10 → 213 × 1.5 = 319.5, r>=3 f<=2 m>=3 → Big Spenders.
    expect(
      await q(
        "SELECT predicted_clv_12m, customer_segment FROM gold.dim_customer_segments WHERE customer_id = 'u1'",
      ),
    ).toEqual([{ predicted_clv_12m: 319.5, customer_segment: 'Big Spenders' }]);
    expect((await q('SELECT count(*)::BIGINT AS n FROM meta.pipeline_runs'))[0]?.n).toBe(2);
  });
});
