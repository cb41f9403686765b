import { describe, expect, it } from 'vitest';
import { createChartPacer } from './chart-pacer.ts';

/** A pacer on a fake clock: every draw takes `drawMs`; tasks run only when the test says so. */
function harness({ drawMs = 0, rest = 2 } = {}) {
  let clock = 0;
  const applied: Array<[string, string]> = [];
  const built: string[] = [];
  const tasks: Array<{ run: () => void; afterMs: number }> = [];
  const pacer = createChartPacer<string, string>(
    (key, value) => {
      applied.push([key, value]);
      clock += drawMs;
    },
    { schedule: (run, afterMs) => tasks.push({ run, afterMs }), now: () => clock, rest },
  );
  const offer = (key: string, signature: string) =>
    pacer.offer(key, signature, () => {
      built.push(`${key}=${signature}`);
      return signature;
    });
  /** Runs the next scheduled task (after its delay on the fake clock); returns how many charts it drew. */
  const runOne = () => {
    const task = tasks.shift()!;
    clock += task.afterMs;
    const before = applied.length;
    task.run();
    return applied.length - before;
  };
  /** Runs the scheduled tasks one by one; returns how many charts each drew. */
  const runAll = () => {
    const perTask: number[] = [];
    while (tasks.length) perTask.push(runOne());
    return perTask;
  };
  return {
    pacer,
    offer,
    applied,
    built,
    tasks,
    runOne,
    runAll,
    wait: (ms: number) => (clock += ms),
  };
}

describe('chart pacer', () => {
  it('draws one chart per task, and only the newest content of each', () => {
    const h = harness();
    h.offer('timeline', 't1');
    h.offer('funnel', 'f1');
    h.offer('timeline', 't2');
    h.offer('gmv', 'g1');
    expect(h.runAll()).toEqual([1, 1, 1]);
    // t1 was replaced before it was built.
    expect(h.applied).toEqual([
      ['timeline', 't2'],
      ['funnel', 'f1'],
      ['gmv', 'g1'],
    ]);
    expect(h.built).toEqual(['timeline=t2', 'funnel=f1', 'gmv=g1']);
  });

  it('skips charts whose content did not change, and drops a queued update that would go back to it', () => {
    const h = harness();
    h.offer('dropoff', 'd1');
    h.runAll();
    h.offer('dropoff', 'd1');
    expect(h.runAll()).toEqual([]);
    h.offer('dropoff', 'd2');
    h.offer('dropoff', 'd1');
    expect(h.runAll()).toEqual([0]);
    expect(h.applied).toEqual([['dropoff', 'd1']]);
  });

  it('does not starve charts when every chart changes with every snapshot and only one draw fits between snapshots', () => {
    const h = harness({ drawMs: 1 });
    const charts = ['timeline', 'funnel', 'gmv', 'dropoff', 'payments'];
    for (let snapshot = 1; snapshot <= 10; snapshot++) {
      for (const chart of charts) h.offer(chart, `${chart}${snapshot}`);
      h.runOne();
    }
    const drawn = charts.map((c) => h.applied.filter(([key]) => key === c).length);
    expect(drawn).toEqual([2, 2, 2, 2, 2]);
    expect(h.applied.slice(0, 5).map(([key]) => key)).toEqual(charts);
  });

  it('rests after a draw for `rest` times as long as the draw took', () => {
    const h = harness({ drawMs: 10, rest: 2 });
    h.offer('timeline', 't1');
    h.offer('funnel', 'f1');
    expect(h.tasks.map((t) => t.afterMs)).toEqual([0]);
    h.runOne();
    // The funnel waits 2 × 10 ms after the timeline's draw.
    expect(h.tasks.map((t) => t.afterMs)).toEqual([20]);
    h.runOne();
    // An offer once the rest is over is drawn in the next task; one during the rest waits for its end.
    h.wait(25);
    h.offer('gmv', 'g1');
    expect(h.tasks.map((t) => t.afterMs)).toEqual([0]);
    h.runOne();
    h.wait(5);
    h.offer('gmv', 'g2');
    expect(h.tasks.map((t) => t.afterMs)).toEqual([15]);
  });

  it('does not rest when rest is 0', () => {
    const h = harness({ drawMs: 30, rest: 0 });
    h.offer('timeline', 't1');
    h.offer('funnel', 'f1');
    h.runOne();
    expect(h.tasks.map((t) => t.afterMs)).toEqual([0]);
  });

  it('keeps draining after a draw that throws', () => {
    const tasks: Array<() => void> = [];
    const applied: string[] = [];
    const pacer = createChartPacer<string, string>(
      (key) => {
        if (key === 'bad') throw new Error('bad option');
        applied.push(key);
      },
      { schedule: (run) => tasks.push(run) },
    );
    pacer.offer('bad', 'b1', () => 'b1');
    pacer.offer('gmv', 'g1', () => 'g1');
    expect(() => tasks.shift()!()).toThrow('bad option');
    while (tasks.length) tasks.shift()!();
    expect(applied).toEqual(['gmv']);
  });

  it('redraws everything after clear()', () => {
    const h = harness();
    h.offer('gmv', 'g1');
    h.runAll();
    h.pacer.clear();
    h.offer('gmv', 'g1');
    h.runAll();
    expect(h.applied).toEqual([
      ['gmv', 'g1'],
      ['gmv', 'g1'],
    ]);
  });
});
