import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type EngineApi } from './engine.ts';
import { openNodeWasmDatabase } from './duck/wasm-node.ts';
import path from 'node:path';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { openNativeDriver } from './duck/native.ts';
import { loadModelFiles } from '../pipeline/load-files.ts';

let engine: EngineApi;

beforeAll(async () => {
  engine = createEngine({
    openDatabase: openNodeWasmDatabase,
    modelFiles: () => loadModelFiles(path.resolve(import.meta.dirname, '../sql')),
    now: () => performance.now(),
    transfer: (value) => value,
  });
  await engine.init();
});

describe('engine over duckdb-wasm in Node', () => {
  it('reports the DuckDB version and that it runs single-threaded', async () => {
    const info = await engine.init();
    expect(info.version).toBe('v1.4.3');
    expect(info.threads).toBe(1);
  });

  it('turns extension autoloading off before any query', async () => {
    const out = await engine.query(
      "SELECT current_setting('autoload_known_extensions') AS autoload, current_setting('autoinstall_known_extensions') AS autoinstall",
    );
    expect(tableFromIPC(out.ipc).toArray()[0]?.toJSON()).toEqual({
      autoload: false,
      autoinstall: false,
    });
  });

  it('returns results as Arrow IPC bytes', async () => {
    const out = await engine.query('SELECT 42 AS answer');
    const table = tableFromIPC(out.ipc);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['answer']);
    expect(table.get(0)?.toJSON()).toEqual({ answer: 42 });
    expect(out.rowCount).toBe(1);
    expect(out.truncated).toBe(false);
  });

  it('keeps maxRows rows but counts them all', async () => {
    const progress: number[] = [];
    const out = await engine.query('SELECT range AS i FROM range(250000)', { maxRows: 5000 }, (p) =>
      progress.push(p.rows),
    );
    const table = tableFromIPC(out.ipc);
    expect(table.numRows).toBe(5000);
    expect(Number(table.get(4999)?.i)).toBe(4999);
    expect(out.rowCount).toBe(250000);
    expect(out.truncated).toBe(true);
    // One report per 100,000 rows passed.
    expect(progress.length).toBe(2);
    expect(progress[0]).toBeGreaterThanOrEqual(100000);
  });

  it('binds parameters instead of splicing them into the SQL', async () => {
    const hostile = "x'; DROP TABLE t; --";
    const out = await engine.query('SELECT ?::VARCHAR AS s, ?::INTEGER + 1 AS n', {
      params: [hostile, 41],
    });
    expect(tableFromIPC(out.ipc).get(0)?.toJSON()).toEqual({ s: hostile, n: 42 });
  });

  it('returns small results as plain rows', async () => {
    expect(
      await engine.rows('SELECT sum(range)::BIGINT AS s FROM range(10) WHERE range > ?', [6]),
    ).toEqual([{ s: 7 + 8 + 9 }]);
  });

  it('returns an empty result with its columns', async () => {
    const table = tableFromIPC((await engine.query('SELECT 1 AS a WHERE false')).ipc);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['a']);
  });

  it('keeps temp tables per channel', async () => {
    await engine.exec('CREATE TEMP TABLE t AS SELECT 5 AS v', { channel: 'a' });
    const out = await engine.query('SELECT v FROM t', { channel: 'a' });
    expect(tableFromIPC(out.ipc).get(0)?.toJSON()).toEqual({ v: 5 });
    await expect(engine.query('SELECT v FROM t', { channel: 'b' })).rejects.toThrow(
      /Table with name t does not exist/,
    );
  });

  it('reads a registered CSV buffer', async () => {
    await engine.registerBuffer('tiny.csv', new TextEncoder().encode('id,zip\n3e5,01310\n7,02\n'));
    const out = await engine.query(
      "SELECT id, zip FROM read_csv('tiny.csv', all_varchar = true) ORDER BY zip",
    );
    expect(
      tableFromIPC(out.ipc)
        .toArray()
        .map((r) => r.toJSON()),
    ).toEqual([
      { id: '3e5', zip: '01310' },
      { id: '7', zip: '02' },
    ]);
  });

  it('names a syntax error and keeps working after it', async () => {
    await expect(engine.query('SELEC 1')).rejects.toMatchObject({
      name: 'EngineError:sql',
      message: expect.stringContaining('syntax error at or near "SELEC"'),
    });
    const out = await engine.query('SELECT 1 AS ok');
    expect(out.rowCount).toBe(1);
  });

  it('says why an extension function cannot run, without advice that cannot be followed', async () => {
    const error = await engine.query("SELECT * FROM read_parquet('x.parquet')").catch((e) => e);
    expect(error.name).toBe('EngineError:unavailable');
    expect(error.message).toContain("read_parquet needs DuckDB's parquet extension");
    expect(error.message).not.toContain('autoinstall');
  });

  it('cancel on an idle channel reports that nothing was running', async () => {
    expect(await engine.cancel('never-used')).toBe(false);
  });
});

afterAll(async () => {
  // The blocking bindings hold no worker; nothing to close beyond the process.
});

describe('the pipeline in the engine', () => {
  it('builds silver and gold over loaded demo data and reconciles every source', async () => {
    await engine.loadDemo({ seed: 5, orders: 1000, scenario: 'normal_day' });
    const statuses: string[] = [];
    const run = await engine.buildPipeline((p) => statuses.push(p.status));
    expect(run.status).toBe('success');
    expect(run.models.filter((m) => m.status === 'failed')).toEqual([]);
    expect(statuses).toContain('built');
    const unbalanced = await engine.rows('SELECT * FROM silver.reconciliation WHERE NOT balanced');
    expect(unbalanced).toEqual([]);
    const [orders] = await engine.rows(
      'SELECT (SELECT count(*) FROM silver.orders) + (SELECT count(*) FROM silver.quarantine WHERE _source_table = ?) AS n',
      ['olist_orders'],
    );
    expect(orders?.n).toBe(1000);
  });
});

describe('opening Parquet written by native DuckDB', () => {
  it('gives the same rows as the native table it came from', async () => {
    const native = await openNativeDriver();
    const dir = await mkdtemp(path.join(tmpdir(), 'parquet-'));
    const file = path.join(dir, 'gold.kpis.parquet');
    const sql = `SELECT range::BIGINT AS id, range * 1.5 AS amount, 'café ' || range AS label,
        DATE '2018-01-01' + range::INTEGER AS day, TIMESTAMP '2018-01-01 10:00:00' + to_hours(range) AS at,
        range % 2 = 0 AS even, (range * 1.25)::DECIMAL(18, 2) AS price, NULLIF(range, 3)::INTEGER AS maybe
      FROM range(5)`;
    await native.exec(`COPY (${sql}) TO '${file}' (FORMAT parquet)`);
    const expected = await native.rows(`${sql} ORDER BY id`);
    await native.close();

    const [outcome, bad] = await engine.importParquet([
      { name: 'gold.kpis.parquet', bytes: new Uint8Array(await readFile(file)) },
      { name: 'notes.parquet', bytes: new TextEncoder().encode('not parquet') },
    ]);
    expect(outcome).toMatchObject({ status: 'loaded', table: 'gold.kpis', rows: 5 });
    expect(bad).toMatchObject({ status: 'refused', file: 'notes.parquet' });
    expect(await engine.rows('SELECT * FROM gold.kpis ORDER BY id')).toEqual(expected);
  });
});
