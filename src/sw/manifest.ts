/** What the service worker precaches, split by the DuckDB bundle a page can use. */
export interface PrecacheManifest {
  version: string;
  /** The app, onnxruntime's wasm and the model: needed everywhere. */
  core: string[];
  /** DuckDB's single-threaded bundle (pages that are not cross-origin isolated). */
  eh: string[];
  /** DuckDB's threaded bundle (cross-origin isolated pages). */
  coi: string[];
}

const SKIP = /\.map$|^sw\.js$|(^|\/)_headers$|(^|\/)_redirects$/;

/** Sorts a build's output files into the manifest; `version` changes whenever any file does. */
export function precacheManifest(
  files: readonly string[],
  hash: (text: string) => string,
): PrecacheManifest {
  const keep = [...files].filter((f) => !SKIP.test(f)).sort();
  const is = (kind: 'eh' | 'coi') => (f: string) =>
    new RegExp(`(^|/)duckdb-(browser-)?${kind}[.-]`).test(f);
  // index.html may be emitted after the service worker's manifest is made: the entry is always there.
  const core = [...keep.filter((f) => !is('eh')(f) && !is('coi')(f) && f !== 'index.html'), './'];
  return {
    version: hash(keep.join('\n')),
    core,
    eh: keep.filter(is('eh')),
    coi: keep.filter(is('coi')),
  };
}
