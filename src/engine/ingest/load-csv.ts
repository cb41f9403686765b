import {
  detectFormat,
  normaliseColumn,
  parseHeaderLine,
  type KnownFormat,
} from '../../data/formats.ts';
import type { SqlDriver } from '../sql-driver.ts';
import { EngineError } from '../errors.ts';
import { ContentHash } from './content-hash.ts';
import { RecordSplitter } from './record-splitter.ts';
import { sniff, windows1252ToUtf8 } from './sniff.ts';
import {
  BRONZE_BOOKKEEPING_SQL,
  createBronzeTableSql,
  ident,
  literal,
  readPieceSql,
} from './bronze-sql.ts';
import {
  isOutOfMemory,
  outOfMemoryMessage,
  preflight,
  projectedOverflow,
  readMemoryBudget,
  type MemoryBudget,
} from './load-limits.ts';

export interface CsvSource {
  name: string;
  /** Bytes in the file, when known, for a progress fraction. */
  size?: number;
  chunks: AsyncIterable<Uint8Array>;
}

export interface IngestProgress {
  file: string;
  bytes: number;
  totalBytes: number | null;
  rows: number;
}

export type IngestOutcome =
  | {
      status: 'loaded';
      file: string;
      format: string;
      batchId: string;
      rows: number;
      rejected: number;
      bytes: number;
      /** Set when the file was not UTF-8 and was read as Windows-1252 (Latin-1). */
      encoding?: 'windows-1252';
    }
  | { status: 'duplicate'; file: string; format: string; batchId: string; bytes: number }
  | { status: 'refused'; file: string; message: string };

export interface IngestOptions {
  /** Timestamp text (`YYYY-MM-DD HH:MM:SS.fff`) recorded as `_ingested_at`. */
  ingestedAt: string;
  isCancelled?: () => boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Records are loaded in pieces of about this many bytes (progress and cancel points). */
  pieceBytes?: number;
  /** The batch id to record; by default the next in sequence (`B000001`, …), which sorts in load order. */
  batchId?: string;
}

const encoder = new TextEncoder();
const PIECE = '__ingest_piece.csv';
let runCounter = 0;

const brokenQuoting = (file: string) =>
  `${file}: the quoting is broken in a way that hides where records start (a quote opened and ` +
  'never closed, or closed in the middle of a value). Fix the quotes and add the file again; ' +
  'nothing from it was kept.';

/** A piece the CSV reader could not parse at all: the file is refused with this message. */
class PieceRefused extends Error {}

interface Target {
  format: KnownFormat;
  /** The file's columns, in its order, normalised. */
  columns: string[];
  batchId: string;
  insertSql: (piece: string) => string;
}

/**
 * Loads one CSV into bronze: recognises its format by the header, then streams its records into the
 * bronze table piece by piece inside one transaction (each record prefixed with its number, so
 * accepted and rejected rows both keep it). Rows, rejects and the batch record commit together; a
 * file whose bytes were loaded before (content hash) is rolled back, and so is a cancelled or failed
 * load, so nothing half-loaded is ever visible. Rows go straight to bronze, never through a staging
 * copy, so a file close to the tab's memory still fits.
 */
