import { describe, expect, it } from 'vitest';
import { DEFAULT_RECIPE, fromSearch, toSearch, type ViewState } from './url-state.ts';

const base: ViewState = {
  page: 'overview',
  recipe: DEFAULT_RECIPE,
  autoDemo: true,
  period: 90,
  grain: 'week',
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
});
