/**
 * The loaded data's fingerprint: how many distinct files bronze holds and the first 16 hex digits of
 * the MD5 of their content hashes, sorted and joined. The same files give the same fingerprint, in
 * whatever order and on whatever machine they were loaded.
 */
export const BATCHES_EXIST_SQL = `SELECT count(*)::INTEGER AS n FROM duckdb_tables()
  WHERE schema_name = 'bronze' AND table_name = '_batches'`;

export const FINGERPRINT_SQL = `SELECT count(DISTINCT content_hash)::INTEGER AS files,
    left(md5(coalesce(string_agg(DISTINCT content_hash, ',' ORDER BY content_hash), '')), 16) AS hash
  FROM bronze._batches`;

/** `files-hash`, the form a link carries in `fp=`; null when no file is loaded. */
export function fingerprintText(
  row: { files?: unknown; hash?: unknown } | undefined,
): string | null {
  const files = Number(row?.files ?? 0);
  return files > 0 ? `${files}-${String(row?.hash)}` : null;
}

/** How many files a fingerprint speaks of. */
export function fingerprintFiles(fp: string): number {
  return Number(fp.split('-')[0]);
}
