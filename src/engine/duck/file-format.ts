/**
 * The first 12 KiB of a DuckDB database file, read before DuckDB is asked to open one and written
 * to start a new one.
 *
 * Layout (duckdb/src/storage/storage_info.cpp, `MainHeader` and `DatabaseHeader`; DuckDB 0.10 to
 * 1.4): three 4 KiB header blocks, each starting with a checksum of the rest of the block. The main
 * header holds the magic `DUCK`, the storage version and the release that wrote the file; the two
 * database headers take turns at each checkpoint (the one with the higher iteration is current)
 * and count the file's blocks, which follow.
 */
export interface DuckdbHeader {
  /** 64 to 67 for files DuckDB 0.10 to 1.4 write; 1.4 reads exactly those. */
  storageVersion: number;
  /** The DuckDB release that wrote the file (`v1.4.3`), where the file records it. */
  writtenBy: string | null;
  /** The least the file can hold: its three headers and every block its current header counts. */
  minimumBytes: number;
}

export type DatabaseFileKind = 'duckdb' | 'lakehouse' | 'unknown';

const HEADER_BLOCK = 4096;
const CHECKSUM = 8;
const DUCK = [0x44, 0x55, 0x43, 0x4b];
const SNAPSHOT = [0x4c, 0x4b, 0x48, 0x53, 0x4e, 0x41, 0x50, 0x31]; // LKHSNAP1 (storage/snapshot.ts)
/** The storage version DuckDB 0.10 to 1.4 write by default (storage_info.cpp). */
const STORAGE_VERSION = 64n;
/** DuckDB's default block size, also for old files whose header leaves it out (0). */
const DEFAULT_BLOCK = 262_144;
const VECTOR_SIZE = 2048n;
const NO_BLOCK = 0xffff_ffff_ffff_ffffn;
/** `DatabaseHeader` fields, in order, after the checksum. */
const ITERATION = 0;
const BLOCK_COUNT = 24;
const BLOCK_SIZE = 32;

const startsWith = (bytes: Uint8Array, at: number, magic: number[]) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** A DuckDB database, the app's own snapshot (`.lakehouse`), or neither; by content, not by name. */
export function databaseFileKind(bytes: Uint8Array): DatabaseFileKind {
  if (startsWith(bytes, 0, SNAPSHOT)) return 'lakehouse';
  if (startsWith(bytes, CHECKSUM, DUCK)) return 'duckdb';
  return 'unknown';
}

function text(bytes: Uint8Array, at: number, length: number): string | null {
  const raw = bytes.subarray(at, at + length);
  const end = raw.indexOf(0);
  const value = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end)).trim();
  return value || null;
}

/** The header of a DuckDB database file; null when `bytes` do not start like one. */
export function readDuckdbHeader(bytes: Uint8Array): DuckdbHeader | null {
  if (databaseFileKind(bytes) !== 'duckdb' || bytes.length < CHECKSUM + 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const storageVersion = Number(view.getBigUint64(CHECKSUM + 4, true));
  // MainHeader: checksum, magic (4), version (8), flags (4 × 8), the library's git describe (32).
  const writtenBy = bytes.length >= 84 ? text(bytes, 52, 32) : null;
  let minimumBytes = 3 * HEADER_BLOCK;
  if (bytes.length >= 3 * HEADER_BLOCK) {
    const current = [HEADER_BLOCK, 2 * HEADER_BLOCK]
      .map((at) => ({
        iteration: view.getBigUint64(at + CHECKSUM + ITERATION, true),
        blocks: view.getBigUint64(at + CHECKSUM + BLOCK_COUNT, true),
        blockSize: view.getBigUint64(at + CHECKSUM + BLOCK_SIZE, true),
      }))
      .reduce((a, b) => (b.iteration > a.iteration ? b : a));
    const blockSize = Number(current.blockSize) || DEFAULT_BLOCK;
    const blocks = Number(current.blocks);
    // Only believable values: a damaged header is DuckDB's to report (its checksums catch it).
    if (blockSize <= 16 * DEFAULT_BLOCK && Number.isSafeInteger(blocks * blockSize))
      minimumBytes += blocks * blockSize;
  }
  return { storageVersion, writtenBy, minimumBytes };
}

/** DuckDB's block checksum (duckdb/src/common/checksum.cpp), of a length divisible by 8. */
export function duckdbChecksum(bytes: Uint8Array): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let result = 5381n;
  for (let at = 0; at + 8 <= bytes.length; at += 8)
    result ^= BigInt.asUintN(64, view.getBigUint64(at, true) * 0xbf58476d1ce4e5b9n);
  return result;
}

/** Writes the checksum of each header block of `file` (after editing one). */
export function sealHeaders(file: Uint8Array): Uint8Array {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  for (let at = 0; at < 3 * HEADER_BLOCK; at += HEADER_BLOCK)
    view.setBigUint64(at, duckdbChecksum(file.subarray(at + CHECKSUM, at + HEADER_BLOCK)), true);
  return file;
}

/**
 * A new, empty DuckDB database file (12 KiB: the headers of a database that has never been
 * checkpointed), as DuckDB itself starts one; `writtenBy` is the DuckDB release that will write it.
 * `blockSize` as ATTACH's BLOCK_SIZE option takes it: a power of two from 16 KiB to 256 KiB.
 */
export function emptyDuckdbFile(writtenBy: string, blockSize = DEFAULT_BLOCK): Uint8Array {
  const file = new Uint8Array(3 * HEADER_BLOCK);
  const view = new DataView(file.buffer);
  file.set(DUCK, CHECKSUM);
  view.setBigUint64(CHECKSUM + 4, STORAGE_VERSION, true);
  file.set(new TextEncoder().encode(writtenBy.slice(0, 31)), 52);
  for (const at of [HEADER_BLOCK, 2 * HEADER_BLOCK]) {
    // iteration, meta block, free list, block count, block size, vector size, serialization version
    const fields = [0n, NO_BLOCK, NO_BLOCK, 0n, BigInt(blockSize), VECTOR_SIZE, 1n];
    fields.forEach((value, i) => view.setBigUint64(at + CHECKSUM + 8 * i, value, true));
  }
  return sealHeaders(file);
}
