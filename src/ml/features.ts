import type { ModelCard } from './card.ts';

/** seed 000's POST /predict/sales body. */
export interface SalesInput {
  price: number;
  discount_percentage: number;
  rating: number;
  num_reviews: number;
  category: string;
}

export type InputErrors = Partial<Record<keyof SalesInput, string>>;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Per-field messages for an invalid input; an empty object when the input can be scored. */
export function validateInput(input: Partial<Record<keyof SalesInput, unknown>>): InputErrors {
  const errors: InputErrors = {};
  const { price, discount_percentage: discount, rating, num_reviews: reviews, category } = input;
  if (!finite(price) || price <= 0) errors.price = 'Price must be a number above 0.';
  if (!finite(discount) || discount < 0 || discount >= 100)
    errors.discount_percentage = 'Discount must be a percentage from 0 to less than 100.';
  if (!finite(rating) || rating < 1 || rating > 5)
    errors.rating = 'Rating must be between 1 and 5.';
  if (!finite(reviews) || reviews < 0 || !Number.isInteger(reviews))
    errors.num_reviews = 'Number of reviews must be a whole number, 0 or more.';
  if (typeof category !== 'string' || category.trim() === '')
    errors.category = 'Choose a category.';
  return errors;
}

/** True when the category is outside the card's vocabulary (its one-hot columns are all zero). */
export const isUnknownCategory = (card: ModelCard, category: string): boolean =>
  !card.category_vocabulary.includes(category);

function writeRow(
  out: Float64Array | Float32Array,
  offset: number,
  input: SalesInput,
  index: Map<string, number>,
): void {
  out[offset] = input.price;
  out[offset + 1] = input.discount_percentage;
  out[offset + 2] = input.rating;
  out[offset + 3] = input.num_reviews;
  const k = index.get(input.category);
  if (k !== undefined) out[offset + 4 + k] = 1;
}

const indexCache = new WeakMap<ModelCard, Map<string, number>>();
function vocabularyIndex(card: ModelCard): Map<string, number> {
  let index = indexCache.get(card);
  if (!index) {
    index = new Map(card.category_vocabulary.map((c, i) => [c, i]));
    indexCache.set(card, index);
  }
  return index;
}

/** The feature count of a card: the four numbers and one column per known category. */
export const featureCount = (card: ModelCard): number => card.feature_names.length;

/**
 * The model's input row in the card's feature order: price, discount_percentage, rating,
 * num_reviews, then the category one-hot by the card's vocabulary (an unknown category: all zeros).
 * Throws with the field messages of validateInput when the input is invalid.
 */
export function featureVector(
  input: SalesInput,
  card: ModelCard,
  dtype = card.input.dtype,
): Float64Array | Float32Array {
  const errors = validateInput(input);
  const messages = Object.values(errors);
  if (messages.length) throw new RangeError(messages.join(' '));
  const out =
    dtype === 'float32'
      ? new Float32Array(featureCount(card))
      : new Float64Array(featureCount(card));
  writeRow(out, 0, input, vocabularyIndex(card));
  return out;
}

/**
 * Many rows as one row-major matrix for batch scoring. Rows that cannot be scored (missing rating,
 * non-positive price…) are left out and their positions returned in `skipped`.
 */
export function featureMatrix(
  rows: readonly SalesInput[],
  card: ModelCard,
): { matrix: Float64Array; kept: number[]; skipped: number[] } {
  const width = featureCount(card);
  const index = vocabularyIndex(card);
  const kept: number[] = [];
  const skipped: number[] = [];
  rows.forEach((row, i) => (Object.keys(validateInput(row)).length ? skipped : kept).push(i));
  const matrix = new Float64Array(kept.length * width);
  kept.forEach((i, r) => writeRow(matrix, r * width, rows[i] as SalesInput, index));
  return { matrix, kept, skipped };
}

/** log1p(units) back to units, as the card's `inverse` says. */
export const toUnits = (log1pUnits: number): number => Math.expm1(Math.max(log1pUnits, 0));
