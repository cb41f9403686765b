/** One feature row as it enters the data fingerprint (models/sales_model.py rows_fingerprint). */
export interface FingerprintRow {
  product_id: string;
  price: number | null;
  discount_percentage: number | null;
  rating: number | null;
  num_reviews: number | null;
  category: string;
  units_sold: number | null;
}

const cell = (v: number | string | null): string => (v === null ? '' : String(v));

/**
 * SHA-256 (hex) of the rows sorted by product_id, one tab-separated line each, numbers as String()
 * prints them. Python writes the same text for the training data, so equal hashes mean equal data.
 */
export async function rowsFingerprint(rows: readonly FingerprintRow[]): Promise<string> {
  const sorted = [...rows].sort((a, b) =>
    a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0,
  );
  const text = sorted
    .map(
      (r) =>
        [
          r.product_id,
          r.price,
          r.discount_percentage,
          r.rating,
          r.num_reviews,
          r.category,
          r.units_sold,
        ]
          .map(cell)
          .join('\t') + '\n',
    )
    .join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
