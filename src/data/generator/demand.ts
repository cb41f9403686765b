import { categoryByName } from './categories.ts';
import { dexp, dlog, dlog1p } from './detmath.ts';

/** The product attributes the sales model sees (all written to demo_product_pricing.csv). */
export interface DemandFeatures {
  /** Selling price in BRL (list price after the regular discount). */
  readonly price: number;
  /** Regular discount, 0–50 (percent). */
  readonly discountPercentage: number;
  /** Product quality prior, 1.0–5.0. */
  readonly rating: number;
  /** Prior review count. */
  readonly numReviews: number;
  /** Portuguese category name, '' when missing. */
  readonly category: string;
}

/**
 * log w_p = b0 + b_price·ln(price) + b_disc·discount + b_rating·rating + b_rev·ln(1+num_reviews)
 *           + b_cat[category] + ε_p,   ε_p ~ N(0, sigma²).
 * Orders pick products with probability w_p / Σw.
 */
export const DEMAND_COEFFICIENTS = {
  intercept: 0,
  logPrice: -0.55,
  discount: 0.03,
  rating: 0.45,
  logReviews: 0.3,
  noiseSigma: 0.5,
} as const;

/** The deterministic part of log w_p (everything but the noise ε_p). */
export function demandIndex(f: DemandFeatures): number {
  const b = DEMAND_COEFFICIENTS;
  return (
    b.intercept +
    b.logPrice * dlog(f.price) +
    b.discount * f.discountPercentage +
    b.rating * f.rating +
    b.logReviews * dlog1p(f.numReviews) +
    (categoryByName(f.category)?.demandEffect ?? 0)
  );
}

/**
 * True expected units sold per product given only its observable features, when `totalUnits`
 * units are spread over the catalogue `products`: totalUnits · exp(η_p) / Σ_q exp(η_q).
 * (The noise factor E[exp ε] is common to all products and cancels.)
 */
export function expectedUnits(
  products: readonly DemandFeatures[],
  totalUnits: number,
): Float64Array {
  const out = new Float64Array(products.length);
  let sum = 0;
  products.forEach((p, i) => {
    const w = dexp(demandIndex(p));
    out[i] = w;
    sum += w;
  });
  for (let i = 0; i < out.length; i++) out[i] = ((out[i] as number) * totalUnits) / sum;
  return out;
}
