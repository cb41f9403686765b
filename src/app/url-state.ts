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
}

export const DEFAULT_PERIOD: PeriodDays = 90;
export const DEFAULT_GRAIN: Grain = 'week';

export const DEFAULT_RECIPE: DemoRecipe = { seed: 42, orders: 10_000, scenario: 'normal_day' };
/** Demo sizes offered in the browser; past 250,000 orders (~630 MB of CSV) a tab runs short of memory. */
export const DEMO_SIZES = [1_000, 10_000, 50_000, 100_000, 250_000] as const;
export const MAX_BROWSER_ORDERS = 250_000;

const KEY = {
  page: 'p',
  seed: 'seed',
  orders: 'orders',
  scenario: 'scenario',
  demo: 'demo',
  period: 'per',
  grain: 'g',
  from: 'from',
  to: 'to',
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
const MAX_VALUE = 200;
const MAX_VALUES = 50;

function filtersParam(params: URLSearchParams): Filters {
  const date = (key: string) => {
    const v = params.get(key);
    return v !== null && DATE_RE.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
  };
  const filters: Filters = { ...NO_FILTERS, from: date(KEY.from), to: date(KEY.to) };
  for (const key of LIST_FILTERS) {
    const values = params
      .getAll(LIST_KEY[key])
      .filter((v) => v.length > 0 && v.length <= MAX_VALUE);
    filters[key] = [...new Set(values)].sort().slice(0, MAX_VALUES);
  }
  return filters;
}

function pageStateParam(params: URLSearchParams): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const pageOfPrefix = new Map(Object.entries(PAGE_PREFIX).map(([page, prefix]) => [prefix, page]));
  for (const [key, value] of params) {
    const m = /^([a-z]{2})\.([a-z][a-z0-9_]{0,15})$/.exec(key);
    const page = m && pageOfPrefix.get(m[1]!);
    if (!page || value.length > MAX_VALUE) continue;
    (out[page] ??= {})[m[2]!] = value;
  }
  return out;
}

function periodParam(text: string | null): PeriodDays {
  if (text === 'all') return null;
  const days = Number(text);
  return text !== null && PERIODS.includes(days as PeriodDays)
    ? (days as PeriodDays)
    : DEFAULT_PERIOD;
}

function intParam(params: URLSearchParams, key: string, min: number, max: number): number | null {
  const text = params.get(key);
  if (text === null || !/^\d{1,10}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function fromSearch(search: string): ViewState {
  const params = new URLSearchParams(search);
  const scenario = params.get(KEY.scenario);
  return {
    page: pageOf(params.get(KEY.page)).id,
    recipe: {
      seed: intParam(params, KEY.seed, 0, 2 ** 31 - 1) ?? DEFAULT_RECIPE.seed,
      orders: intParam(params, KEY.orders, 1_000, MAX_BROWSER_ORDERS) ?? DEFAULT_RECIPE.orders,
      scenario: SCENARIOS.includes(scenario as Scenario)
        ? (scenario as Scenario)
        : DEFAULT_RECIPE.scenario,
    },
    autoDemo: params.get(KEY.demo) !== '0',
    period: periodParam(params.get(KEY.period)),
    grain: GRAINS.includes(params.get(KEY.grain) as Grain)
      ? (params.get(KEY.grain) as Grain)
      : DEFAULT_GRAIN,
    filters: filtersParam(params),
    pageState: pageStateParam(params),
  };
}

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
  const text = params.toString();
  return text ? `?${text}` : '';
}
