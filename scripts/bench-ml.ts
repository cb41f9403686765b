/**
 * Sales model bench in Node on onnxruntime-web's wasm backend (1 thread), the browser's engine:
 *   npx tsx scripts/bench-ml.ts [--rows 1000000]
 * Model load, single prediction latency after load (median of 200), batch rows/s over the training
 * catalogue and over a larger matrix made by repeating it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { openNativeDriver } from '../src/engine/duck/native.ts';
import card from '../models/model_card.json' with { type: 'json' };
import type { ModelCard } from '../src/ml/card.ts';
import { featureMatrix, type SalesInput } from '../src/ml/features.ts';
import { createMl } from '../src/ml/ml.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const models = path.resolve(import.meta.dirname, '../models');
ort.env.wasm.numThreads = 1;
const ml = createMl({
  ort,
  card: card as unknown as ModelCard,
  modelBytes: async () => new Uint8Array(await readFile(path.join(models, 'sales_model.onnx'))),
});
const { loadMs } = await ml.load();

const driver = await openNativeDriver();
const rows = (await driver.rows(
  `SELECT price, discount_percentage, rating, num_reviews, category FROM read_parquet('${path.join(models, 'data/product_features.parquet')}')`,
)) as unknown as SalesInput[];
await driver.close();

const single: number[] = [];
for (let i = 0; i < 220; i++) {
  const t = performance.now();
  await ml.predict(rows[i % rows.length] as SalesInput);
  if (i >= 20) single.push(performance.now() - t);
}
single.sort((a, b) => a - b);

const { matrix } = featureMatrix(rows, card as unknown as ModelCard);
const catalogue = await ml.predictMany(matrix, rows.length);
const big = Number(values.rows);
const width = (card as unknown as ModelCard).feature_names.length;
const repeated = new Float64Array(big * width);
for (let r = 0; r < big; r += rows.length) {
  repeated.set(matrix.subarray(0, Math.min(rows.length, big - r) * width), r * width);
}
const t = performance.now();
await ml.predictMany(repeated, big);
const bigMs = performance.now() - t;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`model ${card.model} (${card.input.dtype}), ${width} features`);
console.log(`load: ${loadMs.toFixed(1)} ms`);
console.log(
  `single prediction: median ${single[single.length >> 1]?.toFixed(3)} ms, p95 ${single[Math.floor(single.length * 0.95)]?.toFixed(3)} ms`,
);
console.log(
  `batch, catalogue of ${fmt(rows.length)}: ${catalogue.ms.toFixed(1)} ms = ${fmt((rows.length / catalogue.ms) * 1000)} rows/s`,
);
console.log(
  `batch, ${fmt(big)} rows: ${bigMs.toFixed(0)} ms = ${fmt((big / bigMs) * 1000)} rows/s`,
);
