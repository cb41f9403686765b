import type { SqlDriver } from '../engine/sql-driver.ts';
import { buildLineage } from './lineage.ts';
import type { Model } from './model.ts';
import type { PipelineRun } from './types.ts';

/** Tables that keep every build's outcome, so the Data Quality view can show trends. */
export const META_DDL = `
CREATE SCHEMA IF NOT EXISTS meta;
CREATE TABLE IF NOT EXISTS meta.pipeline_runs (
  run_id VARCHAR PRIMARY KEY, engine VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP,
  duration_ms DOUBLE, status VARCHAR, error_model VARCHAR, error_message VARCHAR,
  models_built INTEGER, models_skipped INTEGER, models_failed INTEGER,
  tests_passed INTEGER, tests_failed INTEGER, tests_errored INTEGER, tests_skipped INTEGER,
  quality_score DOUBLE, bronze_rows BIGINT);
CREATE TABLE IF NOT EXISTS meta.model_runs (
  run_id VARCHAR, model VARCHAR, layer VARCHAR, status VARCHAR, row_count BIGINT,
  duration_ms DOUBLE, error VARCHAR, skip_reason VARCHAR, build_order INTEGER);
CREATE TABLE IF NOT EXISTS meta.test_results (
  run_id VARCHAR, model VARCHAR, test_name VARCHAR, test_kind VARCHAR, status VARCHAR,
  failing_rows BIGINT, sample_rows VARCHAR, duration_ms DOUBLE, error VARCHAR);
CREATE TABLE IF NOT EXISTS meta.lineage_nodes (
  run_id VARCHAR, node_id VARCHAR, kind VARCHAR, row_count BIGINT, duration_ms DOUBLE, status VARCHAR);
CREATE TABLE IF NOT EXISTS meta.lineage_edges (
  run_id VARCHAR, from_node VARCHAR, to_node VARCHAR, optional BOOLEAN);`;

/** A SQL literal for a JS value (the only place meta values are turned into SQL text). */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  return `'${value.replaceAll("'", "''")}'`;
}

async function insert(
  driver: SqlDriver,
  table: string,
  rows: (string | number | boolean | null)[][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r) => `(${r.map(sqlLiteral).join(', ')})`)
      .join(',\n');
    await driver.exec(`INSERT INTO ${table} VALUES ${values}`);
  }
}

const count = <T>(items: readonly T[], pick: (t: T) => boolean): number =>
  items.filter(pick).length;

export async function persistRun(
  driver: SqlDriver,
  run: PipelineRun,
  models: readonly Model[],
): Promise<void> {
  await driver.exec(META_DDL);
  const { models: m, tests: t } = run;
  await insert(driver, 'meta.pipeline_runs', [
    [
      run.runId,
      run.engine,
      run.startedAt,
      run.finishedAt,
      run.durationMs,
      run.status,
      run.error?.model ?? null,
      run.error?.message ?? null,
      count(m, (x) => x.status === 'built'),
      count(m, (x) => x.status === 'skipped'),
      count(m, (x) => x.status === 'failed'),
      count(t, (x) => x.status === 'pass'),
      count(t, (x) => x.status === 'fail'),
      count(t, (x) => x.status === 'error'),
      count(t, (x) => x.status === 'skipped'),
      run.qualityScore,
      run.bronze.reduce((s, b) => s + b.rows, 0),
    ],
  ]);
  await insert(
    driver,
    'meta.model_runs',
    m.map((x, i) => [
      run.runId,
      x.model,
      x.layer,
      x.status,
      x.rows,
      x.durationMs,
      x.error,
      x.skipReason,
      i + 1,
    ]),
  );
  await insert(
    driver,
    'meta.test_results',
    t.map((x) => [
      run.runId,
      x.model,
      x.test,
      x.kind,
      x.status,
      x.failingRows,
      x.samples.length ? JSON.stringify(x.samples) : null,
      x.durationMs,
      x.error,
    ]),
  );
  const lineage = buildLineage(run, models);
  await insert(
    driver,
    'meta.lineage_nodes',
    lineage.nodes.map((n) => [run.runId, n.id, n.kind, n.rows, n.durationMs, n.status]),
  );
  await insert(
    driver,
    'meta.lineage_edges',
    lineage.edges.map((e) => [run.runId, e.from, e.to, e.optional]),
  );
}
