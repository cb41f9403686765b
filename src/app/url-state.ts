import * as v from 'valibot';
import { SCENARIOS, type DemoRecipe, type Scenario } from '../data/generator/scenarios.ts';
import { DEFAULT_PAGE, pageOf } from './pages.ts';
import { GRAINS, PERIODS, type Grain, type PeriodDays } from './overview/overview-sql.ts';
import {
  DATE_RE,
  LIST_FILTERS,
  NO_FILTERS,
  type Filters,
  type ListFilter,
} from './filters/filters.ts';

/** The storage modes a link can force (`snapshot` is only ever chosen by the app). */
export const FORCED_STORAGE = ['opfs', 'indexeddb', 'memory'] as const;
export type ForcedStorage = (typeof FORCED_STORAGE)[number];

/** The view as the URL holds it. Keys are short; only values the user chose are written. */
export interface ViewState {
  page: string;
  /** The demo data set to generate (shared links carry it so the recipient regenerates the same data). */
  recipe: DemoRecipe;
  /** False when the user asked not to load demo data on open. */
  autoDemo: boolean;
  /** Overview: how many days back from the last purchase (null = all), and the trend's grain. */
  period: PeriodDays;
  grain: Grain;
  /** The global filters of the dashboard pages. */
  filters: Filters;
  /** Each page's own choices (selected entity, chart metric, tab), by page id, as short text values. */
  pageState: Record<string, Record<string, string>>;
  /** Fingerprint of the loaded data (`files-hash`) when it is not the demo data set; see links/. */
  fingerprint?: string | undefined;
  /**
   * Where this tab keeps its data when forced (`storage=indexeddb|memory|opfs`): a setting of this
   * browser, kept in the address bar so a reload keeps it, but never put in a shared link.
   */
  storage?: ForcedStorage | undefined;
}

/** What a link's search string gave: the view, and what was ignored in it, for people. */
export interface ParsedLink {
  view: ViewState;
  notices: string[];
}

export const DEFAULT_PERIOD: PeriodDays = 90;
export const DEFAULT_GRAIN: Grain = 'week';

export const DEFAULT_RECIPE: DemoRecipe = { seed: 42, orders: 10_000, scenario: 'normal_day' };
/** Demo sizes offered in the browser; past 250,000 orders (~630 MB of CSV) a tab runs short of memory. */
export const DEMO_SIZES = [1_000, 10_000, 50_000, 100_000, 250_000] as const;
export const MAX_BROWSER_ORDERS = 250_000;

/** The link format this code writes. Unversioned links are version 1 (see links/URL_STATE.md). */
export const LINK_VERSION = 1;

export const KEY = {
  page: 'p',
  seed: 'seed',
  orders: 'orders',
  scenario: 'scenario',
  demo: 'demo',
  period: 'per',
  grain: 'g',
  from: 'from',
  to: 'to',
  fingerprint: 'fp',
  version: 'v',
  compressed: 'z',
  storage: 'storage',
} as const;

/** URL keys of the list filters; each chosen value is one repetition of the key. */
const LIST_KEY: Record<ListFilter, string> = {
  category: 'cat',
  state: 'st',
  channel: 'ch',
  status: 'os',
};

/** URL prefixes of the pages' own state: `pr.sel=…` is the Products page's `sel`. */
export const PAGE_PREFIX: Record<string, string> = {
  overview: 'ov',
  sales: 'sa',
  pricing: 'pi',
  customers: 'cu',
  products: 'pr',
  operations: 'op',
  marketing: 'mk',
  live: 'lv',
  predict: 'pd',
  data: 'da',
};

export const MAX_VALUE = 200;
/** The SQL console's query (`da.q`) may be longer than other values. */
export const MAX_QUERY = 10_000;
export const MAX_VALUES = 50;
/** Past this a search string is not read at all (a link is never legitimately this long). */
export const MAX_SEARCH = 100_000;
const MAX_PARAMS = 500;

// A filter value or a page value with markup or control characters is not a label this app makes.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const MARKUP = /[<>]|[\u0000-\u001f\u007f]/;

