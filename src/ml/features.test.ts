import { describe, expect, it } from 'vitest';
import card from '../../models/model_card.json';
import type { ModelCard } from './card.ts';
import { checkCard } from './card.ts';
import {
  featureMatrix,
  featureVector,
  isUnknownCategory,
  toUnits,
  validateInput,
} from './features.ts';
import { listPriceOf, sweepInputs, sweepResult } from './sweep.ts';

const small = checkCard({
  ...(card as unknown as ModelCard),
  input: { name: 'X', dtype: 'float64' },
  category_vocabulary: ['audio', 'baby', 'toys'],
  feature_names: [
    'price',
    'discount_percentage',
    'rating',
    'num_reviews',
    'category=audio',
    'category=baby',
    'category=toys',
  ],
});
const base = { price: 90, discount_percentage: 10, rating: 4.5, num_reviews: 12, category: 'baby' };

describe('featureVector', () => {
  it.each([
    ['known category', base, [90, 10, 4.5, 12, 0, 1, 0]],
    ['first category', { ...base, category: 'audio' }, [90, 10, 4.5, 12, 1, 0, 0]],
    ['unknown category: all zeros', { ...base, category: 'garden' }, [90, 10, 4.5, 12, 0, 0, 0]],
    [
      'zero reviews, no discount',
      { ...base, discount_percentage: 0, num_reviews: 0 },
      [90, 0, 4.5, 0, 0, 1, 0],
    ],
  ])('%s', (_, input, expected) => {
    expect([...featureVector(input, small)]).toEqual(expected);
  });

  it('follows the card: float64 by default, float32 on request', () => {
    expect(featureVector(base, small)).toBeInstanceOf(Float64Array);
    expect(featureVector(base, small, 'float32')).toBeInstanceOf(Float32Array);
  });

  it('the shipped card: 4 numbers then one column per category', () => {
    const real = checkCard(card as unknown as ModelCard);
    const v = featureVector({ ...base, category: real.category_vocabulary[2] as string }, real);
    expect(v.length).toBe(4 + real.category_vocabulary.length);
    expect(v[4 + 2]).toBe(1);
    expect([...v].reduce((s, x) => s + x, 0)).toBe(90 + 10 + 4.5 + 12 + 1);
    expect(isUnknownCategory(real, 'garden')).toBe(true);
  });

  it('throws the validation messages', () => {
    expect(() => featureVector({ ...base, price: 0 }, small)).toThrow(
      'Price must be a number above 0.',
    );
  });
});

describe('validateInput', () => {
  it.each([
    [{ price: -1 }, 'price', 'Price must be a number above 0.'],
    [{ price: Number.NaN }, 'price', 'Price must be a number above 0.'],
    [
      { discount_percentage: 100 },
      'discount_percentage',
      'Discount must be a percentage from 0 to less than 100.',
    ],
    [
      { discount_percentage: -5 },
      'discount_percentage',
      'Discount must be a percentage from 0 to less than 100.',
    ],
    [{ rating: 0.5 }, 'rating', 'Rating must be between 1 and 5.'],
    [{ rating: null }, 'rating', 'Rating must be between 1 and 5.'],
    [{ num_reviews: 2.5 }, 'num_reviews', 'Number of reviews must be a whole number, 0 or more.'],
    [{ category: ' ' }, 'category', 'Choose a category.'],
  ])('%j → %s', (patch, field, message) => {
    expect(validateInput({ ...base, ...patch })).toEqual({ [field]: message });
  });
  it('a valid input has no errors', () => expect(validateInput(base)).toEqual({}));
});

describe('featureMatrix', () => {
  it('row-major rows in order, invalid rows set aside', () => {
    const { matrix, kept, skipped } = featureMatrix(
      [
        base,
        { ...base, rating: null as unknown as number },
        { ...base, category: 'toys', price: 5 },
      ],
      small,
    );
    expect(kept).toEqual([0, 2]);
    expect(skipped).toEqual([1]);
    expect([...matrix]).toEqual([90, 10, 4.5, 12, 0, 1, 0, 5, 10, 4.5, 12, 0, 0, 1]);
  });
});

describe('sweep', () => {
  it('the paid price is the list price less the discount', () => {
    expect(listPriceOf(base)).toBe(100);
    expect(
      sweepInputs(base, [0, 50], [100, 200]).map((i) => [i.price, i.discount_percentage]),
    ).toEqual([
      [100, 0],
      [50, 50],
      [200, 0],
      [100, 50],
    ]);
  });
  it('revenue = units × paid price; the best discount per list price', () => {
    const r = sweepResult([0, 20, 40], [100], [10, 14, 15]);
    expect(r.revenue).toEqual([[1000, 1120, 900]]);
    expect(r.best).toEqual([{ listPrice: 100, discount: 20, units: 14, revenue: 1120 }]);
  });
  it('toUnits clips negative log predictions at 0 units', () => {
    expect(toUnits(-0.3)).toBe(0);
    expect(toUnits(Math.log1p(4))).toBeCloseTo(4, 12);
  });
});
