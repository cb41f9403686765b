import { dexp, dlog } from './detmath.ts';

/** 32-bit finaliser ("lowbias32", Chris Wellons' hash prospector). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** Hash of (seed, stream, index, lane): a pure function used for entities derived by index. */
export function hashU32(seed: number, stream: number, index: number, lane = 0): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let h = mix32(lo ^ 0x9e3779b9);
  h = mix32(h ^ hi ^ 0x85ebca6b);
  h = mix32(h ^ stream);
  h = mix32(h ^ (index >>> 0));
  h = mix32(h ^ Math.floor(index / 4294967296) ^ 0xc2b2ae35);
  return mix32(h ^ Math.imul(lane + 1, 0x27d4eb2f));
}

export function hashFloat(seed: number, stream: number, index: number, lane = 0): number {
  return hashU32(seed, stream, index, lane) / 4294967296;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded from (seed, stream name). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;
  private poissonMean = -1;
  private poissonLimit = 1;

  constructor(seed: number, stream: string) {
    const s = hashString(stream);
    this.a = hashU32(seed, s, 0);
    this.b = hashU32(seed, s, 1);
    this.c = hashU32(seed, s, 2);
    this.d = hashU32(seed, s, 3);
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal (Marsaglia polar method: no trigonometry, so deterministic everywhere). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * dlog(s)) / s);
        this.spare = v * m;
        return u * m;
      }
    }
  }

  /** Poisson variate (Knuth's product method; means here are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    if (mean !== this.poissonMean) {
      this.poissonMean = mean;
      this.poissonLimit = dexp(-mean);
    }
    const limit = this.poissonLimit;
    let k = 0;
    let p = this.float();
    while (p > limit) {
      k++;
      p *= this.float();
    }
    return k;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
