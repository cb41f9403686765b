import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver } from '../engine/sql-driver.ts';
import { createTaskQueue } from '../engine/task-queue.ts';
import { createStreamController } from './controller.ts';
import { OUTPUTS, oracleRows, sinkRows } from './oracle.ts';
import { DAY, DEFAULT_SETTINGS } from './settings.ts';
import type { StreamSnapshot } from './snapshot.ts';
import { buildWasmDemo } from './testing.ts';

let driver: SqlDriver;
beforeAll(async () => {
  driver = await buildWasmDemo({ seed: 2, orders: 300, scenario: 'normal_day' });
}, 300_000);
afterAll(() => driver?.close());

const settings = { ...DEFAULT_SETTINGS, triggerMs: 7 * DAY, lateShare: 0.05, dupShare: 0.05 };

describe('replay controller', () => {
  it('starts paused, steps one micro-batch at a time, seeks, runs to the end, and matches the oracle', async () => {
    const serial = createTaskQueue();
    const controller = createStreamController({
      driver: async () => driver,
      serial,
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    const seen: StreamSnapshot[] = [];
    const until = async (test: (s: StreamSnapshot) => boolean) => {
      for (let i = 0; i < 6000 && !test(controller.status()); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      return controller.status();
    };

    let s = await controller.start(settings, { speed: 1, paused: true }, (x) => seen.push(x));
    expect(s.state).toBe('paused');
    expect(s.progress.commits).toBe(0);
    s = await controller.step();
    expect(s.progress.commits).toBe(1);
    s = await controller.step();
    expect(s.progress.commits).toBe(2);
    expect(s.watermarkMs).not.toBeNull();

    const middle = s.startMs! + Math.floor((s.endMs! - s.startMs!) / 2);
    await controller.seek(middle);
    s = await until((x) => x.state === 'paused');
    expect(s.clockMs!).toBeGreaterThanOrEqual(middle);
    expect(s.clockMs! - middle).toBeLessThan(settings.triggerMs);
    const atMiddle = s.progress.commits;
    // Timings start again after a seek: the fast-forward is not what the page runs at.
    expect(s.batchMs).toBeNull();
    expect((await controller.step()).batchMs?.n).toBe(1);

    // Seeking back replays from the start to the same point: the same number of commits.
    await controller.seek(s.startMs! + settings.triggerMs);
    s = await until((x) => x.state === 'paused');
    expect(s.progress.commits).toBeLessThan(atMiddle);
    await controller.seek(middle);
    s = await until((x) => x.state === 'paused');
    expect(s.progress.commits).toBe(atMiddle);
    expect(s.batchMs).toBeNull();

    controller.setSpeed('max');
    controller.resume();
    s = await until((x) => x.state === 'done');
    expect(s.progress.done).toBe(true);
    expect(s.progress.events).toBe(s.logEvents);
    expect(seen.length).toBeGreaterThan(3);
    for (const output of OUTPUTS) {
      const stream = JSON.stringify(await sinkRows(driver, output), round);
      expect(stream, output).toBe(
        JSON.stringify(await oracleRows(driver, output, settings), round),
      );
    }
    // The page's running sums equal the sink's.
    const [drop] = await driver.rows('SELECT sum(orders)::BIGINT AS n FROM stream.dropoff');
    expect(s.dropoff.reduce((n, r) => n + r.orders, 0)).toBe(Number(drop!.n));
  }, 300_000);
});

describe('replay controller at a finite speed', () => {
  it('reaches the end: the end-of-log flush is due when the clock passes the last batch', async () => {
    // A wall clock running 1,000 times fast: 1,000,000× replays a week of weekly batches every ~0.6 ms.
    const controller = createStreamController({
      driver: async () => driver,
      serial: createTaskQueue(),
      now: () => performance.now() * 1000,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    });
    let s = await controller.start(settings, { speed: 1_000_000, fresh: true });
    for (let i = 0; i < 3000 && s.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 10));
      s = controller.status();
    }
    expect(s.state).toBe('done');
    expect(s.progress.done).toBe(true);
    expect(s.progress.events).toBe(s.logEvents);
  }, 300_000);
});

function round(_key: string, v: unknown) {
  return typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(9)) : v;
}
