import type { SqlDriver } from '../sql-driver.ts';

/**
 * What the database can hold, read before a load. Only a database in memory (`?storage=memory`, the
 * IndexedDB mode, a browser without OPFS) keeps every row in the WebAssembly heap; an OPFS database
 * writes row groups to its file as they fill, so its memory stays bounded (LIMITS.md).
 */
export interface MemoryBudget {
  inMemory: boolean;
  /** DuckDB's memory_limit: 80% of the 4 GiB a 32-bit WebAssembly heap can grow to. */
  limitBytes: number;
  /** What the database holds now (every table loaded before, in memory). */
  usedBytes: number;
}

/**
 * Share of the memory limit a load may fill: the rest is left for the load's own bookkeeping
 * (rejects, the batch record, the commit) and for the pipeline build that follows it.
 */
export const FILL = 0.85;

/** Below this much of a file read (two 8 MB pieces), growth per byte is not yet a steady rate. */
export const PROJECT_AFTER_BYTES = 16 << 20;

const UNITS: Record<string, number> = {
  bytes: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** DuckDB's size text (`3.1 GiB`, `512.0 MiB`, `0 bytes`) in bytes; null when it is not one. */
export function parseSize(text: string): number | null {
  const m = /^\s*([\d.]+)\s*([a-z]+)\s*$/i.exec(text);
  const unit = m && UNITS[m[2]!.toLowerCase()];
  return m && unit ? Math.round(Number(m[1]) * unit) : null;
}

/** Bytes as people read them in a message: `2.0 GB`, `850 MB`. */
export function sizeText(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

export async function readMemoryBudget(driver: SqlDriver): Promise<MemoryBudget | null> {
  const [row] = await driver.rows(
    `SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()) AS path,
       current_setting('memory_limit') AS memory_limit,
       (SELECT sum(memory_usage_bytes) FROM duckdb_memory())::BIGINT AS used`,
  );
  const limitBytes = parseSize(String(row?.memory_limit ?? ''));
  if (!row || limitBytes === null) return null;
  const path = row.path === null || row.path === undefined ? '' : String(row.path);
  return {
    inMemory: path === '' || path === ':memory:',
    limitBytes,
    usedBytes: Number(row.used ?? 0),
  };
}

const NODE_PIPELINE =
  'Load it with the Node pipeline instead, which streams files of any size through native DuckDB: ' +
  'npm run pipeline -- --data <folder with the CSV files> --engine native --out <folder>, ' +
  'then drop the gold Parquet files it writes here.';

const kept = 'Nothing from it was kept; the data loaded before is unchanged.';

/**
 * Before a file is read: refused when it cannot fit at all. Every value lands in bronze as text, and
 * DuckDB keeps each one in at least as many bytes as the CSV spends on it (a 16-byte string header,
 * holding values of up to 12 bytes inline), so the file's size is a floor for what it takes in memory.
 */
export function preflight(file: string, size: number, budget: MemoryBudget | null): string | null {
  if (!budget?.inMemory) return null;
  const room = budget.limitBytes * FILL - budget.usedBytes;
  if (size <= room) return null;
  return (
    `${file}: too large for this tab. It is ${sizeText(size)}, and this tab keeps its database in ` +
    `memory, where it has ${sizeText(Math.max(0, room))} left of the ${sizeText(budget.limitBytes)} ` +
    `a browser's WebAssembly database can use. ${kept} ${NODE_PIPELINE}`
  );
}

/**
 * During a load into a database in memory: the memory the whole file will take, projected from how
 * much the rows read so far took per byte. Stops a load that will not fit long before it runs out.
 */
export function projectedOverflow(
  file: string,
  progress: { size: number; bytesRead: number; usedBytes: number; startBytes: number },
  budget: MemoryBudget | null,
): string | null {
  if (!budget?.inMemory || progress.bytesRead < PROJECT_AFTER_BYTES) return null;
  if (progress.bytesRead >= progress.size) return null;
  const perByte = (progress.usedBytes - progress.startBytes) / progress.bytesRead;
  const projected = progress.usedBytes + perByte * (progress.size - progress.bytesRead);
  if (projected <= budget.limitBytes * FILL) return null;
  return (
    `${file}: too large for this tab. Its first ${sizeText(progress.bytesRead)} took ` +
    `${sizeText(progress.usedBytes - progress.startBytes)} of memory, so all ${sizeText(progress.size)} ` +
    `would need about ${sizeText(projected)}, more than the ${sizeText(budget.limitBytes)} a browser's ` +
    `WebAssembly database can use. The load stopped there. ${kept} ${NODE_PIPELINE}`
  );
}

/** A DuckDB or WebAssembly error that means memory ran out. */
export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /out of memory|could not allocate|memory access out of bounds|Aborted\(OOM\)/i.test(text);
}

/** The message for a load that ran out of memory part way (whatever the projection said). */
export function outOfMemoryMessage(file: string, rows: number, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const text = (duckdbText(raw) ?? raw).split('\n', 1)[0];
  return (
    `${file}: too large for this tab. The browser's database ran out of memory after ` +
    `${rows.toLocaleString('en-US')} rows (${text}). ${kept} ${NODE_PIPELINE}`
  );
}

/** duckdb-wasm in a browser reports an error as JSON: its message is the part a person reads. */
function duckdbText(raw: string): string | null {
  if (!raw.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(raw) as { exception_message?: unknown };
    return typeof parsed.exception_message === 'string' ? parsed.exception_message : null;
  } catch {
    return null;
  }
}
