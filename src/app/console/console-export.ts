import { transfer } from 'comlink';
import { getEngine } from '../engine-client.ts';
import { EXPORT_TYPES, type ExportFormat } from '../../engine/export/export-table.ts';

/** Statements that only read: running one again to export every row changes nothing. */
const READ_START = /^(select|with|from|values|table|show|describe|summarize|pivot|unpivot)\b/i;

/** The statement without leading comments, blank space and opening parentheses. */
function lead(sql: string): string {
  let rest = sql;
  for (;;) {
    const next = rest
      .replace(/^\s+/, '')
      .replace(/^--[^\n]*(\n|$)/, '')
      .replace(/^\/\*[\s\S]*?\*\//, '')
      .replace(/^\(/, '');
    if (next === rest) return rest;
    rest = next;
  }
}

/** True for one read-only statement (a trailing semicolon allowed); false for anything else. */
export function isReadQuery(sql: string): boolean {
  const body = lead(sql).replace(/;\s*$/, '');
  return READ_START.test(body) && !body.includes(';');
}

export interface ExportedFile {
  blob: Blob;
  name: string;
  rows: number;
  /** True when the file holds every row of a result the page showed only in part. */
  complete: boolean;
}

/**
 * A console result as a file, made in the engine worker. A result the page holds whole is converted
 * from the rows it holds; a truncated result of a read-only query is run again to its last row; a
 * truncated result of any other statement is exported as far as it was kept.
 */
export async function exportResult(
  sql: string,
  result: { ipc: Uint8Array; truncated: boolean },
  format: ExportFormat,
  now = new Date(),
): Promise<ExportedFile> {
  const rerun = result.truncated && isReadQuery(sql);
  const ipc = result.ipc.slice();
  const out = rerun
    ? await getEngine().exportQuery(sql, format)
    : await getEngine().exportIpc(transfer(ipc, [ipc.buffer as ArrayBuffer]), format);
  const { mime, extension } = EXPORT_TYPES[format];
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return {
    blob: new Blob([out.bytes as BlobPart], { type: mime }),
    name: `query-result-${stamp}.${extension}`,
    rows: out.rows,
    complete: rerun || !result.truncated,
  };
}

/** Hands a file to the browser's download. */
export function download(file: { blob: Blob; name: string }): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
