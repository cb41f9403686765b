import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { parseDataTest } from './data-tests.ts';
import { orderModels } from './graph.ts';
import { parseModel, type ModelFile } from './model.ts';
import { runPipeline } from './run.ts';

const file = (path: string, header: string, body: string): ModelFile => ({
  path,
  sql: `${header}\n${body}\n`,
});

describe('model headers', () => {
  it('reads directives, continuation lines and notes', () => {
    const m = parseModel(
      file(
        'silver/orders.sql',
        [
          '-- Orders, one per id.',
          '-- @inputs: bronze.olist_orders',
          '-- @optional-inputs: silver.customers',
          '-- @grain: one row per order',
          '-- @key: order_id',
          "-- @tests: not_null(order_id), accepted_values(status, ['a', 'b,c']),",
          '--    range(gmv, 0, null)',
          '-- Quirk: empty timestamps are kept.',
        ].join('\n'),
        'SELECT 1 AS order_id FROM bronze.olist_orders;',
      ),
    );
    expect(m.id).toBe('silver.orders');
    expect(m.inputs).toEqual(['bronze.olist_orders']);
    expect(m.optionalInputs).toEqual(['silver.customers']);
    expect(m.tests.map((t) => t.kind)).toEqual(['not_null', 'accepted_values', 'range']);
    expect(m.tests[1]).toMatchObject({ values: ['a', 'b,c'] });
    expect(m.notes).toEqual(['Orders, one per id.', 'Quirk: empty timestamps are kept.']);
    expect(m.body.endsWith(';')).toBe(false);
  });

  it('rejects unknown tests and directives with the model name', () => {
    expect(() =>
      parseModel(
        file('gold/x.sql', '-- @inputs: silver.a\n-- @grain: g\n-- @tests: nope(a)', 'SELECT 1'),
      ),
    ).toThrow(/gold.x: unknown test "nope"/);
    expect(() => parseModel(file('gold/x.sql', '-- @inputz: silver.a', 'SELECT 1'))).toThrow(
      /gold.x: unknown header directive @inputz/,
    );
    expect(() => parseDataTest('relationships(a, silver.b)')).toThrow(/schema.table.column/);
  });
});

describe('dependency order', () => {
  const m = (path: string, inputs: string, body: string) =>
    parseModel(file(path, `-- @inputs: ${inputs}\n-- @grain: x`, body));

  it('orders by dependency, then layer and name', () => {
    const ordered = orderModels([
      m('gold/b.sql', 'silver.a', 'SELECT * FROM silver.a'),
      m('silver/a.sql', 'bronze.t', 'SELECT * FROM bronze.t'),
      m('gold/a.sql', 'silver.a', 'SELECT * FROM silver.a'),
    ]);
    expect(ordered.map((x) => x.id)).toEqual(['silver.a', 'gold.a', 'gold.b']);
  });

  it('names the model with an unknown input, an undeclared read or a cycle', () => {
    expect(() => orderModels([m('gold/a.sql', 'silver.zz', 'SELECT 1')])).toThrow(
      /gold.a: unknown input silver.zz/,
    );
    expect(() =>
      orderModels([
        m('silver/a.sql', 'bronze.t', 'SELECT * FROM silver.b'),
        m('silver/b.sql', 'bronze.t', 'SELECT 1'),
      ]),
    ).toThrow(/silver.a reads silver.b but does not declare it/);
    expect(() =>
      orderModels([
        m('silver/a.sql', 'silver.b', 'SELECT * FROM silver.b'),
        m('silver/b.sql', 'silver.c', 'SELECT * FROM silver.c'),
        m('silver/c.sql', 'silver.a', 'SELECT * FROM silver.a'),
      ]),
    ).toThrow(/cycle among: silver.a → silver.b → silver.c → silver.a/);
  });
});

