import type { PlainRow } from '../../engine/arrow-rows.ts';
import type { Query } from '../filters/filters.ts';

const KEY = 'lakehouse:view-cache';
/** Every dashboard page's small result sets (KPIs, trends, top-N lists), a few views deep. */
const MAX_ENTRIES = 96;
const MAX_CHARS = 1_000_000;
/** A result larger than this (a scatter of every product) is not kept: it would push out the rest. */
const MAX_ENTRY_CHARS = 100_000;

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface Saved {
  /** The database save (`saved_at`) the rows were read from. */
  version: string;
  /** Oldest first: [query key, rows]. */
  entries: Array<[string, PlainRow[]]>;
  /** The build the rows came from (its table list decides which queries a page runs). */
  run?: unknown;
}

const keyOf = (q: Query) => JSON.stringify([q.sql, q.params]);

/**
 * The rows a page's queries returned, kept across reloads with the save of the database they were
 * read from, so a page can draw its last results while DuckDB starts (about two seconds on a warm
 * reload) and then replace them with live ones. Entries of any other save are dropped as soon as
 * the storage reports its own: what is shown from here is never older than the database it
 * stands for. Nothing is kept for a database that is not saved (memory mode).
 */
export function createViewCache(store: KeyValue | null) {
  let saved = read();
  /** The storage's current save; undefined until it has reported (the cache is trusted till then). */
  let current: string | null | undefined;

  function read(): Saved | null {
    try {
      const text = store?.getItem(KEY);
      const parsed = text ? (JSON.parse(text) as Saved) : null;
      return parsed && typeof parsed.version === 'string' && Array.isArray(parsed.entries)
        ? parsed
        : null;
    } catch {
      return null;
    }
  }

  function write() {
    try {
      if (!saved) {
        store?.removeItem(KEY);
        return;
      }
      let text = JSON.stringify(saved);
      while (text.length > MAX_CHARS && saved.entries.length > 1) {
        saved.entries.shift();
        text = JSON.stringify(saved);
      }
      if (text.length > MAX_CHARS) store?.removeItem(KEY);
      else store?.setItem(KEY, text);
    } catch {
      // Storage full or blocked: the page still works, it just starts without saved results.
    }
  }

  return {
    /** The rows this query last returned, if they are from the database's current save. */
    get(q: Query): PlainRow[] | undefined {
      if (!saved || (current !== undefined && current !== saved.version)) return undefined;
      return saved.entries.find(([k]) => k === keyOf(q))?.[1];
    },

    /** Keeps what `q` returned, read from the database's current save. */
    put(q: Query, rows: PlainRow[]): void {
      if (!current) return;
      if (saved?.version !== current) saved = { version: current, entries: [] };
      const key = keyOf(q);
      saved.entries = saved.entries.filter(([k]) => k !== key);
      if (JSON.stringify(rows).length <= MAX_ENTRY_CHARS) saved.entries.push([key, rows]);
      if (saved.entries.length > MAX_ENTRIES) saved.entries.shift();
      write();
    },

    /** The build (pipeline run) the database holds, kept with the rows read from it. */
    putRun(run: unknown): void {
      if (!current || run === null || run === undefined) return;
      if (saved?.version !== current) saved = { version: current, entries: [] };
      if (JSON.stringify(saved.run) === JSON.stringify(run)) return;
      saved.run = run;
      write();
    },

    /** The build the kept rows came from, if they are from the database's current save. */
    getRun(): unknown {
      if (!saved || (current !== undefined && current !== saved.version)) return undefined;
      return saved.run;
    },

    /** The storage reports the save it holds (null: nothing saved, or memory only). */
    settle(version: string | null): void {
      current = version;
      if (saved && saved.version !== version) {
        saved = null;
        write();
      }
    },
  };
}

export type ViewCache = ReturnType<typeof createViewCache>;
