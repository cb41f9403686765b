import { toSearch, type ViewState } from '../url-state.ts';
import { COMPRESS_AFTER, linkSearch } from './link-codec.ts';

let written = 0;
const at = (search: string) => `${location.pathname}${search}${location.hash}`;

/**
 * Puts the view in the address bar. A long state is written plain at once (so the entry exists
 * synchronously, as a navigation needs) and replaced by its compressed form when that is ready,
 * unless a newer view was written in between.
 */
export function writeUrl(view: ViewState, mode: 'push' | 'replace'): void {
  const id = ++written;
  const plain = toSearch(view);
  if (mode === 'push') history.pushState(null, '', at(plain));
  else history.replaceState(null, '', at(plain));
  if (plain.length <= COMPRESS_AFTER) return;
  void linkSearch(view).then((search) => {
    if (id === written) history.replaceState(null, '', at(search));
  });
}

/** The absolute link to share for a view (compressed when long), without this tab's storage mode. */
export async function shareLink(view: ViewState): Promise<string> {
  // A forced storage mode is this browser's setting, not part of the view being shared.
  return new URL(at(await linkSearch({ ...view, storage: undefined })), location.href).href;
}
