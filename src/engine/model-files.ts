import type { ModelFile } from '../pipeline/model.ts';

// Bundled at build time: the same files the Node CLI reads from disk.
const SOURCES = import.meta.glob('../sql/**/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export async function bundledModelFiles(): Promise<ModelFile[]> {
  return Object.entries(SOURCES).map(([file, sql]) => ({
    path: file.replace(/^\.\.\/sql\//, ''),
    sql,
  }));
}
