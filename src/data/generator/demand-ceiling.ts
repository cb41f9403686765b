import { MEAN_QUANTITY, QUANTITY_TABLE } from './basket.ts';
import type { Product } from './catalog.ts';
import { DEMAND_COEFFICIENTS, demandIndex } from './demand.ts';
import { dexp, dlog, dlog1p } from './detmath.ts';

/** Best R² a model can reach on units sold per product (see DATASET.md for the definitions). */
export interface DemandCeiling {
  /** Predictor E[units | features]: the documented function, its noise integrated out. */
  readonly r2Raw: number;
  /** Predictor E[log1p(units) | features], the best predictor of log1p(units). */
  readonly r2Log1p: number;
  /** Predictors that also know each product's noise ε_p: only sampling noise is left. */
  readonly r2RawOracle: number;
  readonly r2Log1pOracle: number;
  readonly totalUnits: number;
}

export function rSquared(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < actual.length; i++) mean += actual[i] as number;
  mean /= actual.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i] as number;
    ssRes += (y - (predicted[i] as number)) ** 2;
    ssTot += (y - mean) ** 2;
  }
  return ssTot === 0 ? 0 : 1 - ssRes / ssTot;
}

const MEAN_SQUARE_QUANTITY = QUANTITY_TABLE.reduce((s, p, i) => s + p * (i + 1) ** 2, 0);
/** Above this mean the delta method replaces the exact distribution (error below 1e-4). */
const EXACT_LIMIT = 60;
/** Standard-normal quadrature: 25 points on [-4.8, 4.8] with normalised density weights. */
const NODES = Array.from({ length: 25 }, (_, k) => -4.8 + k * 0.4);
const NODE_WEIGHTS = (() => {
  const w = NODES.map((z) => dexp((-z * z) / 2));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
})();

/** E[log1p(N)] by Panjer's recursion for a compound Poisson N with the basket's quantity table. */
function exactLog1pUnits(mean: number): number {
  const picks = mean / MEAN_QUANTITY;
  const max = Math.ceil(mean + 10 * Math.sqrt(mean * 1.5) + 10);
  const p = new Float64Array(max + 1);
  p[0] = dexp(-picks);
  let total = 0;
  for (let n = 1; n <= max; n++) {
    let s = 0;
    for (let j = 1; j <= Math.min(n, QUANTITY_TABLE.length); j++) {
      s += j * (QUANTITY_TABLE[j - 1] as number) * (p[n - j] as number);
    }
    p[n] = (picks / n) * s;
    total += (p[n] as number) * dlog1p(n);
  }
  return total;
}

/** exactLog1pUnits tabulated on ln(mean) ∈ [ln 1e-4, ln 60], interpolated linearly. */
const GRID_LOW = dlog(1e-4);
const GRID_STEP = (dlog(EXACT_LIMIT) - GRID_LOW) / 3000;
let grid: Float64Array | null = null;

/**
 * E[log1p(N)] for N = units sold of a product with mean `mean`: picks are Poisson(mean / E[q]),
 * each buying q units with the basket's quantity table; for large means a second-order delta method.
 */
export function expectedLog1pUnits(mean: number): number {
  if (mean > EXACT_LIMIT) {
    const variance = (mean * MEAN_SQUARE_QUANTITY) / MEAN_QUANTITY;
    return dlog1p(mean) - variance / (2 * (1 + mean) * (1 + mean));
  }
  if (mean <= 1e-4) return (mean * dlog1p(1)) / MEAN_QUANTITY;
  grid ??= Float64Array.from({ length: 3001 }, (_, k) =>
    exactLog1pUnits(dexp(GRID_LOW + k * GRID_STEP)),
  );
  const x = (dlog(mean) - GRID_LOW) / GRID_STEP;
  const k = Math.min(2999, Math.floor(x));
  const f = x - k;
  return (grid[k] as number) * (1 - f) + (grid[k + 1] as number) * f;
}

/**
 * Compares the units sold per product with the best predictions the generator's own model allows.
 * The realised Σw sets the common scale: one constant, which any model can learn as an intercept.
 */
export function demandCeiling(products: readonly Product[], units: Int32Array): DemandCeiling {
  const sigma = DEMAND_COEFFICIENTS.noiseSigma;
  let totalUnits = 0;
  for (const u of units) totalUnits += u;
  const weightSum = products.reduce((s, p) => s + p.weight, 0);
  const n = products.length;
  const raw = new Float64Array(n);
  const log = new Float64Array(n);
  const rawOracle = new Float64Array(n);
  const logOracle = new Float64Array(n);
  const logUnits = new Float64Array(n);
  products.forEach((p, i) => {
    const scale =
      (totalUnits *
        dexp(
          demandIndex({
            price: p.priceCents / 100,
            discountPercentage: p.discount,
            rating: p.rating,
            numReviews: p.numReviews,
            category: p.category.name,
          }),
        )) /
      weightSum;
    raw[i] = scale * dexp((sigma * sigma) / 2);
    let expectation = 0;
    NODES.forEach((z, k) => {
      expectation += (NODE_WEIGHTS[k] as number) * expectedLog1pUnits(scale * dexp(sigma * z));
    });
    log[i] = expectation;
    rawOracle[i] = (totalUnits * p.weight) / weightSum;
    logOracle[i] = expectedLog1pUnits(rawOracle[i] as number);
    logUnits[i] = dlog1p(units[i] as number);
  });
  return {
    r2Raw: rSquared(units, raw),
    r2Log1p: rSquared(logUnits, log),
    r2RawOracle: rSquared(units, rawOracle),
    r2Log1pOracle: rSquared(logUnits, logOracle),
    totalUnits,
  };
}
