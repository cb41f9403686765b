/** The feature rows of the loaded data, in the shape featureMatrix and rowsFingerprint take. */
export const FEATURES_SQL = `SELECT product_id, price::DOUBLE AS price,
  discount_percentage::DOUBLE AS discount_percentage, rating::DOUBLE AS rating,
  num_reviews::BIGINT AS num_reviews, category, units_sold::DOUBLE AS units_sold,
  attributes_source, source_format
FROM ml.product_sales_features ORDER BY product_id`;

export const SCORES_TABLE = 'ml.product_sales_scores';
export const SCORES_FILE = 'product_sales_scores.csv';

/** The scores as CSV for registerBuffer: product ids are hex, so no quoting is needed. */
export function scoresCsv(
  ids: readonly string[],
  log1p: ArrayLike<number>,
  units: ArrayLike<number>,
  actual: ArrayLike<number>,
): string {
  const lines = ['product_id,predicted_log1p_units,predicted_units,units_sold'];
  ids.forEach((id, i) =>
    lines.push(`"${id.replaceAll('"', '""')}",${log1p[i]},${units[i]},${actual[i]}`),
  );
  return lines.join('\n') + '\n';
}

export const writeScoresSql = (
  modelSha: string,
): string => `CREATE OR REPLACE TABLE ${SCORES_TABLE} AS
SELECT product_id, predicted_log1p_units, predicted_units, units_sold,
  predicted_units - units_sold AS error_units, '${modelSha.replace(/[^0-9a-f]/g, '')}' AS model_sha256
FROM read_csv('${SCORES_FILE}', header = true, columns = {
  'product_id': 'VARCHAR', 'predicted_log1p_units': 'DOUBLE', 'predicted_units': 'DOUBLE', 'units_sold': 'DOUBLE'})`;
