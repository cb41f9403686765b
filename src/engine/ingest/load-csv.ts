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
import {
  BRONZE_BOOKKEEPING_SQL,
  createBronzeTableSql,
  ident,
  literal,
  readPieceSql,
} from './bronze-sql.ts';

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

/**
 * Loads one CSV into bronze: recognises its format by the header, streams its records into a staging
 * table piece by piece (each prefixed with its record number, so accepted and rejected rows both keep
 * it), and commits rows, rejects and the batch record in one transaction. A file whose bytes were
 * loaded before is recognised by content hash and not loaded again. Cancelling leaves nothing behind.
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
  const hash = new ContentHash();
  const splitter = new RecordSplitter();
  const pieceBytes = options.pieceBytes ?? 8 << 20;
  const stage = `ingest_stage_${++runCounter}`;
  const rejects = `ingest_rejects_${runCounter}`;
  let format: KnownFormat | null = null;
  let columns: string[] = [];
  let headerBytes = new Uint8Array(0);
  let piece: Uint8Array[] = [];
  let pieceSize = 0;
  let records = 0;
  let bytes = 0;

  const flush = async () => {
    if (!piece.length || !format) return;
    const body = new Uint8Array(headerBytes.length + pieceSize);
    body.set(headerBytes);
    let offset = headerBytes.length;
    for (const part of piece) {
      body.set(part, offset);
      offset += part.length;
    }
    piece = [];
    pieceSize = 0;
    await driver.registerBuffer(PIECE, body);
    await driver.exec(`INSERT INTO ${stage} ${readPieceSql(PIECE, columns, rejects)}`);
  };
  const addRecord = async (record: Uint8Array) => {
    if (!format) {
      const header = parseHeaderLine(new TextDecoder().decode(record));
      if (header.message) return refuse(`${source.name}: ${header.message}`);
      const detected = detectFormat(header.columns);
      if (!detected.ok) return refuse(`${source.name}: ${detected.message}`);
      format = detected.format;
      columns = header.columns.map(normaliseColumn);
      headerBytes = encoder.encode(`_row_number,${columns.map((c) => `"${c}"`).join(',')}\n`);
      const cols = columns.map((c) => `${ident(c)} VARCHAR`).join(', ');
      await driver.exec(`CREATE OR REPLACE TEMP TABLE ${stage} (_row_number BIGINT, ${cols})`);
      return null;
    }
    records++;
    const prefix = encoder.encode(`${records},`);
    piece.push(prefix, record, encoder.encode('\n'));
    pieceSize += prefix.length + record.length + 1;
    if (pieceSize >= pieceBytes) {
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
    for await (const chunk of source.chunks) {
      if (options.isCancelled?.())
        throw new EngineError(
          'cancelled',
          `Loading ${source.name} was cancelled; nothing from it was kept.`,
        );
      hash.update(chunk);
      bytes += chunk.length;
      for (const record of splitter.push(chunk)) {
        const refused = await addRecord(record);
        if (refused) return refused;
      }
    }
    for (const record of splitter.end()) {
      const refused = await addRecord(record);
      if (refused) return refused;
    }
    if (!format) return refuse(`${source.name}: the file is empty (no header line).`);
    await flush();
    if (options.isCancelled?.())
      throw new EngineError(
        'cancelled',
        `Loading ${source.name} was cancelled; nothing from it was kept.`,
      );
    options.onProgress?.({
      file: source.name,
      bytes,
      totalBytes: source.size ?? null,
      rows: records,
    });
    return await commit(driver, {
      format,
      columns,
      stage,
      rejects,
      file: source.name,
      bytes,
      hash: hash.digest(),
      ingestedAt: options.ingestedAt,
      batchId: options.batchId,
    });
  } finally {
    await driver.exec(
      `DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`,
    );
  }
}

interface CommitInput {
  format: KnownFormat;
  columns: string[];
  stage: string;
  rejects: string;
  file: string;
  bytes: number;
  hash: string;
  ingestedAt: string;
  batchId: string | undefined;
}

async function commit(driver: SqlDriver, input: CommitInput): Promise<IngestOutcome> {
  const { format, columns, stage, rejects, file } = input;
  await driver.exec(BRONZE_BOOKKEEPING_SQL);
  const [seen] = await driver.rows(
    'SELECT batch_id FROM bronze._batches WHERE content_hash = ? AND format = ?',
    [input.hash, format.id],
  );
  if (seen)
    return {
      status: 'duplicate',
      file,
      format: format.id,
      batchId: String(seen.batch_id),
      bytes: input.bytes,
    };

  const hasRejects =
    (
      await driver.rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ?`, [rejects])
    )[0]?.n !== 0;
  const [counts] = await driver.rows(
    `SELECT count(*)::BIGINT AS n, coalesce(max(_row_number), 0)::BIGINT AS last FROM ${stage}`,
  );
  const [next] = await driver.rows(`SELECT count(*)::BIGINT + 1 AS n FROM bronze._batches`);
  const batchId = input.batchId ?? `B${String(next?.n ?? 1).padStart(6, '0')}`;
  const table = `bronze.${ident(format.id)}`;
  const canonical = format.columns.map(normaliseColumn);
  const rejectRows = hasRejects
    ? `SELECT ${literal(format.id)}, ${literal(file)}, ${literal(batchId)},
         CAST(regexp_extract(csv_line, '^([0-9]+),', 1) AS BIGINT) AS _row_number,
         first(error_type ORDER BY line), first(error_message ORDER BY line),
         first(regexp_replace(regexp_replace(csv_line, '^[0-9]+,', ''), '\n$', '') ORDER BY line)
       FROM ${rejects} GROUP BY ALL ORDER BY _row_number`
    : null;
  await driver.exec('BEGIN TRANSACTION');
  try {
    await driver.exec(createBronzeTableSql('bronze', format.id, canonical));
    await driver.exec(
      `INSERT INTO ${table} (${canonical.map(ident).join(', ')}, _source_file, _row_number, _batch_id, _ingested_at)
       SELECT ${canonical.map((c) => (columns.includes(c) ? ident(c) : 'NULL')).join(', ')},
         ${literal(file)}, _row_number, ${literal(batchId)}, TIMESTAMP ${literal(input.ingestedAt)}
       FROM ${stage} ORDER BY _row_number`,
    );
    if (rejectRows) await driver.exec(`INSERT INTO bronze._rejects ${rejectRows}`);
    const [rejected] = await driver.rows(
      'SELECT count(*)::BIGINT AS n FROM bronze._rejects WHERE batch_id = ? AND format = ?',
      [batchId, format.id],
    );
    await driver.exec(
      `INSERT INTO bronze._batches VALUES (${literal(batchId)}, ${literal(format.id)}, ${literal(file)},
        ${input.bytes}, ${literal(input.hash)}, ${Number(counts?.n ?? 0)}, ${Number(rejected?.n ?? 0)},
        TIMESTAMP ${literal(input.ingestedAt)})`,
    );
    await driver.exec('COMMIT');
    return {
      status: 'loaded',
      file,
      format: format.id,
      batchId,
      rows: Number(counts?.n ?? 0),
      rejected: Number(rejected?.n ?? 0),
      bytes: input.bytes,
    };
  } catch (error) {
    await driver.exec('ROLLBACK');
    throw error;
  }
}
