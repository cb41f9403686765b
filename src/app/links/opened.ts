import { parseSearch, type ParsedLink } from '../url-state.ts';
import { readLink } from './link-codec.ts';

let opened: ParsedLink | null = null;

/**
 * Reads the link the page was opened with, before the app mounts: a compressed link (`z=`) needs
 * an await to inflate, so main.ts awaits this once and the app reads the result synchronously.
 */
export async function openLink(search: string): Promise<ParsedLink> {
  opened = await readLink(search);
  return opened;
}

/** The link the page was opened with (read by openLink, or now when it was not called). */
export function openedLink(): ParsedLink {
  return (opened ??= parseSearch(location.search));
}
