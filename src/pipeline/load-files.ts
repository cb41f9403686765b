import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelFile } from './model.ts';

/** Node only: every `.sql` file under `dir` (e.g. `src/sql`) with its path relative to `dir`. */
export async function loadModelFiles(dir: string): Promise<ModelFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.sql'))
    .map((e) => path.join(e.parentPath, e.name));
  files.sort();
  return Promise.all(
    files.map(async (file) => ({
      path: path.relative(dir, file).split(path.sep).join('/'),
      sql: await readFile(file, 'utf8'),
    })),
  );
}
