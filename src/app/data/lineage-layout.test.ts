import { describe, expect, it } from 'vitest';
import { layoutLineage } from './lineage-layout.ts';

const node = (id: string, kind: string) => ({ id, kind, rows: 1, durationMs: 1, status: 'built' });

describe('layoutLineage', () => {
  it('puts each node one column right of its deepest input', () => {
    const placed = layoutLineage(
      [
        node('file:a.csv', 'file'),
        node('bronze.a', 'bronze'),
        node('silver.chk_a', 'silver'),
        node('silver.a', 'silver'),
        node('gold.x', 'gold'),
      ],
      [
        { from: 'file:a.csv', to: 'bronze.a', optional: false },
        { from: 'bronze.a', to: 'silver.chk_a', optional: false },
        { from: 'silver.chk_a', to: 'silver.a', optional: false },
        { from: 'silver.a', to: 'gold.x', optional: false },
        // A shortcut edge must not pull gold.x left of silver.a.
        { from: 'bronze.a', to: 'gold.x', optional: true },
      ],
    );
    expect(Object.fromEntries(placed.map((p) => [p.id, p.depth]))).toEqual({
      'file:a.csv': 0,
      'bronze.a': 1,
      'silver.chk_a': 2,
      'silver.a': 3,
      'gold.x': 4,
    });
  });

  it('stacks nodes of the same column in name order and ignores edges to unknown nodes', () => {
    const placed = layoutLineage(
      [node('gold.b', 'gold'), node('gold.a', 'gold')],
      [{ from: 'missing', to: 'gold.a', optional: false }],
    );
    expect(placed.map((p) => [p.id, p.depth, p.slot])).toEqual([
      ['gold.a', 0, 0],
      ['gold.b', 0, 1],
    ]);
  });
});
