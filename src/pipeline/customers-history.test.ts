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

/*
 * Three batches of customers:
 *   b1 (demo, 2024-01-01): c1 01001 sao paulo SP, c2 20031 rio de janeiro RJ, c3, c4, …
 *   b2 (customers-b2, 2024-01-02): c1 moves to 13010 campinas; c2 sent again unchanged;
 *      tutorial 1 john.doe@email.com, 2 jane.smith@email.com
 *   b3 (customers-b3, 2024-01-03): c1 again as 'Campinas','sp' (same once cleaned); c2 moves to
 *      zip 22041; c4 unchanged; tutorial 1 ' John.Doe@NewMail.com ' (a new address once
 *      trimmed and lower-cased), 2 'not-an-email' (quarantined: INVALID_EMAIL)
 */
describe('silver.customers_history (SCD type 2) over three batches', () => {
  let driver: SqlDriver;
  let files: ModelFile[];
  const q = (sql: string) => driver.rows(sql);
  const history = (id: string) =>
    q(`SELECT version, zip_code_prefix AS zip, city, state, email, effective_from::VARCHAR AS "from",
        effective_to::VARCHAR AS "to", is_current FROM silver.customers_history
      WHERE customer_id = '${id}' ORDER BY version`);
  beforeAll(async () => {
    driver = await openNativeDriver();
    files = await loadModelFiles(path.join(root, 'src/sql'));
    await loadFixtureBatch(driver, path.join(fixtures, 'demo'), 'b1', '2024-01-01 00:00:00');
  });
  afterAll(() => driver.close());

  const build = async () => {
    const run = await runPipeline(driver, files, { persist: false });
    expect(run.error).toBeNull();
    expect(
      run.tests
        .filter((t) => t.model === 'silver.customers_history' && t.status !== 'pass')
        .map((t) => t.test),
    ).toEqual([]);
  };

  it('batch 1: one current version per customer', async () => {
    await build();
    expect(
      await q(
        'SELECT count(*)::BIGINT AS n, bool_and(is_current) AS current FROM silver.customers_history',
      ),
    ).toEqual([{ n: 7, current: true }]);
  });

  it('a city change in batch 2 that batch 3 repeats gives exactly two versions', async () => {
    await loadFixtureBatch(
      driver,
      path.join(fixtures, 'customers-b2'),
      'b2',
      '2024-01-02 00:00:00',
    );
    await build();
    await loadFixtureBatch(
      driver,
      path.join(fixtures, 'customers-b3'),
      'b3',
      '2024-01-03 00:00:00',
    );
    await build();
    expect(await history('c1')).toEqual([
      {
        version: 1,
        zip: '01001',
        city: 'sao paulo',
        state: 'SP',
        email: null,
        from: '2024-01-01 00:00:00',
        to: '2024-01-02 00:00:00',
        is_current: false,
      },
      {
        version: 2,
        zip: '13010',
        city: 'campinas',
        state: 'SP',
        email: null,
        from: '2024-01-02 00:00:00',
        to: null,
        is_current: true,
      },
    ]);
    // c2: unchanged in b2 (no version), new zip in b3.
    expect(await history('c2')).toEqual([
      {
        version: 1,
        zip: '20031',
        city: 'rio de janeiro',
        state: 'RJ',
        email: null,
        from: '2024-01-01 00:00:00',
        to: '2024-01-03 00:00:00',
        is_current: false,
      },
      {
        version: 2,
        zip: '22041',
        city: 'rio de janeiro',
        state: 'RJ',
        email: null,
        from: '2024-01-03 00:00:00',
        to: null,
        is_current: true,
      },
    ]);
    // c3 only in b1, c4 sent again unchanged in b3: one version each.
    expect((await history('c3')).length).toBe(1);
    expect(await history('c4')).toMatchObject([
      { version: 1, from: '2024-01-01 00:00:00', is_current: true },
    ]);
  });

  it('tracks the tutorial e-mail; an invalid later address is not a version', async () => {
    expect(await history('1')).toEqual([
      {
        version: 1,
        zip: null,
        city: null,
        state: null,
        email: 'john.doe@email.com',
        from: '2024-01-02 00:00:00',
        to: '2024-01-03 00:00:00',
        is_current: false,
      },
      {
        version: 2,
        zip: null,
        city: null,
        state: null,
        email: 'john.doe@newmail.com',
        from: '2024-01-03 00:00:00',
        to: null,
        is_current: true,
      },
    ]);
    // Customer 2's b3 row is quarantined, so silver.customers drops it; the history keeps its
    // last valid version current.
    expect(await history('2')).toMatchObject([
      { version: 1, email: 'jane.smith@email.com', is_current: true },
    ]);
    expect(
      await q("SELECT count(*)::BIGINT AS n FROM silver.customers WHERE customer_id = '2'"),
    ).toEqual([{ n: 0 }]);
  });

  it('the current versions are silver.customers, but for the customer whose latest row was quarantined', async () => {
    expect(
      await q(`SELECT coalesce(c.customer_id, h.customer_id) AS customer_id FROM silver.customers c
        FULL JOIN (SELECT * FROM silver.customers_history WHERE is_current) h ON h.customer_id = c.customer_id
        WHERE h.customer_id IS NULL OR c.customer_id IS NULL
          OR (c.zip_code_prefix, c.city, c.state, c.email) IS DISTINCT FROM (h.zip_code_prefix, h.city, h.state, h.email)
        ORDER BY 1`),
    ).toEqual([{ customer_id: '2' }]);
  });
});
