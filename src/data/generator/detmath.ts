// Math.log/exp/pow/cos are implementation-defined (last-ulp differences between JS engines), which
// would break byte-identical output across browsers. These use only + - * / and exact bit access.

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;

const view = new DataView(new ArrayBuffer(8));

function frexp(x: number): [number, number] {
  view.setFloat64(0, x);
  let hi = view.getUint32(0);
  let exponent = (hi >>> 20) & 0x7ff;
  let bias = 1023;
  if (exponent === 0) {
    view.setFloat64(0, x * 18014398509481984); // 2^54, lifts subnormals into the normal range
    hi = view.getUint32(0);
    exponent = (hi >>> 20) & 0x7ff;
    bias = 1023 + 54;
  }
  view.setUint32(0, (hi & 0x800fffff) | (1023 << 20));
  return [view.getFloat64(0), exponent - bias];
}

function pow2(k: number): number {
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** Natural logarithm, deterministic across engines (relative error below 1e-15). */
export function dlog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let [m, e] = frexp(x);
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  const f = (m - 1) / (m + 1);
  const s = f * f;
  let series = 0;
  for (let k = 23; k >= 3; k -= 2) series = (series + 1 / k) * s;
  const logM = 2 * f * (1 + series);
  return e * LN2_HI + (logM + e * LN2_LO);
}

/** e^x, deterministic across engines (relative error below 1e-15). */
export function dexp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.78) return Infinity;
  if (x < -745.2) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  let sum = 1;
  for (let n = 17; n >= 1; n--) sum = 1 + (sum * r) / n;
  if (k > 1023) return sum * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return sum * pow2(-1022) * pow2(k + 1022);
  return sum * pow2(k);
}

export function dlog1p(x: number): number {
  const u = 1 + x;
  return u === 1 ? x : (dlog(u) * x) / (u - 1);
}

/** a^b for a > 0. */
export function dpow(a: number, b: number): number {
  return dexp(b * dlog(a));
}
