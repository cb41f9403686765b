import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNativeDriver } from '../engine/duck/native.ts';
import card from '../../models/model_card.json';
import { rowsFingerprint, type FingerprintRow } from './fingerprint.ts';

const parquet = path.resolve(import.meta.dirname, '../../models/data/product_features.parquet');

describe('data fingerprint', () => {
  it('the committed training data hashes, in TypeScript, to the card fingerprint Python wrote', async () => {
    const driver = await openNativeDriver();
    try {
      const rows = await driver.rows(
        `SELECT product_id, price, discount_percentage, rating, num_reviews, category, units_sold
         FROM read_parquet('${parquet.replaceAll("'", "''")}')`,
      );
      expect(await rowsFingerprint(rows as unknown as FingerprintRow[])).toBe(
        card.data.fingerprint,
      );
    } finally {
      await driver.close();
    }
  });

  it('order does not matter; one changed value does', async () => {
    const a = {
      product_id: 'a',
      price: 10.5,
      discount_percentage: 0,
      rating: 4,
      num_reviews: 3,
      category: 'x',
      units_sold: 2,
    };
    const b = { ...a, product_id: 'b', rating: null };
    expect(await rowsFingerprint([a, b])).toBe(await rowsFingerprint([b, a]));
    expect(await rowsFingerprint([a, b])).not.toBe(
      await rowsFingerprint([a, { ...b, units_sold: 3 }]),
    );
  });
});
