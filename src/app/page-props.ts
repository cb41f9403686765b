import type { Filters } from './filters/filters.ts';

/**
 * What App gives every dashboard page: the global filters (and a way to change them, for
 * cross-filter clicks) and the page's own URL state (selected entity, metric, tab). Both live in the
 * URL, so a page that keeps its choices there is a shareable link without more work.
 */
export interface PageProps {
  filters: Filters;
  onfilters: (next: Filters) => void;
  /** The page's own values as the URL holds them (short keys, text values; absent = default). */
  state: Record<string, string>;
  /** Replaces the page's own values; write only what differs from the default. */
  onstate: (next: Record<string, string>) => void;
}

/** A page's values with those equal to their default left out, as `onstate` wants them. */
export function withoutDefaults(
  values: Record<string, string>,
  defaults: Readonly<Record<string, string>>,
): Record<string, string> {
  const out = { ...values };
  for (const [key, value] of Object.entries(defaults)) if (out[key] === value) delete out[key];
  return out;
}
