import { describe, expect, it } from 'vitest';
import { stats } from './stats.ts';

describe('stats', () => {
  it('takes the middle of an odd count', () => {
    expect(stats([5, 1, 3])).toMatchObject({ median: 3, min: 1, max: 5 });
  });
  it('averages the two middles of an even count', () => {
    expect(stats([4, 1, 3, 10])).toMatchObject({ median: 3.5, min: 1, max: 10 });
  });
});
