import { describe, expect, it } from 'vitest';
import { withoutDefaults } from './page-props.ts';

describe('withoutDefaults', () => {
  it('leaves out the values equal to their default and keeps the rest, without changing its input', () => {
    const values = { g: 'month', v: 'line', sel: 'p1' };
    expect(withoutDefaults(values, { g: 'month', v: 'stack' })).toEqual({ v: 'line', sel: 'p1' });
    expect(values).toEqual({ g: 'month', v: 'line', sel: 'p1' });
  });
});
