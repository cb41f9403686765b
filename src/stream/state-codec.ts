import { IdSet, newWindow, type OperatorState, type WindowAgg } from './operators.ts';

/** Sorted ids as runs [first, count]: dedupe ids are dense and near-contiguous (eid follows event time). */
export function toRuns(ids: readonly number[]): Array<[number, number]> {
  const sorted = [...ids].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const id of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === id) last[1]++;
    else runs.push([id, 1]);
  }
  return runs;
}

export function fromRuns(runs: ReadonlyArray<readonly [number, number]>): number[] {
  const ids: number[] = [];
  for (const [first, count] of runs) for (let i = 0; i < count; i++) ids.push(first + i);
  return ids;
}

interface WindowJson {
  s: number;
  o: number;
  i: number[];
  p: number[];
  g: number;
  n: number;
  st: Array<[number, number]>;
  y: Array<[number, [number, number, number]]>;
}

interface StateJson {
  w: number | null;
  m: number | null;
  win: WindowJson[];
  d: Array<[number, Array<[number, number]>]>;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The whole operator state as text (exact: JSON keeps every double). */
export function encodeState(state: OperatorState): string {
  const json: StateJson = {
    w: finite(state.watermark),
    m: finite(state.maxEventMs),
    win: [...state.windows.values()].map(encodeWindow),
    d: [...state.expiries].map(([end, ids]) => [end, toRuns(ids)]),
  };
  return JSON.stringify(json);
}

export function decodeState(text: string): OperatorState {
  const json = JSON.parse(text) as StateJson;
  const expiries = new Map<number, number[]>();
  const seen = new IdSet();
  for (const [end, runs] of json.d) {
    const ids = fromRuns(runs);
    expiries.set(end, ids);
    for (const id of ids) seen.add(id);
  }
  return {
    watermark: json.w ?? -Infinity,
    maxEventMs: json.m ?? -Infinity,
    windows: new Map(json.win.map((w) => [w.s, decodeWindow(w)])),
    expiries,
    seen,
  };
}

function encodeWindow(w: WindowAgg): WindowJson {
  return {
    s: w.start,
    o: w.orders,
    i: [...w.itemKeys],
    p: [...w.payKeys],
    g: w.gmv,
    n: w.items,
    st: [...w.status],
    y: [...w.pay],
  };
}

function decodeWindow(j: WindowJson): WindowAgg {
  const w = newWindow(j.s);
  w.orders = j.o;
  w.itemKeys = new Set(j.i);
  w.payKeys = new Set(j.p);
  w.gmv = j.g;
  w.items = j.n;
  w.status = new Map(j.st);
  w.pay = new Map(j.y);
  return w;
}
