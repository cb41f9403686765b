import { describe, expect, it } from 'vitest';
import { DEFAULT_RECIPE, fromSearch, toSearch, type ViewState } from './url-state.ts';
import { NO_FILTERS } from './filters/filters.ts';

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
    expect(fromSearch('?p=live').page).toBe('overview');
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
