/** The model card written by models/train.py, as the browser reads it. */
export interface Metrics {
  r2: number;
  rmse: number;
  mae: number;
}
export interface CvMetric {
  mean: number;
  sd: number;
}

export interface ModelCard {
  name: string;
  file: string;
  model_sha256: string;
  model: string;
  selection: string;
  target: string;
  inverse: string;
  input: { name: string; dtype: 'float32' | 'float64' };
  output: string;
  numeric_features: string[];
  category_vocabulary: string[];
  feature_names: string[];
  training_ranges: Record<string, [number, number]>;
  metrics: {
    held_out: { log1p: Metrics; units: Metrics };
    cv: { r2: CvMetric; rmse: CvMetric; mae: CvMetric };
    split: {
      test_size: number;
      seed: number;
      folds: number;
      train_rows: number;
      test_rows: number;
    };
  };
  best_achievable: { r2_log1p: number; r2_units: number; source: string };
  candidates: Record<
    string,
    { cv: ModelCard['metrics']['cv']; test: ModelCard['metrics']['held_out'] }
  >;
  onnx: { precision: string; max_relative_difference: number; tolerance: number };
  data: {
    table: string;
    recipe: { seed: number; orders: number; scenario: string };
    rows: number;
    parquet_sha256: string;
    fingerprint: string;
    fingerprint_columns: string[];
  };
  versions: Record<string, string>;
}

const NUMERIC = ['price', 'discount_percentage', 'rating', 'num_reviews'];

/** Checks the parts of a card the scoring code relies on; throws naming what is wrong. */
export function checkCard(card: ModelCard): ModelCard {
  if (card.numeric_features.join() !== NUMERIC.join()) {
    throw new Error(
      `model card: numeric features ${card.numeric_features.join(', ')} are not ${NUMERIC.join(', ')}`,
    );
  }
  const expected = [...NUMERIC, ...card.category_vocabulary.map((c) => `category=${c}`)];
  if (card.feature_names.join('\n') !== expected.join('\n')) {
    throw new Error(
      'model card: feature_names do not match the numeric features and the vocabulary',
    );
  }
  return card;
}
