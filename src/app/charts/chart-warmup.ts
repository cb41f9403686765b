import { echarts, type ChartOption } from './echarts.ts';
import { nextFrame } from './next-frame.ts';

/** A bare grid, an empty series, a series with points, legend and tooltip: ECharts' common code. */
const STEPS: ChartOption[] = [
  {
    animation: false,
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'value' },
  },
  { series: [{ id: 'warm', type: 'line', showSymbol: false, data: [] }] },
  {
    series: [
      {
        id: 'warm',
        type: 'line',
        showSymbol: false,
        data: [
          [0, 1],
          [1, 2],
        ],
      },
    ],
  },
  { legend: { top: 0 }, tooltip: { trigger: 'axis' } },
];

export interface WarmupOptions {
  /** Runs `run` in a later task (by default: after the next frame). */
  schedule?: (run: () => void) => void;
  /** The theme the page's charts use (the code is the same for both). */
  theme?: string;
}

let warming: Promise<void> | null = null;

/**
 * The first chart a page draws runs most of ECharts for the first time: V8 compiles and profiles
 * that code as it goes, and the draw took 64–109 ms on the 2-core bench machine, where later draws
 * of the same charts take 5–20 ms. On the Live page that first draw came in the middle of a
 * replay as a long main-thread task. Warming draws small charts on a hidden node beforehand, a
 * step a task, each update lazy so that setting an option and drawing it are two tasks (1–15 ms
 * each there): the common steps above, then each of `options`.
 *
 * Runs once per page load (later calls return the same promise); `options` are the page's own
 * charts with sample data, so that their series and axis types are warm too.
 */
export function warmCharts(
  options: readonly ChartOption[],
  { schedule = nextFrame, theme = 'lakehouse-light' }: WarmupOptions = {},
): Promise<void> {
  warming ??= new Promise<void>((resolve) => {
    const node = document.createElement('div');
    node.setAttribute('aria-hidden', 'true');
    // Off screen but laid out: ECharts sizes its canvas from the node.
    node.style.cssText =
      'position:fixed;left:-10000px;top:0;width:320px;height:200px;pointer-events:none';
    document.body.append(node);
    let instance: ReturnType<typeof echarts.init> | null = null;
    const steps: Array<() => void> = [
      () => (instance = echarts.init(node, theme, { renderer: 'canvas' })),
      ...STEPS.map((option) => () => instance?.setOption(option, { lazyUpdate: true })),
      ...options.map(
        (option) => () =>
          instance?.setOption(
            { backgroundColor: 'transparent', ...option },
            { notMerge: true, lazyUpdate: true },
          ),
      ),
    ];
    const finish = () => {
      instance?.dispose();
      node.remove();
      resolve();
    };
    const next = (i: number) => {
      if (i === steps.length) return finish();
      try {
        steps[i]!();
      } catch {
        // Warming is only ever an optimisation: a chart that fails here fails visibly on its page.
        return finish();
      }
      schedule(() => next(i + 1));
    };
    schedule(() => next(0));
  });
  return warming;
}

/** Forgets the warm-up (tests). */
export function resetWarmup() {
  warming = null;
}
