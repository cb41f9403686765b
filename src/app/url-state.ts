import { DEFAULT_PAGE, pageOf } from './pages.ts';

/** The view as the URL holds it. Keys are short; only values the user chose are written. */
export interface ViewState {
  page: string;
}

const KEY = { page: 'p' } as const;

export function fromSearch(search: string): ViewState {
  const params = new URLSearchParams(search);
  return { page: pageOf(params.get(KEY.page)).id };
}

export function toSearch(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.page !== DEFAULT_PAGE) params.set(KEY.page, view.page);
  const text = params.toString();
  return text ? `?${text}` : '';
}
