import { describe, expect, it } from 'vitest';
import { changedCsvFiles, stampKey } from './folder-diff.ts';

const f = (name: string, size: number, lastModified: number) => ({ name, size, lastModified });

describe('changedCsvFiles', () => {
  it('finds new and changed CSV files, ignores others and unchanged ones', () => {
    const seen = new Map([
      ['a.csv', stampKey(f('a.csv', 10, 1))],
      ['b.csv', stampKey(f('b.csv', 20, 1))],
    ]);
    const now = [
      f('a.csv', 10, 1), // unchanged
      f('b.csv', 20, 2), // touched
      f('c.CSV', 5, 1), // new
      f('notes.txt', 1, 1), // not a CSV
    ];
    expect(changedCsvFiles(seen, now).map((x) => x.name)).toEqual(['b.csv', 'c.CSV']);
  });
});
