import type { PlainRow } from '../../engine/arrow-rows.ts';
import type { StorageMode } from '../../engine/storage/modes.ts';
import { MODE_LABEL } from '../../engine/storage/modes.ts';
import { formatCount } from '../format.ts';

/** A saved-at instant (ISO, or the runner's `YYYY-MM-DD HH:MM:SS` in UTC) for people, in their zone. */
export function formatWhen(value: string, timeZone?: string): string {
  const iso = /Z$|[+-]\d\d:\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

/** "Restored 9 loaded files (123,456 rows) and the build of … from OPFS, saved …". */
export function restoredNote(
  input: {
    batches: readonly PlainRow[];
    builtAt: string | null;
    mode: StorageMode;
    savedAt: string | null;
    rebuilding: boolean;
  },
  timeZone?: string,
): string {
  const rows = input.batches.reduce((n, b) => n + Number(b.rows_loaded ?? 0), 0);
  const files = input.batches.length;
  const what = `${formatCount(files)} loaded file${files === 1 ? '' : 's'} (${formatCount(rows)} rows)`;
  const build = input.rebuilding
    ? ' — the last load or build was cut off, so the layers are being rebuilt'
    : input.builtAt
      ? ` and the layers built ${formatWhen(input.builtAt, timeZone)}`
      : '';
  const when = input.savedAt ? `, saved ${formatWhen(input.savedAt, timeZone)}` : '';
  return `Restored ${what}${build} from ${MODE_LABEL[input.mode]}${when}. Nothing was loaded again.`;
}
