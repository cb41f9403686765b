import { proxy } from 'comlink';
import type { DemoRecipe } from '../../data/generator/scenarios.ts';
import type { PlainRow } from '../../engine/arrow-rows.ts';
import type { PipelineRun, RunProgress } from '../../pipeline/types.ts';
import type { TaskProgress } from '../../engine/ingest/ingestor.ts';
import type { IngestOutcome } from '../../engine/ingest/load-csv.ts';
import type { ParquetOutcome } from '../../engine/engine.ts';

export type LoadOutcome = IngestOutcome | ParquetOutcome;
import { getEngine } from '../engine-client.ts';

export interface TaskView {
  title: string;
  progress: TaskProgress | null;
  startedAt: number;
}

/** What the loaded data is and what is being loaded: shared by the Data page and the header. */
class DataState {
  task = $state<TaskView | null>(null);
  cancelling = $state(false);
  outcomes = $state<LoadOutcome[]>([]);
  batches = $state<PlainRow[]>([]);
  rejects = $state(0);
  error = $state<string | null>(null);
  /** The recipe of the demo data in the database, when demo data was loaded this session. */
  demoRecipe = $state<DemoRecipe | null>(null);
  building = $state<{ progress: RunProgress | null; startedAt: number } | null>(null);
  lastRun = $state.raw<PipelineRun | null>(null);
  /** True from page load until the saved data (or its absence) is known. */
  opening = $state(true);
  reconciliation = $state.raw<PlainRow[]>([]);
  buildError = $state<string | null>(null);

  get empty(): boolean {
    return this.batches.length === 0;
  }

  async refresh(): Promise<void> {
    const status = await getEngine().bronzeStatus();
    this.batches = status.batches;
    this.rejects = status.rejects;
  }

  async #run(
    title: string,
    work: (onProgress: (p: TaskProgress) => void) => Promise<LoadOutcome[]>,
  ) {
    if (this.task) return;
    this.task = { title, progress: null, startedAt: performance.now() };
    this.error = null;
    this.cancelling = false;
    try {
      this.outcomes = await work(proxy((p: TaskProgress) => this.task && (this.task.progress = p)));
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.task = null;
      this.cancelling = false;
      await this.refresh();
    }
    // New rows in bronze: rebuild silver and gold from them (imported Parquet tables need no build).
    if (this.outcomes.some((o) => o.status === 'loaded' && 'batchId' in o)) await this.build();
  }

  /** Runs the SQL models and their data tests over what bronze holds. */
  async build(): Promise<void> {
    if (this.building || this.empty) return;
    this.building = { progress: null, startedAt: performance.now() };
    this.buildError = null;
    try {
      this.lastRun = await getEngine().buildPipeline(
        proxy((p: RunProgress) => this.building && (this.building.progress = p)),
      );
      await this.#loadReconciliation();
    } catch (e) {
      this.buildError = e instanceof Error ? e.message : String(e);
    } finally {
      this.building = null;
      this.cancelling = false;
    }
  }

  /** Opens on data saved by an earlier visit: the last build's record comes from meta.*. */
  async loadSaved(): Promise<void> {
    this.lastRun = await getEngine().savedRun();
    if (this.lastRun) await this.#loadReconciliation().catch(() => undefined);
  }

  /** After "Clear all data" or an import: forget what was shown and read the database again. */
  async reset(): Promise<void> {
    this.outcomes = [];
    this.demoRecipe = null;
    this.lastRun = null;
    this.reconciliation = [];
    this.error = null;
    this.buildError = null;
    await this.refresh();
  }

  async #loadReconciliation(): Promise<void> {
    this.reconciliation = await getEngine().rows(
      'SELECT source_table, silver_table, bronze_rows, silver_rows, quarantined_rows, superseded_rows, balanced FROM silver.reconciliation WHERE bronze_rows > 0 ORDER BY source_table',
    );
  }

  loadDemo(recipe: DemoRecipe): Promise<void> {
    return this.#run(
      `Generating and loading the demo data set (${recipe.orders.toLocaleString('en-US')} orders)`,
      async (onProgress) => {
        const out = await getEngine().loadDemo($state.snapshot(recipe), onProgress);
        this.demoRecipe = recipe;
        return out.files;
      },
    );
  }

  loadFiles(files: File[]): Promise<void> {
    const label = files.length === 1 ? files[0]!.name : `${files.length} files`;
    // Parquet tables open as tables as they are; everything else is a CSV recognised by its header.
    const parquet = files.filter((f) => /\.parquet$/i.test(f.name));
    const csv = files.filter((f) => !/\.parquet$/i.test(f.name));
    return this.#run(`Loading ${label}`, async (onProgress) => [
      ...(parquet.length ? await getEngine().importParquet(parquet) : []),
      ...(csv.length ? await getEngine().ingestFiles(csv, onProgress) : []),
    ]);
  }

  async cancel(): Promise<void> {
    if (this.task) {
      this.cancelling = true;
      await getEngine().cancelIngest();
    } else if (this.building) {
      this.cancelling = true;
      await getEngine().cancelBuild();
    }
  }
}

export const dataState = new DataState();
