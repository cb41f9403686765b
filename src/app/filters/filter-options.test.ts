import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDatabase } from '../../engine/duck/wasm-node.ts';
import { wasmDriver, type SqlDriver } from '../../engine/sql-driver.ts';
import {
  dateBoundsQuery,
  filterOptionsQuery,
  groupOptions,
  withChosen,
} from './filter-options-sql.ts';

// Four orders; o1 has two items of the same category (counted once), o4 an item without category.
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
      ('o4', 'c3', 'shipped',   '2018-02-20', 'web')) t(order_id, customer_id, order_status, order_date, sales_channel);
  CREATE TABLE silver.order_items AS SELECT * FROM (VALUES
    ('o1', 'p1'), ('o1', 'p1'), ('o2', 'p2'), ('o3', 'p1'), ('o4', 'p3')) t(order_id, product_id);
`;

let driver: SqlDriver;
beforeAll(async () => {
  driver = await wasmDriver(await openNodeWasmDatabase());
  await driver.exec(FIXTURE);
});
afterAll(async () => {
  await driver.close();
});

describe('filter bar options', () => {
  it('lists each value with its order count, most orders first', async () => {
    const q = filterOptionsQuery();
    const options = groupOptions(await driver.rows(q.sql, q.params));
    // Worked out by hand from the fixture.
    expect(options).toEqual({
      category: [
        { value: 'toys', orders: 2 },
        { value: 'books', orders: 1 },
        { value: 'unknown', orders: 1 },
      ],
      channel: [
        { value: 'app', orders: 2 },
        { value: 'web', orders: 2 },
      ],
      state: [
        { value: 'SP', orders: 2 },
        { value: 'RJ', orders: 1 },
        { value: 'unknown', orders: 1 },
      ],
      status: [
        { value: 'delivered', orders: 2 },
        { value: 'canceled', orders: 1 },
        { value: 'shipped', orders: 1 },
      ],
    });
  });

  it('bounds the date inputs by the first and last purchase day', async () => {
    const q = dateBoundsQuery();
    expect(await driver.rows(q.sql, q.params)).toEqual([
      { first_day: '2018-01-01', last_day: '2018-02-20' },
    ]);
  });

  it('keeps chosen values the data lacks, ahead of the others', () => {
    expect(withChosen([{ value: 'SP', orders: 3 }], ['SP', 'XX'])).toEqual([
      { value: 'XX', orders: 0 },
      { value: 'SP', orders: 3 },
    ]);
  });
});
