import { describe, expect, it } from 'vitest';
import { forgetView, initialSearch, rememberView } from './last-view.ts';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('last view', () => {
  it('opens the URL’s own view when it has one, else the remembered one', () => {
    const store = memoryStore();
    expect(initialSearch('', store)).toBe('');
    rememberView('?p=overview&period=90d', store);
    expect(initialSearch('', store)).toBe('?p=overview&period=90d');
    expect(initialSearch('?', store)).toBe('?p=overview&period=90d');
    expect(initialSearch('?p=data', store)).toBe('?p=data');
    forgetView(store);
    expect(initialSearch('', store)).toBe('');
  });

  it('does not bring back demo=0 (it asked one visit not to load the demo data)', () => {
    const store = memoryStore();
    rememberView('?p=data&demo=0', store);
    expect(initialSearch('', store)).toBe('?p=data');
    rememberView('?demo=0', store);
    expect(initialSearch('', store)).toBe('');
    // The URL's own demo=0 is kept: that visit asked for it.
    expect(initialSearch('?p=data&demo=0', store)).toBe('?p=data&demo=0');
  });

  it('survives a store that throws (storage blocked)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => rememberView('?p=data', throwing)).not.toThrow();
    expect(initialSearch('', throwing)).toBe('');
    expect(initialSearch('', null)).toBe('');
  });
});
