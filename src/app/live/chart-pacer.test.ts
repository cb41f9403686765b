import { describe, expect, it } from 'vitest';
import { createChartPacer } from './chart-pacer.ts';

function harness() {
  const applied: Array<[string, string]> = [];
  const built: string[] = [];
  const tasks: Array<() => void> = [];
  const pacer = createChartPacer<string, string>(
    (key, value) => applied.push([key, value]),
    (run) => tasks.push(run),
  );
  const offer = (key: string, signature: string) =>
    pacer.offer(key, signature, () => {
      built.push(`${key}=${signature}`);
      return signature;
    });
  /** Runs the scheduled tasks one by one; returns how many charts each drew. */
  const runAll = () => {
    const perTask: number[] = [];
    while (tasks.length) {
      const before = applied.length;
      tasks.shift()!();
      perTask.push(applied.length - before);
    }
    return perTask;
  };
  return { pacer, offer, applied, built, runAll };
}

describe('chart pacer', () => {
  it('draws one chart per task, and only the newest content of each', () => {
    const h = harness();
    h.offer('timeline', 't1');
    h.offer('funnel', 'f1');
    h.offer('timeline', 't2');
    h.offer('gmv', 'g1');
    expect(h.runAll()).toEqual([1, 1, 1]);
    // t1 was replaced before it was built, and the timeline went to the back of the queue.
    expect(h.applied).toEqual([
      ['funnel', 'f1'],
      ['timeline', 't2'],
      ['gmv', 'g1'],
    ]);
    expect(h.built).toEqual(['funnel=f1', 'timeline=t2', 'gmv=g1']);
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
