import type { PlainRow } from '../engine/arrow-rows.ts';
import type { DataTest } from './data-tests.ts';
import type { Layer } from './model.ts';

export type ModelStatus = 'built' | 'skipped' | 'failed';
export type TestStatus = 'pass' | 'fail' | 'error' | 'skipped';

export interface RunProgress {
  /** `schema.table` of the model being worked on. */
  model: string;
  /** 1-based position in the build order. */
  index: number;
  total: number;
  status: 'running' | 'testing' | ModelStatus;
}

export interface ModelRun {
  model: string;
  layer: Layer;
  status: ModelStatus;
  /** Rows in the table after the build; null when it failed. */
  rows: number | null;
  durationMs: number;
  error: string | null;
  skipReason: string | null;
}

export interface TestResult {
  model: string;
  test: string;
  kind: DataTest['kind'];
  status: TestStatus;
  /** Offending rows (for `unique`: offending key values). */
  failingRows: number;
  /** Up to five offending rows. */
  samples: PlainRow[];
  durationMs: number;
  error: string | null;
}

export interface BronzeTableStats {
  table: string;
  rows: number;
  /** Rows per source file. */
  files: { file: string; rows: number }[];
  batches: number;
}

export interface PipelineRun {
  runId: string;
  engine: 'wasm' | 'native';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  status: 'success' | 'failed' | 'cancelled';
  /** The first model that failed and its SQL error. */
  error: { model: string; message: string } | null;
  bronze: BronzeTableStats[];
  models: ModelRun[];
  tests: TestResult[];
  /** Share of executed tests that pass, 0–100 (each test weighs the same); null without tests. */
  qualityScore: number | null;
}
