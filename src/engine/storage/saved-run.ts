import type { SqlDriver } from '../sql-driver.ts';
import { numberOrNull as num, type PlainRow } from '../arrow-rows.ts';
import type { Layer } from '../../pipeline/model.ts';
import type { ModelStatus, PipelineRun, TestResult, TestStatus } from '../../pipeline/types.ts';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** meta.* keeps TIMESTAMPs; the runner's own records carry them as `YYYY-MM-DD HH:MM:SS.mmm`. */
const stamp = (v: unknown) => String(v).replace('T', ' ').replace('Z', '');

/** The last pipeline run as recorded in meta.* (what a restored database shows before any rebuild). */
export async function savedRun(driver: SqlDriver): Promise<PipelineRun | null> {
  const [exists] = await driver.rows(
    "SELECT count(*)::INT AS n FROM duckdb_tables() WHERE schema_name = 'meta' AND table_name IN ('pipeline_runs', 'model_runs', 'test_results')",
  );
  if (exists?.n !== 3) return null;
  const [run] = await driver.rows(
    `SELECT run_id, engine, strftime(started_at, '%Y-%m-%d %H:%M:%S.%g') AS started_at,
       strftime(finished_at, '%Y-%m-%d %H:%M:%S.%g') AS finished_at, duration_ms, status,
       error_model, error_message, quality_score
     FROM meta.pipeline_runs ORDER BY started_at DESC LIMIT 1`,
  );
  if (!run) return null;
  const models = await driver.rows(
    'SELECT model, layer, status, row_count, duration_ms, error, skip_reason FROM meta.model_runs WHERE run_id = ? ORDER BY build_order',
    [run.run_id],
  );
  const tests = await driver.rows(
    'SELECT model, test_name, test_kind, status, failing_rows, sample_rows, duration_ms, error FROM meta.test_results WHERE run_id = ?',
    [run.run_id],
  );
  const bronze = await driver
    .rows(
      `SELECT node_id AS "table", row_count AS rows FROM meta.lineage_nodes
     WHERE run_id = ? AND node_id LIKE 'bronze.%' ORDER BY node_id`,
      [run.run_id],
    )
    .catch((): PlainRow[] => []);
  const errorModel = str(run.error_model);
  return {
    runId: String(run.run_id),
    engine: run.engine === 'native' ? 'native' : 'wasm',
    startedAt: stamp(run.started_at),
    finishedAt: stamp(run.finished_at),
    durationMs: Number(run.duration_ms),
    status: run.status as PipelineRun['status'],
    error: errorModel ? { model: errorModel, message: str(run.error_message) ?? '' } : null,
    bronze: bronze.map((b) => ({
      table: String(b.table),
      rows: Number(b.rows ?? 0),
      files: [],
      batches: 0,
    })),
    models: models.map((m) => ({
      model: String(m.model),
      layer: m.layer as Layer,
      status: m.status as ModelStatus,
      rows: num(m.row_count),
      durationMs: Number(m.duration_ms),
      error: str(m.error),
      skipReason: str(m.skip_reason),
    })),
    tests: tests.map((t): TestResult => ({
      model: String(t.model),
      test: String(t.test_name),
      kind: t.test_kind as TestResult['kind'],
      status: t.status as TestStatus,
      failingRows: Number(t.failing_rows ?? 0),
      samples: t.sample_rows ? (JSON.parse(String(t.sample_rows)) as PlainRow[]) : [],
      durationMs: Number(t.duration_ms),
      error: str(t.error),
    })),
    qualityScore: num(run.quality_score),
  };
}
