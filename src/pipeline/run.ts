import type { SqlDriver } from '../engine/sql-driver.ts';
import { failingRowsSql } from './data-tests.ts';
import { orderModels, skipReason } from './graph.ts';
import { persistRun } from './meta.ts';
import { LAYERS, parseModel, type Model, type ModelFile } from './model.ts';
import { BRONZE_SOURCES, emptyBronzeTableSql } from './sources.ts';
import type { BronzeTableStats, ModelRun, PipelineRun, RunProgress, TestResult } from './types.ts';

export interface RunOptions {
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
  /** Write the run into meta.* (default true). */
  persist?: boolean;
  runId?: string;
}

/** Schema of the empty stand-ins for absent bronze tables that models read as optional inputs. */
export const STUB_SCHEMA = 'bronze_absent';
const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());
const stamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/** Parses and orders model files; `macros/*.sql` files are returned apart (run before the models). */
export function loadPipeline(files: readonly ModelFile[]): {
  models: Model[];
  macros: ModelFile[];
} {
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  const macros = sorted.filter((f) => /(^|\/)macros\/[^/]+\.sql$/.test(f.path));
  const models = sorted.filter((f) => !macros.includes(f)).map(parseModel);
  return { models: orderModels(models), macros };
}

export async function bronzeStats(driver: SqlDriver): Promise<BronzeTableStats[]> {
  const tables = await driver.rows(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'bronze' AND NOT starts_with(table_name, '_') ORDER BY 1",
  );
  const stats: BronzeTableStats[] = [];
  for (const { table_name } of tables) {
    const table = String(table_name);
    const files = await driver.rows(
      `SELECT _source_file AS file, count(*)::BIGINT AS n, count(DISTINCT _batch_id)::BIGINT AS b FROM bronze."${table}" GROUP BY 1 ORDER BY 1`,
    );
    stats.push({
      table,
      rows: files.reduce((s, f) => s + Number(f.n), 0),
      files: files.map((f) => ({ file: String(f.file), rows: Number(f.n) })),
      batches: files.reduce((s, f) => Math.max(s, Number(f.b)), 0),
    });
  }
  return stats;
}