export async function ingestCsv(
  driver: SqlDriver,
  source: CsvSource,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const refuse = (message: string): IngestOutcome => ({
    status: 'refused',
    file: source.name,
    message,
  });
  const cancelled = () =>
    new EngineError('cancelled', `Loading ${source.name} was cancelled; nothing from it was kept.`);
  const hash = new ContentHash();
  const splitter = new RecordSplitter();
  const pieceBytes = options.pieceBytes ?? 8 << 20;
  const rejects = `ingest_rejects_${++runCounter}`;
  let target: Target | null = null;
  let inTransaction = false;
  let headerBytes = new Uint8Array(0);
  let piece: Uint8Array[] = [];
  let pieceSize = 0;
  let records = 0;
  let firstInPiece = 1;
  let bytes = 0;
  let encoding: 'utf-8' | 'windows-1252' | null = null;
  let transcode: ((chunk: Uint8Array) => Uint8Array) | null = null;
  // Only duckdb-wasm lives under the 4 GiB WebAssembly ceiling; native DuckDB spills to disk.
  let budget: MemoryBudget | null = null;
  let flushedBytes = 0;
  let pieceSource = 0;

  const flush = async () => {
    if (!piece.length || !target) return;
    const body = new Uint8Array(headerBytes.length + pieceSize);
    body.set(headerBytes);
    let offset = headerBytes.length;
    for (const part of piece) {
      body.set(part, offset);
      offset += part.length;
    }
    flushedBytes += pieceSource;
    pieceSource = 0;
    piece = [];
    pieceSize = 0;
    await driver.registerBuffer(PIECE, body);
    try {
      await driver.exec(target.insertSql(PIECE));
    } catch (error) {
      if (options.isCancelled?.()) throw cancelled();
      if (isOutOfMemory(error)) throw error;
      const text = error instanceof Error ? error.message : String(error);
      throw new PieceRefused(
        `${source.name}: the CSV reader could not parse records ${firstInPiece} to ${records} ` +
          `(${text.split('\n')[0]}). Check the file around line ${firstInPiece + 1}; ` +
          'nothing from it was kept.',
      );
    }
    firstInPiece = records + 1;
    if (budget?.inMemory && source.size) {
      const [now] = await driver.rows(
        'SELECT sum(memory_usage_bytes)::BIGINT AS used FROM duckdb_memory()',
      );
      const overflow = projectedOverflow(
        source.name,
        {
          size: source.size,
          bytesRead: flushedBytes,
          usedBytes: Number(now?.used ?? 0),
          startBytes: budget.usedBytes,
        },
        budget,
      );
      if (overflow) throw new PieceRefused(overflow);
    }
  };

  const begin = async (header: Uint8Array): Promise<IngestOutcome | null> => {
    const line = parseHeaderLine(new TextDecoder().decode(header));
    if (line.message) return refuse(`${source.name}: ${line.message}`);
    const detected = detectFormat(line.columns);
    if (!detected.ok) return refuse(`${source.name}: ${detected.message}`);
    const format = detected.format;
    const columns = line.columns.map(normaliseColumn);
    await driver.exec(BRONZE_BOOKKEEPING_SQL);
    await driver.exec('BEGIN TRANSACTION');
    inTransaction = true;
    const [next] = await driver.rows('SELECT count(*)::BIGINT + 1 AS n FROM bronze._batches');
    const batchId = options.batchId ?? `B${String(next?.n ?? 1).padStart(6, '0')}`;
    const canonical = format.columns.map(normaliseColumn);
    await driver.exec(createBronzeTableSql('bronze', format.id, canonical));
    headerBytes = encoder.encode(`_row_number,${columns.map((c) => `"${c}"`).join(',')}\n`);
    const into = `bronze.${ident(format.id)} (${canonical.map(ident).join(', ')}, _source_file, _row_number, _batch_id, _ingested_at)`;
    const values = `${canonical.map((c) => (columns.includes(c) ? ident(c) : 'NULL')).join(', ')},
      ${literal(source.name)}, _row_number, ${literal(batchId)}, TIMESTAMP ${literal(options.ingestedAt)}`;
    target = {
      format,
      columns,
      batchId,
      insertSql: (p) =>
        `INSERT INTO ${into} SELECT ${values} FROM (${readPieceSql(p, columns, rejects)})`,
    };
    return null;
  };

  const addRecord = async (record: Uint8Array): Promise<IngestOutcome | null> => {
    if (!target) return begin(record);
    records++;
    const prefix = encoder.encode(`${records},`);
    piece.push(prefix, record, encoder.encode('\n'));
    pieceSize += prefix.length + record.length + 1;
    pieceSource += record.length + 1;
    if (pieceSize >= pieceBytes) {
      if (options.isCancelled?.()) throw cancelled();
      await flush();
      options.onProgress?.({
        file: source.name,
        bytes,
        totalBytes: source.size ?? null,
        rows: records,
      });
    }
    return null;
  };

  try {
    if (driver.engine === 'wasm' && source.size) {
      budget = await readMemoryBudget(driver);
      const tooLarge = preflight(source.name, source.size, budget);
      if (tooLarge) return refuse(tooLarge);
    }
    for await (const raw of source.chunks) {
      if (options.isCancelled?.()) throw cancelled();
      if (encoding === null && raw.length > 0) {
        const look = sniff(raw);
        if (look.kind === 'binary') {
          return refuse(
            `${source.name}: this is not a CSV text file; it looks like ${look.what}. ` +
              'Save the data as comma-separated CSV and add it again.',
          );
        }
        encoding = look.encoding;
        if (encoding === 'windows-1252') transcode = windows1252ToUtf8();
      }
      hash.update(raw);
      bytes += raw.length;
      const chunk = transcode ? transcode(raw) : raw;
      for (const record of splitter.push(chunk)) {
        const refused = await addRecord(record);
        if (refused) return refused;
      }
    }
    for (const record of splitter.end()) {
      const refused = await addRecord(record);
      if (refused) return refused;
    }
    if (!target) return refuse(`${source.name}: the file is empty (no header line).`);
    if (records === 0) {
      return refuse(`${source.name}: the file has a header but no rows; nothing was loaded.`);
    }
    await flush();
    if (options.isCancelled?.()) throw cancelled();
    options.onProgress?.({
      file: source.name,
      bytes,
      totalBytes: source.size ?? null,
      rows: records,
    });
    const outcome = await finish(driver, target as Target, {
      file: source.name,
      bytes,
      hash: hash.digest(),
      rejects,
      ingestedAt: options.ingestedAt,
    });
    await driver.exec(outcome.status === 'loaded' ? 'COMMIT' : 'ROLLBACK');
    inTransaction = false;
    return outcome.status === 'loaded' && encoding === 'windows-1252'
      ? { ...outcome, encoding }
      : outcome;
  } catch (error) {
    if (error instanceof PieceRefused) return refuse(error.message);
    if (isOutOfMemory(error)) return refuse(outOfMemoryMessage(source.name, records, error));
    throw error;
  } finally {
    if (inTransaction) await driver.exec('ROLLBACK');
    await driver.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  }
}

