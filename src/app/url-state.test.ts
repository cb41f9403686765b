import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECIPE,
  MAX_QUERY,
  fromSearch,
  parseSearch,
  toSearch,
  type ViewState,
} from './url-state.ts';
import { NO_FILTERS } from './filters/filters.ts';
import { PAGES } from './pages.ts';
import { COMPRESS_AFTER, deflate, linkSearch, readLink } from './links/link-codec.ts';

const base: ViewState = {
  page: 'overview',
  recipe: DEFAULT_RECIPE,
  autoDemo: true,
  period: 90,
  grain: 'week',
  filters: NO_FILTERS,
  pageState: {},
};

describe('url state', () => {
  it('writes nothing for the defaults', () => {
    expect(toSearch(base)).toBe('');
    expect(fromSearch('')).toEqual(base);
  });

  it('round-trips the values a user chose', () => {
    const view: ViewState = {
      page: 'data',
      recipe: { seed: 7, orders: 50_000, scenario: 'flash_sale' },
      autoDemo: false,
      period: null,
      grain: 'month',
      filters: NO_FILTERS,
      pageState: {},
    };
    expect(toSearch(view)).toBe(
      '?p=data&seed=7&orders=50000&scenario=flash_sale&demo=0&per=all&g=month',
    );
    expect(fromSearch(toSearch(view))).toEqual(view);
  });

  it.each([
    ['?orders=abc', DEFAULT_RECIPE.orders],
    ['?orders=999', DEFAULT_RECIPE.orders],
    ['?orders=99999999999', DEFAULT_RECIPE.orders],
    ['?orders=1e5', DEFAULT_RECIPE.orders],
    ['?orders=250000', 250_000],
    ['?orders=1000000', DEFAULT_RECIPE.orders],
  ])('validates orders in %s', (search, orders) => {
    expect(fromSearch(search).recipe.orders).toBe(orders);
  });

  it('falls back to defaults for unknown pages and scenarios', () => {
    expect(fromSearch('?p=<script>&scenario=DROP%20TABLE&per=7&g=year')).toEqual(base);
    expect(fromSearch('?p=admin').page).toBe('overview');
    // A page listed as planned cannot be opened by a link either.
    for (const planned of PAGES.filter((p) => !p.ready)) {
      expect(fromSearch(`?p=${planned.id}`).page).toBe('overview');
    }
  });

  it('round-trips filters and page state, one key repetition per chosen value', () => {
    const view: ViewState = {
      ...base,
      page: 'data',
      filters: {
        ...NO_FILTERS,
        from: '2018-01-01',
        state: ['RJ', 'SP'],
        category: ['bed_bath & table'],
      },
      pageState: { products: { sel: 'abc123' }, customers: { seg: 'Champions' } },
    };
    const search = toSearch(view);
    expect(search).toBe(
      '?p=data&from=2018-01-01&cat=bed_bath+%26+table&st=RJ&st=SP&pr.sel=abc123&cu.seg=Champions',
    );
    expect(fromSearch(search)).toEqual(view);
  });

  it.each([
    ['a date that is not a date', '?from=2018-13-45', NO_FILTERS],
    ['a date in another format', '?to=01/02/2018', NO_FILTERS],
    ['an empty list value', '?st=', NO_FILTERS],
    ['duplicates collapse', '?os=canceled&os=canceled', { ...NO_FILTERS, status: ['canceled'] }],
  ])('filters: %s', (_name, search, filters) => {
    expect(fromSearch(search).filters).toEqual(filters);
  });

  it('ignores page state of unknown pages and malformed keys', () => {
    expect(fromSearch('?zz.sel=1&pr.=2&pr.SEL=3&pr.sel=' + 'x'.repeat(201)).pageState).toEqual({});
  });
});