/** Rewrites references to absent bronze tables onto their empty stand-ins. */
function bodyFor(model: Model, absentBronze: Set<string>): string {
  return model.body.replace(/\bbronze\.([a-z0-9_]+)\b/gi, (ref, table: string) =>
    absentBronze.has(table.toLowerCase()) ? `${STUB_SCHEMA}.${table.toLowerCase()}` : ref,
  );
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Builds every model in dependency order on `driver`, runs the header tests of the built ones,
 * and (unless `persist: false`) records the run in meta.*. Never throws for a model's SQL error:
 * the run reports it and skips the models that depend on it.
 */
export async function runPipeline(
  driver: SqlDriver,
  files: readonly ModelFile[],
  options: RunOptions = {},
): Promise<PipelineRun> {
  const started = new Date();
  const t0 = now();
  const { models, macros } = loadPipeline(files);
  const bronze = await bronzeStats(driver);
  const bronzeRows = new Map(bronze.map((b) => [b.table, b.rows]));
  await driver.exec(
    [STUB_SCHEMA, ...LAYERS, 'meta'].map((s) => `CREATE SCHEMA IF NOT EXISTS ${s}`).join(';\n'),
  );
  const absentBronze = new Set<string>();
  for (const source of BRONZE_SOURCES) {
    if (bronzeRows.has(source.table)) continue;
    absentBronze.add(source.table);
    await driver.exec(emptyBronzeTableSql(STUB_SCHEMA, source));
  }
  for (const macro of macros) await driver.exec(macro.sql);

  const runs = new Map<string, ModelRun>();
  const available = (ref: string): 'present' | 'absent' => {
    if (ref.startsWith('bronze.'))
      return (bronzeRows.get(ref.slice(7)) ?? 0) > 0 ? 'present' : 'absent';
    return runs.get(ref)?.status === 'built' ? 'present' : 'absent';
  };
  let error: PipelineRun['error'] = null;
  let cancelled = false;
  const total = models.length;
  for (const [i, model] of models.entries()) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    const progress = (status: RunProgress['status']): void =>
      options.onProgress?.({ model: model.id, index: i + 1, total, status });
    progress('running');
    const start = now();
    const reason = skipReason(model, available);
    const body = bodyFor(model, absentBronze);
    const run: ModelRun = {
      model: model.id,
      layer: model.layer,
      status: 'built',
      rows: null,
      durationMs: 0,
      error: null,
      skipReason: reason,
    };
    try {
      if (reason === null) {
        await driver.exec(`CREATE OR REPLACE TABLE ${model.id} AS\n${body}`);
        run.rows = await rowCount(driver, model.id);
      } else {
        run.status = 'skipped';
        // An empty table of the model's shape, so that optional readers still bind; impossible
        // when an upstream model failed, and then the table is dropped.
        run.rows = await driver
          .exec(`CREATE OR REPLACE TABLE ${model.id} AS SELECT * FROM (\n${body}\n) LIMIT 0`)
          .then(() => 0)
          .catch(() => driver.exec(`DROP TABLE IF EXISTS ${model.id}`).then(() => null));
      }
    } catch (e) {
      run.status = 'failed';
      run.error = message(e);
      error ??= { model: model.id, message: run.error };
    }
    run.durationMs = now() - start;
    runs.set(model.id, run);
    progress(run.status);
  }

  const tests: TestResult[] = [];
  for (const [i, model] of models.entries()) {
    const built = runs.get(model.id)?.status === 'built';
    if (model.tests.length > 0 && built) {
      options.onProgress?.({ model: model.id, index: i + 1, total, status: 'testing' });
    }
    for (const test of model.tests) {
      const parentOk = test.kind !== 'relationships' || available(test.parent) === 'present';
      tests.push(
        built && parentOk
          ? await runTest(driver, model.id, test)
          : {
              model: model.id,
              test: test.name,
              kind: test.kind,
              status: 'skipped',
              failingRows: 0,
              samples: [],
              durationMs: 0,
              error: null,
            },
      );
    }
  }
  const executed = tests.filter((t) => t.status !== 'skipped');
  const passed = executed.filter((t) => t.status === 'pass').length;
  const result: PipelineRun = {
    runId:
      options.runId ??
      `run-${stamp(started).replace(/\D/g, '')}-${Math.random().toString(36).slice(2, 8)}`,
    engine: driver.engine,
    startedAt: stamp(started),
    finishedAt: stamp(new Date()),
    durationMs: now() - t0,
    status: cancelled ? 'cancelled' : error ? 'failed' : 'success',
    error,
    bronze,
    models: models.flatMap((m) => runs.get(m.id) ?? []),
    tests,
    qualityScore: executed.length ? Math.round((1000 * passed) / executed.length) / 10 : null,
  };
  if (options.persist !== false) await persistRun(driver, result, models);
  return result;
}

async function rowCount(driver: SqlDriver, table: string): Promise<number> {
  const [count] = await driver.rows(`SELECT count(*)::BIGINT AS n FROM ${table}`);
  return Number(count?.n ?? 0);
}

async function runTest(
  driver: SqlDriver,
  model: string,
  test: Model['tests'][number],
): Promise<TestResult> {
  const start = now();
  const failing = failingRowsSql(test, model);
  const base = { model, test: test.name, kind: test.kind };
  try {
    const [count] = await driver.rows(`SELECT count(*)::BIGINT AS n FROM (${failing}) t`);
    const failingRows = Number(count?.n ?? 0);
    const samples =
      failingRows > 0 ? await driver.rows(`SELECT * FROM (${failing}) t LIMIT 5`) : [];
    const status = failingRows === 0 ? 'pass' : 'fail';
    return { ...base, status, failingRows, samples, durationMs: now() - start, error: null };
  } catch (e) {
    return {
      ...base,
      status: 'error',
      failingRows: 0,
      samples: [],
      durationMs: now() - start,
      error: message(e),
    };
  }
}
