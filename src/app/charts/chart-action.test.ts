import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  setOptions: [] as Array<{ option: Record<string, unknown>; opts: unknown }>,
  resizes: 0,
  observed: [] as Array<() => void>,
}));

vi.mock('./echarts.ts', () => ({
  echarts: {
    // Like ECharts, an instance takes its node's size when it is created and when it resizes.
    init: (node: { clientWidth: number; clientHeight: number }) => {
      let size = [node.clientWidth, node.clientHeight];
      return {
        setOption: (option: Record<string, unknown>, opts: unknown) =>
          fake.setOptions.push({ option, opts }),
        on: () => undefined,
        getWidth: () => size[0],
        getHeight: () => size[1],
        resize: () => {
          fake.resizes++;
          size = [node.clientWidth, node.clientHeight];
        },
        dispose: () => undefined,
      };
    },
  },
}));

const { chart } = await import('./chart-action.ts');

function element(width = 600, height = 280) {
  return { clientWidth: width, clientHeight: height, style: {} } as unknown as HTMLElement;
}

beforeEach(() => {
  fake.setOptions.length = 0;
  fake.resizes = 0;
  fake.observed.length = 0;
  vi.stubGlobal('document', { documentElement: { dataset: { theme: 'light' } } });
  vi.stubGlobal('matchMedia', () => ({
    matches: false,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }));
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: () => void) {
        fake.observed.push(callback);
      }
      observe() {}
      disconnect() {}
    },
  );
  vi.stubGlobal(
    'MutationObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

const line = (data: number[]) => ({ series: [{ id: 'a', type: 'line', data }] });

describe('chart action', () => {
  it('rebuilds a chart from each new option', () => {
    const action = chart(element(), line([1]));
    action.update(line([1, 2]));
    expect(fake.setOptions.map((c) => c.opts)).toEqual([
      { notMerge: true, lazyUpdate: false },
      { notMerge: true, lazyUpdate: false },
    ]);
    expect(fake.setOptions[1]!.option).toMatchObject({ backgroundColor: 'transparent' });
  });

  it('merges later options into a streaming chart, series by id, and paints its first draw in the next frame', () => {
    const action = chart(element(), { option: line([1]), streaming: true });
    action.update({ option: line([1, 2]), streaming: true });
    action.update({ option: line([1, 2, 3]), streaming: true });
    expect(fake.setOptions.map((c) => c.opts)).toEqual([
      { notMerge: true, lazyUpdate: true },
      { replaceMerge: ['series'] },
      { replaceMerge: ['series'] },
    ]);
  });

  it('does not draw a new streaming chart twice: the resize observer first reports the size it was drawn at', () => {
    const node = element(600, 280);
    chart(node, { option: line([1]), streaming: true });
    fake.observed[0]!();
    expect(fake.resizes).toBe(0);
    (node as { clientWidth: number }).clientWidth = 320;
    fake.observed[0]!();
    expect(fake.resizes).toBe(1);
    fake.observed[0]!();
    expect(fake.resizes).toBe(1);
  });

  it('resizes any other chart whenever the observer calls', () => {
    const node = element(600, 280);
    chart(node, line([1]));
    fake.observed[0]!();
    fake.observed[0]!();
    expect(fake.resizes).toBe(2);
  });
});