const text = (max: number) =>
  v.pipe(
    v.string(),
    v.minLength(1, 'empty'),
    v.maxLength(max, `longer than ${max.toLocaleString('en-US')} characters`),
    v.check((s) => !MARKUP.test(s), 'holds markup or control characters'),
  );

const whole = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,10}$/, 'not a whole number'),
    v.transform(Number),
    v.minValue(min, `outside ${min.toLocaleString('en-US')}–${max.toLocaleString('en-US')}`),
    v.maxValue(max, `outside ${min.toLocaleString('en-US')}–${max.toLocaleString('en-US')}`),
  );

const day = v.pipe(
  v.string(),
  v.regex(DATE_RE, 'not a YYYY-MM-DD date'),
  v.check((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, 'not a calendar day'),
);

/** One schema per single-valued key. */
const SINGLE = {
  [KEY.page]: v.pipe(
    v.string(),
    v.check((id) => pageOf(id).id === id, 'not a page of this app'),
  ),
  [KEY.seed]: whole(0, 2 ** 31 - 1),
  [KEY.orders]: whole(1_000, MAX_BROWSER_ORDERS),
  [KEY.scenario]: v.picklist(SCENARIOS, 'not a demo scenario'),
  [KEY.demo]: v.picklist(['0'], 'only demo=0 is meaningful'),
  [KEY.period]: v.picklist(
    PERIODS.map((p) => (p === null ? 'all' : String(p))),
    'not a period',
  ),
  [KEY.grain]: v.picklist(GRAINS, 'not a grain'),
  [KEY.from]: day,
  [KEY.to]: day,
  [KEY.fingerprint]: v.pipe(v.string(), v.regex(/^\d{1,5}-[0-9a-f]{16}$/, 'not a fingerprint')),
  [KEY.storage]: v.picklist(FORCED_STORAGE, 'not a storage mode (opfs, indexeddb or memory)'),
  [KEY.version]: v.pipe(
    v.string(),
    v.check((s) => s === String(LINK_VERSION), 'made by a newer version of this app'),
  ),
} as const;
type SingleKey = keyof typeof SINGLE;

const LIST_VALUE = text(MAX_VALUE);
const PAGE_VALUE = text(MAX_VALUE);
const QUERY_VALUE = v.pipe(
  v.string(),
  v.maxLength(MAX_QUERY, `longer than ${MAX_QUERY.toLocaleString('en-US')} characters`),
);
const PAGE_KEY = /^([a-z]{2})\.([a-z][a-z0-9_]{0,15})$/;

/** A value as a notice shows it: short, on one line. */
const shown = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

export function defaultView(): ViewState {
  return {
    page: DEFAULT_PAGE,
    recipe: { ...DEFAULT_RECIPE },
    autoDemo: true,
    period: DEFAULT_PERIOD,
    grain: DEFAULT_GRAIN,
    filters: { ...NO_FILTERS, category: [], state: [], channel: [], status: [] },
    pageState: {},
  };
}

/**
 * Reads a plain (uncompressed) search string. Every key is checked against its schema; a key that
 * fails keeps its default and adds a notice saying what was ignored and why. Never throws.
 */
export function parseSearch(search: string): ParsedLink {
  const view = defaultView();
  const notices: string[] = [];
  if (search.length > MAX_SEARCH) {
    notices.push(
      `The link is ${search.length.toLocaleString('en-US')} characters long; it was not read.`,
    );
    return { view, notices };
  }
  const params = [...new URLSearchParams(search)];
  if (params.length > MAX_PARAMS) {
    notices.push(`Only the first ${MAX_PARAMS} of ${params.length} link parameters were read.`);
    params.length = MAX_PARAMS;
  }
  const single: Partial<Record<SingleKey, unknown>> = {};
  const lists = new Map<string, ListFilter>(LIST_FILTERS.map((k) => [LIST_KEY[k], k]));
  const pageOfPrefix = new Map(Object.entries(PAGE_PREFIX).map(([page, prefix]) => [prefix, page]));
  const ignore = (key: string, value: string, why: string) =>
    notices.push(`${key}=${shown(value)}: ${why}`);

  for (const [key, value] of params) {
    if (key in SINGLE) {
      const k = key as SingleKey;
      if (k in single) continue;
      const out = v.safeParse(SINGLE[k], value);
      if (out.success) single[k] = out.output;
      else ignore(key, value, out.issues[0].message);
      continue;
    }
    const list = lists.get(key);
    if (list) {
      const out = v.safeParse(LIST_VALUE, value);
      if (!out.success) ignore(key, value, out.issues[0].message);
      else if (view.filters[list].length >= MAX_VALUES) ignore(key, value, 'too many values');
      else if (!view.filters[list].includes(value)) view.filters[list].push(value);
      continue;
    }
    const m = PAGE_KEY.exec(key);
    const page = m && pageOfPrefix.get(m[1]!);
    if (m && page) {
      const isQuery = page === 'data' && m[2] === 'q';
      const out = v.safeParse(isQuery ? QUERY_VALUE : PAGE_VALUE, value);
      if (out.success) (view.pageState[page] ??= {})[m[2]!] = value;
      else ignore(key, value, out.issues[0].message);
      continue;
    }
    if (key === KEY.compressed) {
      ignore(key, value, 'a compressed state inside a compressed state');
      continue;
    }
    notices.push(`${shown(key)}: not a key this app knows`);
  }
  for (const key of LIST_FILTERS) view.filters[key].sort();

  if (single.p !== undefined) view.page = single.p as string;
  view.recipe = {
    seed: (single.seed as number | undefined) ?? DEFAULT_RECIPE.seed,
    orders: (single.orders as number | undefined) ?? DEFAULT_RECIPE.orders,
    scenario: (single.scenario as Scenario | undefined) ?? DEFAULT_RECIPE.scenario,
  };
  if (single.demo !== undefined) view.autoDemo = false;
  if (single.per !== undefined)
    view.period = single.per === 'all' ? null : (Number(single.per) as PeriodDays);
  if (single.g !== undefined) view.grain = single.g as Grain;
  const from = (single.from as string | undefined) ?? null;
  const to = (single.to as string | undefined) ?? null;
  if (from && to && from > to) {
    notices.push(`from=${from} is after to=${to}: the date range was ignored`);
  } else {
    view.filters.from = from;
    view.filters.to = to;
  }
  if (single.fp !== undefined) view.fingerprint = single.fp as string;
  if (single.storage !== undefined) view.storage = single.storage as ForcedStorage;
  return { view, notices };
}

/** The view of a plain search string, defaults for whatever is missing or invalid. */
export function fromSearch(search: string): ViewState {
  return parseSearch(search).view;
}

/** The plain search string of a view: only what differs from the defaults; '' for the defaults. */
export function toSearch(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.page !== DEFAULT_PAGE) params.set(KEY.page, view.page);
  if (view.recipe.seed !== DEFAULT_RECIPE.seed) params.set(KEY.seed, String(view.recipe.seed));
  if (view.recipe.orders !== DEFAULT_RECIPE.orders) {
    params.set(KEY.orders, String(view.recipe.orders));
  }
  if (view.recipe.scenario !== DEFAULT_RECIPE.scenario) {
    params.set(KEY.scenario, view.recipe.scenario);
  }
  if (!view.autoDemo) params.set(KEY.demo, '0');
  if (view.period !== DEFAULT_PERIOD)
    params.set(KEY.period, view.period === null ? 'all' : String(view.period));
  if (view.grain !== DEFAULT_GRAIN) params.set(KEY.grain, view.grain);
  if (view.filters.from) params.set(KEY.from, view.filters.from);
  if (view.filters.to) params.set(KEY.to, view.filters.to);
  for (const key of LIST_FILTERS) {
    for (const value of view.filters[key]) params.append(LIST_KEY[key], value);
  }
  for (const [page, state] of Object.entries(view.pageState)) {
    const prefix = PAGE_PREFIX[page];
    if (!prefix) continue;
    for (const [key, value] of Object.entries(state)) {
      if (value !== '') params.set(`${prefix}.${key}`, value);
    }
  }
  if (view.fingerprint) params.set(KEY.fingerprint, view.fingerprint);
  if (view.storage) params.set(KEY.storage, view.storage);
  const text = params.toString();
  return text ? `?${text}` : '';
}
