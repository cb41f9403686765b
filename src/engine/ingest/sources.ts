import type { CsvSource } from './load-csv.ts';

const CHUNK = 4 << 20;

/** A File (or any Blob) read slice by slice: a large file is never copied whole into memory. */
export function blobSource(name: string, blob: Blob): CsvSource {
  return {
    name,
    size: blob.size,
    chunks: (async function* () {
      for (let offset = 0; offset < blob.size; offset += CHUNK) {
        yield new Uint8Array(await blob.slice(offset, offset + CHUNK).arrayBuffer());
      }
    })(),
  };
}

/** Bytes already in memory (generated files, tests) as a source. */
export function bytesSource(name: string, parts: readonly Uint8Array[]): CsvSource {
  return {
    name,
    size: parts.reduce((n, p) => n + p.length, 0),
    chunks: (async function* () {
      yield* parts;
    })(),
  };
}
