import { describe, expect, it } from 'vitest';
import { lineageOption } from './lineage-option.ts';
import type { PlacedNode } from './lineage-layout.ts';

describe('lineageOption', () => {
  it('a file name with markup stays text in the HTML tooltip (issue #9)', () => {
    const node: PlacedNode = {
      id: 'file:sellers <img src=x onerror="window.__pwned=1">.csv',
      kind: 'file',
      rows: 1200,
      durationMs: null,
      status: 'loaded',
      depth: 0,
      slot: 0,
    };
    const option = lineageOption([node], []) as {
      series: { data: { info: string }[] }[];
      tooltip: { formatter: (p: unknown) => string };
    };
    const info = option.series[0]!.data[0]!.info;
    expect(info).toBe(
      'file:sellers &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;.csv (file, loaded)<br>1,200 rows',
    );
    expect(option.tooltip.formatter({ dataType: 'node', data: { info } })).toBe(info);
  });
});
