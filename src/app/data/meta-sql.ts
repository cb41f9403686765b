/** Queries over the pipeline's meta tables; run ids are bound as parameters. */
export const LINEAGE_NODES_SQL = `SELECT node_id AS id, kind, row_count AS rows, duration_ms AS "durationMs", status
  FROM meta.lineage_nodes WHERE run_id = ?`;

export const LINEAGE_EDGES_SQL = `SELECT from_node AS "from", to_node AS "to", optional
  FROM meta.lineage_edges WHERE run_id = ?`;

export const QUALITY_HISTORY_SQL = `SELECT run_id, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
    quality_score, tests_passed, (tests_failed + tests_errored) AS tests_failed, duration_ms
  FROM meta.pipeline_runs ORDER BY started_at`;
