import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What happened, in order: one entry per call, with the task it ran in. */
const fake = vi.hoisted(() => ({
  log: [] as string[],
  task: 0,
  options: [] as Array<{ option: Record<string, unknown>; opts: unknown }>,
}));

vi.mock('./echarts.ts', () => ({
  echarts: {
    init: (_node: unknown, theme: string) => {
      fake.log.push(`task ${fake.task}: init ${theme}`);
      return {
        setOption: (option: Record<string, unknown>, opts: unknown) => {
          fake.log.push(`task ${fake.task}: setOption`);
          fake.options.push({ option, opts });
        },
        dispose: () => fake.log.push(`task ${fake.task}: dispose`),
      };
    },
  },
}));

const { resetWarmup, warmCharts } = await import('./chart-warmup.ts');

/** A scheduler that queues tasks; `runAll` runs them one by one, counting tasks. */
function tasks() {
  const queue: Array<() => void> = [];
  return {
    schedule: (run: () => void) => void queue.push(run),
    runAll() {
      while (queue.length > 0) {
        fake.task++;
        queue.shift()!();
      }
    },
  };
}

const body = { nodes: [] as unknown[], append: (n: unknown) => body.nodes.push(n) };

beforeEach(() => {
  fake.log.length = 0;
  fake.options.length = 0;
  fake.task = 0;
  body.nodes.length = 0;
  resetWarmup();
  vi.stubGlobal('document', {
    body,
    createElement: () => {
      const node = {
        style: {} as Record<string, string>,
        attributes: {} as Record<string, string>,
        setAttribute: (k: string, v: string) => (node.attributes[k] = v),
        remove: () => body.nodes.splice(body.nodes.indexOf(node), 1),
      };
      return node;
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('chart warm-up', () => {
  it('draws each step in a task of its own, lazily, then disposes of its hidden chart', async () => {
    const t = tasks();
    const done = warmCharts([{ series: [{ type: 'bar', data: [1] }] }], {
      schedule: t.schedule,
      theme: 'lakehouse-dark',
    });
    // Nothing runs in the caller's task: the page mounts first.
    expect(fake.log).toEqual([]);
    expect(body.nodes).toHaveLength(1);
    t.runAll();
    await done;
    // init, 4 common steps, the page's one chart, dispose: 7 tasks, one call each.
    expect(fake.log).toEqual([
      'task 1: init lakehouse-dark',
      'task 2: setOption',
      'task 3: setOption',
      'task 4: setOption',
      'task 5: setOption',
      'task 6: setOption',
      'task 7: dispose',
    ]);
    // Every update is lazy (set in one task, drawn in the next frame); the page's chart replaces
    // what the common steps drew.
    expect(fake.options.every((o) => (o.opts as { lazyUpdate?: boolean }).lazyUpdate)).toBe(true);
    expect(fake.options[4]).toEqual({
      option: { backgroundColor: 'transparent', series: [{ type: 'bar', data: [1] }] },
      opts: { notMerge: true, lazyUpdate: true },
    });
    expect(body.nodes).toHaveLength(0);
  });

  it('warms once per page load', async () => {
    const t = tasks();
    const first = warmCharts([], { schedule: t.schedule });
    const second = warmCharts([{ series: [] }], { schedule: t.schedule });
    expect(second).toBe(first);
    t.runAll();
    await first;
    expect(fake.options).toHaveLength(4);
  });

  it('stops at a step that throws and still removes its node', async () => {
    const t = tasks();
    const done = warmCharts(
      [
        {
          get series(): never {
            throw new Error('bad option');
          },
        },
        { series: [] },
      ],
      { schedule: t.schedule },
    );
    t.runAll();
    await done;
    expect(fake.options).toHaveLength(4);
    expect(fake.log.at(-1)).toMatch(/dispose$/);
    expect(body.nodes).toHaveLength(0);
  });
});
