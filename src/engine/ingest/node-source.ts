import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CsvSource } from './load-csv.ts';

/** A CSV file on disk, streamed in chunks (Node CLIs): never read whole into memory. */
export async function nodeFileSource(file: string): Promise<CsvSource> {
  const { size } = await stat(file);
  return {
    name: path.basename(file),
    size,
    chunks: (async function* () {
      for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) {
        yield new Uint8Array(chunk as Buffer);
      }
    })(),
  };
}
