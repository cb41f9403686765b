export interface FileStamp {
  name: string;
  size: number;
  lastModified: number;
}

/** The CSV files that are new, or whose size or modification time changed, since `seen`. */
export function changedCsvFiles(seen: ReadonlyMap<string, string>, now: FileStamp[]): FileStamp[] {
  return now
    .filter((f) => /\.csv$/i.test(f.name))
    .filter((f) => seen.get(f.name) !== stampKey(f))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function stampKey(f: FileStamp): string {
  return `${f.size}:${f.lastModified}`;
}