describe('link hardening', () => {
  it.each<[string, string, Partial<ViewState>, RegExp[]]>([
    ['an old unversioned link', '?per=30&os=canceled', { period: 30 }, []],
    ['an explicit v=1', '?v=1&per=30', { period: 30 }, []],
    ['a newer version: read what is understood', '?v=2&per=30', { period: 30 }, [/^v="2"/]],
    ['an unknown key', '?per=30&utm_source=x', { period: 30 }, [/"utm_source": not a key/]],
    [
      'script in a label',
      '?cat=%3Cscript%3Ealert(1)%3C%2Fscript%3E&os=delivered',
      { filters: { ...NO_FILTERS, status: ['delivered'] } },
      [/^cat=.*markup/],
    ],
    ['a huge value', `?st=${'A'.repeat(201)}`, {}, [/^st=.*longer than 200/]],
    ['a seed out of range', '?seed=99999999999', {}, [/^seed=.*not a whole number/]],
    ['a date that is no day', '?from=2018-02-30', {}, [/^from=.*not a calendar day/]],
    ['a reversed range', '?from=2018-05-01&to=2018-01-01', {}, [/after to=/]],
    ['a page that does not exist', '?p=admin', {}, [/^p=.*not a page/]],
    ['a nested z inside plain parsing', '?z=abc', {}, [/compressed state inside/]],
    ['a bad fingerprint', '?fp=zzz', {}, [/^fp=.*not a fingerprint/]],
    ['a forced storage mode', '?storage=memory&demo=0', { storage: 'memory', autoDemo: false }, []],
    ['a storage mode the app cannot force', '?storage=snapshot', {}, [/^storage=.*storage mode/]],
  ])('%s', (_name, search, expected, notices) => {
    const { view, notices: got } = parseSearch(search);
    expect(view).toMatchObject(expected);
    expect(got).toHaveLength(notices.length);
    notices.forEach((re, i) => expect(got[i]).toMatch(re));
  });

  it('keeps a forced storage mode in the address bar, so a reload keeps it', () => {
    const view = fromSearch('?storage=indexeddb&per=30');
    expect(view.storage).toBe('indexeddb');
    expect(toSearch(view)).toBe('?per=30&storage=indexeddb');
    expect(toSearch({ ...view, storage: undefined })).toBe('?per=30');
  });

  it('keeps SQL in a filter value as data (it is only ever bound)', () => {
    const value = "x'); DROP TABLE silver.orders; --";
    const { view, notices } = parseSearch(`?cat=${encodeURIComponent(value)}`);
    expect(view.filters.category).toEqual([value]);
    expect(notices).toEqual([]);
  });

  it('carries a console query with newlines and comparisons, up to its own limit', () => {
    const q = 'SELECT *\nFROM silver.orders\nWHERE gmv > 100 AND gmv < 200';
    const view: ViewState = { ...base, page: 'data', pageState: { data: { q } } };
    expect(fromSearch(toSearch(view))).toEqual(view);
    const long = parseSearch(`?da.q=${'x'.repeat(MAX_QUERY + 1)}`);
    expect(long.view.pageState).toEqual({});
    expect(long.notices[0]).toMatch(/longer than 10,000/);
  });

  it('caps list filters at 50 values', () => {
    const search = '?' + Array.from({ length: 60 }, (_, i) => `st=S${i}`).join('&');
    const { view, notices } = parseSearch(search);
    expect(view.filters.state).toHaveLength(50);
    expect(notices).toHaveLength(10);
  });

  it('round-trips the data fingerprint', () => {
    const view: ViewState = { ...base, fingerprint: '3-0123456789abcdef' };
    expect(toSearch(view)).toBe('?fp=3-0123456789abcdef');
    expect(fromSearch(toSearch(view))).toEqual(view);
  });
});

describe('compressed links', () => {
  const longView = (n: number): ViewState => ({
    ...base,
    page: 'data',
    pageState: { data: { q: `SELECT '${'ab'.repeat(n)}' AS s` } },
  });

  it.each([
    ['just under the boundary', 1, false],
    ['just over the boundary', 2, true],
    ['far over it', 20, true],
  ])('%s', async (_name, extra, compressed) => {
    // Size the query so the plain search lands exactly around COMPRESS_AFTER.
    const plainAt = (n: number) => toSearch(longView(n)).length;
    let n = 0;
    while (plainAt(n + 1) <= COMPRESS_AFTER) n++;
    const view = longView(n + (extra === 1 ? 0 : extra * 10));
    const search = await linkSearch(view);
    expect(search.startsWith('?v=1&z=')).toBe(compressed);
    if (compressed) expect(search.length).toBeLessThan(toSearch(view).length);
    expect(await readLink(search)).toEqual({ view, notices: [] });
  });

  it('a plain link reads the same through readLink', async () => {
    const search = '?per=30&cat=perfumery&st=SP';
    expect(await readLink(search)).toEqual(parseSearch(search));
  });

  it.each([
    ['not base64url', '?v=1&z=%%%%', /could not be read \(not base64url\)/],
    ['base64url but not deflate', '?v=1&z=AAAAAAAA', /could not be read/],
    ['an empty z', '?v=1&z=', /could not be read/],
  ])('garbage: %s opens with defaults and a notice', async (_name, search, notice) => {
    const { view, notices } = await readLink(search);
    expect(view).toEqual(base);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(notice);
  });

  it('refuses a compressed state that inflates past the limit', async () => {
    const z = await deflate(`p=data&da.q=${'a'.repeat(200_000)}`);
    expect(z.length).toBeLessThan(1_000);
    const { view, notices } = await readLink(`?v=1&z=${z}`);
    expect(view).toEqual(base);
    expect(notices[0]).toMatch(/inflates past/);
  });

  it('validates what it inflates like any other link', async () => {
    const z = await deflate('p=data&seed=abc&cat=%3Cb%3E&zz=1&z=again');
    const { view, notices } = await readLink(`?v=1&z=${z}&extra=1`);
    expect(view.page).toBe('data');
    expect(view.recipe.seed).toBe(DEFAULT_RECIPE.seed);
    expect(notices.map((n) => n.split(':')[0])).toEqual([
      'seed="abc"',
      'cat="<b>"',
      '"zz"',
      'z="again"',
      '"extra"',
    ]);
  });
});
