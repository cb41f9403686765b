import { buildCalendar, PERIOD_END, PERIOD_START } from './calendar.ts';
import { buildCampaigns } from './campaigns.ts';
import { buildCatalog } from './catalog.ts';
import { demandCeiling } from './demand-ceiling.ts';
import type { DemandCeiling } from './demand-ceiling.ts';
import { Inventory } from './inventory.ts';
import { OrderWriter } from './order-writer.ts';
import { emptyRows, FILE_KEY_LIST, FILE_KEYS } from './rows.ts';
import type { Rows } from './rows.ts';
import { validateRecipe } from './scenarios.ts';
import type { DemoRecipe } from './scenarios.ts';
import { DEMO_FILES, headerLine } from './schema.ts';
import { writeStaticRows } from './static-files.ts';
import type { DemoFileName } from './schema.ts';
import { formatDate } from './time.ts';

/** Receives each file's header, then its chunks in order; chunks of different files interleave. */
export interface DemoSink {
  write(file: DemoFileName, chunk: string): void | Promise<void>;
}

export interface DemoProgress {
  readonly ordersDone: number;
  readonly ordersTotal: number;
}

export interface GenerateOptions {
  /** Orders per chunk (default 10,000). The output bytes do not depend on it. */
  readonly chunkOrders?: number;
  readonly onProgress?: (progress: DemoProgress) => void;
  readonly signal?: AbortSignal;
}

export interface DemoSummary {
  readonly recipe: DemoRecipe;
  /** Data rows per file (header excluded). */
  readonly rows: Record<DemoFileName, number>;
  readonly persons: number;
  readonly products: number;
  readonly sellers: number;
  readonly campaigns: number;
  /** First and last purchase day of the period (`YYYY-MM-DD`). */
  readonly period: { readonly from: string; readonly to: string };
  readonly demandCeiling: DemandCeiling;
}

async function flush(rows: Rows, sink: DemoSink): Promise<void> {
  for (const key of FILE_KEY_LIST) {
    for (const block of rows[key].take()) await sink.write(FILE_KEYS[key], block);
  }
}

/**
 * Yields to the event loop between chunks: awaiting a synchronous sink only runs microtasks, and a
 * worker would then never see the message that aborts it until the whole data set was written.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Streams the demo data set of `recipe` into `sink`; the same recipe always gives the same bytes. */
export async function generateDemo(
  recipe: DemoRecipe,
  sink: DemoSink,
  options: GenerateOptions = {},
): Promise<DemoSummary> {
  const valid = validateRecipe(recipe);
  const chunkOrders = options.chunkOrders ?? 10_000;
  if (!Number.isInteger(chunkOrders) || chunkOrders < 1)
    throw new RangeError('chunkOrders must be a positive integer');
  const { signal, onProgress } = options;
  signal?.throwIfAborted();

  for (const file of DEMO_FILES) await sink.write(file.name as DemoFileName, headerLine(file));

  const catalog = buildCatalog(valid.seed, valid.orders, valid.scenario);
  const calendar = buildCalendar(valid);
  const plan = buildCampaigns(valid);
  const rows = emptyRows();
  const inventory = new Inventory(valid.seed, valid.orders, catalog, rows.movements);
  writeStaticRows(rows, catalog, plan);
  await flush(rows, sink);

  const orders = new OrderWriter(valid, catalog, calendar, plan, inventory, rows);
  for (let i = 0; i < valid.orders;) {
    signal?.throwIfAborted();
    const end = Math.min(valid.orders, i + chunkOrders);
    for (; i < end; i++) orders.write(i);
    await flush(rows, sink);
    onProgress?.({ ordersDone: i, ordersTotal: valid.orders });
    await nextTask();
  }
  inventory.snapshot(rows.inventory);
  await flush(rows, sink);

  return {
    recipe: valid,
    rows: Object.fromEntries(FILE_KEY_LIST.map((k) => [FILE_KEYS[k], rows[k].count])) as Record<
      DemoFileName,
      number
    >,
    persons: orders.people.created + orders.people.fraudCreated,
    products: catalog.products.length,
    sellers: catalog.sellers.length,
    campaigns: plan.campaigns.length,
    period: { from: formatDate(PERIOD_START), to: formatDate(PERIOD_END - 1) },
    demandCeiling: demandCeiling(catalog.products, orders.units),
  };
}
