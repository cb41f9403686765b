const KEY = 'lakehouse:last-view';

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * `demo=0` asks the visit it was opened with not to load the demo data: it is not part of the view,
 * so a later bare visit to an empty database still gets the demo data set.
 */
function withoutOneOffs(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('demo');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** The search string to open with: the URL's own, else the one the app was last left on. */
export function initialSearch(search: string, store: KeyValue | null): string {
  if (search && search !== '?') return search;
  try {
    const remembered = store?.getItem(KEY);
    return remembered ? withoutOneOffs(remembered) : '';
  } catch {
    return '';
  }
}

export function rememberView(search: string, store: KeyValue | null): void {
  try {
    if (search) store?.setItem(KEY, search);
    else store?.removeItem(KEY);
  } catch {
    // Storage blocked (some private windows): the URL still holds the view.
  }
}

export function forgetView(store: KeyValue | null): void {
  try {
    store?.removeItem(KEY);
  } catch {
    // As above.
  }
}

export const browserStore = (): KeyValue | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};