/** Inside the load's transaction: a repeat of known bytes, or the rejects and the batch record. */
async function finish(
  driver: SqlDriver,
  target: Target,
  input: { file: string; bytes: number; hash: string; rejects: string; ingestedAt: string },
): Promise<IngestOutcome> {
  const { format, batchId } = target;
  const { file } = input;
  const [seen] = await driver.rows(
    'SELECT batch_id FROM bronze._batches WHERE content_hash = ? AND format = ?',
    [input.hash, format.id],
  );
  if (seen) {
    return {
      status: 'duplicate',
      file,
      format: format.id,
      batchId: String(seen.batch_id),
      bytes: input.bytes,
    };
  }
  const [loaded] = await driver.rows(
    `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE _row_number IS NULL)::BIGINT AS unnumbered
     FROM bronze.${ident(format.id)} WHERE _batch_id = ? AND _source_file = ?`,
    [batchId, file],
  );
  if (Number(loaded?.unnumbered ?? 0) > 0) throw new PieceRefused(brokenQuoting(file));
  const [hasRejects] = await driver.rows(
    'SELECT count(*)::INT AS n FROM duckdb_tables() WHERE table_name = ?',
    [input.rejects],
  );
  if (hasRejects?.n !== 0) {
    // Every line the reader set aside starts with the record number this loader put there; one that
    // does not means the reader saw record boundaries elsewhere (broken quoting): say so, keep nothing.
    const [lost] = await driver.rows(
      `SELECT count(*)::INT AS n FROM ${input.rejects}
       WHERE NOT regexp_matches(csv_line, '^[0-9]+,')`,
    );
    if (lost && lost.n !== 0) {
      throw new PieceRefused(brokenQuoting(file));
    }
    await driver.exec(
      `INSERT INTO bronze._rejects
       SELECT ${literal(format.id)}, ${literal(file)}, ${literal(batchId)},
         CAST(regexp_extract(csv_line, '^([0-9]+),', 1) AS BIGINT) AS _row_number,
         first(error_type ORDER BY line), first(error_message ORDER BY line),
         first(regexp_replace(regexp_replace(csv_line, '^[0-9]+,', ''), '\\n$', '') ORDER BY line)
       FROM ${input.rejects} GROUP BY ALL ORDER BY _row_number`,
    );
  }
  const [rejected] = await driver.rows(
    'SELECT count(*)::BIGINT AS n FROM bronze._rejects WHERE batch_id = ? AND format = ? AND source_file = ?',
    [batchId, format.id, file],
  );
  const rows = Number(loaded?.n ?? 0);
  const rejectedRows = Number(rejected?.n ?? 0);
  await driver.exec(
    `INSERT INTO bronze._batches VALUES (${literal(batchId)}, ${literal(format.id)}, ${literal(file)},
      ${input.bytes}, ${literal(input.hash)}, ${rows}, ${rejectedRows}, TIMESTAMP ${literal(input.ingestedAt)})`,
  );
  return {
    status: 'loaded',
    file,
    format: format.id,
    batchId,
    rows,
    rejected: rejectedRows,
    bytes: input.bytes,
  };
}