describe('runPipeline', () => {
  let driver: SqlDriver;
  beforeAll(async () => {
    driver = await openNativeDriver();
    await driver.exec(`CREATE SCHEMA bronze;
      CREATE TABLE bronze.olist_orders AS SELECT *, 'f.csv' AS _source_file, 1::BIGINT AS _row_number,
        'b1' AS _batch_id, TIMESTAMP '2024-01-01' AS _ingested_at
      FROM (VALUES ('o1', 'delivered'), ('o2', 'shipped'), ('o2', 'lost'), (NULL, 'x')) t(order_id, order_status);`);
  });
  afterAll(() => driver.close());

  const files: ModelFile[] = [
    file(
      'silver/orders.sql',
      "-- @inputs: bronze.olist_orders\n-- @grain: row\n-- @tests: not_null(order_id), unique(order_id), accepted_values(order_status, ['delivered', 'shipped'])",
      'SELECT * FROM bronze.olist_orders',
    ),
    file(
      'silver/payments.sql',
      '-- @inputs: bronze.olist_order_payments\n-- @grain: payment\n-- @tests: not_null(order_id)',
      'SELECT order_id, payment_value FROM bronze.olist_order_payments',
    ),
    file(
      'gold/by_status.sql',
      '-- @inputs: silver.orders\n-- @optional-inputs: silver.payments\n-- @grain: status\n-- @tests: relationships(order_status, silver.orders.order_status), expect(n > 0)',
      'SELECT order_status, count(*)::BIGINT AS n, (SELECT count(*) FROM silver.payments)::BIGINT AS p FROM silver.orders GROUP BY 1',
    ),
    file(
      'gold/broken.sql',
      '-- @inputs: silver.orders\n-- @grain: x',
      'SELECT no_such_column FROM silver.orders',
    ),
    file(
      'ml/after_broken.sql',
      '-- @inputs: gold.broken\n-- @grain: x',
      'SELECT * FROM gold.broken',
    ),
  ];

  it('builds, skips absent sources, reports failures and test outcomes', async () => {
    const seen: string[] = [];
    const run = await runPipeline(driver, files, {
      onProgress: (p) => seen.push(`${p.index}/${p.total} ${p.model} ${p.status}`),
    });
    const status = Object.fromEntries(run.models.map((m) => [m.model, [m.status, m.rows]]));
    expect(status).toEqual({
      'silver.orders': ['built', 4],
      'silver.payments': ['skipped', 0],
      'gold.broken': ['failed', null],
      'gold.by_status': ['built', 4],
      'ml.after_broken': ['skipped', null],
    });
    expect(run.models.find((m) => m.model === 'silver.payments')?.skipReason).toBe(
      'required input absent: bronze.olist_order_payments',
    );
    expect(run.error?.model).toBe('gold.broken');
    expect(run.error?.message).toMatch(/no_such_column/);
    expect(run.status).toBe('failed');
    expect(seen[0]).toBe('1/5 silver.orders running');
    expect(run.tests.map((t) => [t.model, t.test, t.status, t.failingRows])).toEqual([
      ['silver.orders', 'not_null(order_id)', 'fail', 1],
      ['silver.orders', 'unique(order_id)', 'fail', 1],
      ['silver.orders', "accepted_values(order_status, ['delivered', 'shipped'])", 'fail', 2],
      ['silver.payments', 'not_null(order_id)', 'skipped', 0],
      ['gold.by_status', 'relationships(order_status, silver.orders.order_status)', 'pass', 0],
      ['gold.by_status', 'expect(n > 0)', 'pass', 0],
    ]);
    expect(run.tests.find((t) => t.test.startsWith('unique'))?.samples).toEqual([
      { order_id: 'o2', duplicate_rows: 2 },
    ]);
    // 2 of the 5 executed tests pass (the payments test is skipped): 40 %.
    expect(run.qualityScore).toBe(40);
    const [meta] = await driver.rows(
      'SELECT models_built, models_failed, tests_failed, quality_score FROM meta.pipeline_runs',
    );
    expect(meta).toEqual({ models_built: 2, models_failed: 1, tests_failed: 3, quality_score: 40 });
    const edges = await driver.rows(
      "SELECT from_node, to_node FROM meta.lineage_edges WHERE to_node = 'gold.by_status' ORDER BY 1",
    );
    expect(edges.map((e) => e.from_node)).toEqual(['silver.orders', 'silver.payments']);
  });
});
