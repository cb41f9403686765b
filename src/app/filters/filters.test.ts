import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../../engine/duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../../engine/sql-driver.ts';
import {
  NO_FILTERS,
  categoryCondition,
  chips,
  isFiltered,
  removeChip,
  scopedOrders,
  toggle,
  type Filters,
} from './filters.ts';

// A hand-made silver layer: five orders, three customers, items in two categories and one without.
const FIXTURE = `
  CREATE SCHEMA silver;
  CREATE TABLE silver.customers AS SELECT * FROM (VALUES
    ('c1', 'SP'), ('c2', 'RJ'), ('c3', NULL)) t(customer_id, state);
  CREATE TABLE silver.products AS SELECT * FROM (VALUES
    ('p1', 'toys'), ('p2', 'books'), ('p3', NULL)) t(product_id, category);
  CREATE TABLE silver.orders AS SELECT order_id, customer_id, order_status, order_date::DATE AS order_date, sales_channel
    FROM (VALUES
      ('o1', 'c1', 'delivered', '2018-01-01', 'web'),
      ('o2', 'c2', 'canceled',  '2018-01-05', 'app'),
      ('o3', 'c1', 'delivered', '2018-01-10', 'app'),
      ('o4', 'c3', 'shipped',   '2018-01-20', 'web'),
      ('o5', 'c2', 'delivered', '2018-02-01', 'unknown')) t(order_id, customer_id, order_status, order_date, sales_channel);
  CREATE TABLE silver.order_items AS SELECT * FROM (VALUES
    ('o1', 'p1'), ('o1', 'p2'), ('o2', 'p2'), ('o3', 'p3'), ('o4', 'p1'), ('o5', 'p2')) t(order_id, product_id);
`;

let driver: SqlDriver;
beforeAll(async () => {
  driver = await wasmDriver(await openNodeWasmDatabase());
  await driver.exec(FIXTURE);
});
afterAll(async () => {
  await driver.close();
});

async function ids(f: Filters): Promise<string[]> {
  const q = scopedOrders(f);
  const rows = await driver.rows(
    `WITH ${q.sql} SELECT order_id FROM scoped_orders ORDER BY 1`,
    q.params,
  );
  return rows.map((r) => String(r.order_id));
}

describe('scopedOrders', () => {
  // Expected sets worked out by hand from the fixture above.
  it.each<[string, Partial<Filters>, string[]]>([
    ['no filter keeps every order', {}, ['o1', 'o2', 'o3', 'o4', 'o5']],
    [
      'date range is inclusive at both ends',
      { from: '2018-01-05', to: '2018-01-20' },
      ['o2', 'o3', 'o4'],
    ],
    ['open-ended from', { from: '2018-01-10' }, ['o3', 'o4', 'o5']],
    ['status list', { status: ['canceled', 'shipped'] }, ['o2', 'o4']],
    ['channel', { channel: ['app'] }, ['o2', 'o3']],
    ['customer state', { state: ['RJ'] }, ['o2', 'o5']],
    ['a customer without a state is "unknown"', { state: ['unknown'] }, ['o4']],
    ['an order with any item of the category', { category: ['books'] }, ['o1', 'o2', 'o5']],
    ['an item without a category is "unknown"', { category: ['unknown'] }, ['o3']],
    [
      'filters combine with AND',
      { category: ['books'], status: ['delivered'], to: '2018-01-31' },
      ['o1'],
    ],
    ['a value that matches nothing', { state: ["SP' OR 1=1 --"] }, []],
  ])('%s', async (_name, partial, expected) => {
    expect(await ids({ ...NO_FILTERS, ...partial })).toEqual(expected);
  });

  it('binds every value: the SQL text is the same whatever is chosen', () => {
    const a = scopedOrders(NO_FILTERS);
    const b = scopedOrders({ ...NO_FILTERS, state: ["x'); DROP TABLE silver.orders; --"] });
    expect(b.sql).toBe(a.sql);
  });
});

describe('categoryCondition', () => {
  it('keeps only the lines of the chosen categories', async () => {
    const c = categoryCondition({ ...NO_FILTERS, category: ['toys', 'unknown'] }, 'p.category');
    const rows = await driver.rows(
      `SELECT i.order_id, i.product_id FROM silver.order_items i LEFT JOIN silver.products p USING (product_id)
       WHERE ${c.sql} ORDER BY 1, 2`,
      c.params,
    );
    expect(rows.map((r) => `${r.order_id}/${r.product_id}`)).toEqual(['o1/p1', 'o3/p3', 'o4/p1']);
  });
});

describe('filter editing', () => {
  it('toggles a value on and off, keeping lists sorted', () => {
    const one = toggle(NO_FILTERS, 'state', 'SP');
    const two = toggle(one, 'state', 'MG');
    expect(two.state).toEqual(['MG', 'SP']);
    expect(toggle(two, 'state', 'SP').state).toEqual(['MG']);
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered(one)).toBe(true);
  });

  it('shows one chip per value and one for the date range, each removable', () => {
    const f: Filters = {
      ...NO_FILTERS,
      from: '2018-01-01',
      status: ['canceled'],
      channel: ['web', 'app'],
    };
    const list = chips(f);
    expect(list.map((c) => c.label)).toEqual([
      'Purchase date: from 2018-01-01',
      'Channel: web',
      'Channel: app',
      'Order status: canceled',
    ]);
    expect(removeChip(f, list[0]!)).toEqual({ ...f, from: null });
    expect(removeChip(f, list[1]!).channel).toEqual(['app']);
  });
});
