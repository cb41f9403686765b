import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import card from '../../models/model_card.json';
import fixture from '../../models/parity_fixture.json';
import type { ModelCard } from './card.ts';
import { featureMatrix, type SalesInput } from './features.ts';
import { createMl } from './ml.ts';

const models = path.resolve(import.meta.dirname, '../../models');
ort.env.wasm.numThreads = 1;

function ml() {
  return createMl({
    ort,
    card: card as unknown as ModelCard,
    modelBytes: async () => new Uint8Array(await readFile(path.join(models, 'sales_model.onnx'))),
  });
}
const rows = fixture.rows as (SalesInput & {
  product_id: string;
  log1p_units: number;
  units: number;
})[];
const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);

describe('sales model in onnxruntime-web (wasm, Node) against Python', () => {
  it('single predictions agree within the fixture tolerance', async () => {
    const api = ml();
    for (const row of rows) {
      const p = await api.predict(row);
      expect(relative(p.log1pUnits, row.log1p_units), row.product_id).toBeLessThan(
        fixture.tolerance,
      );
      expect(relative(p.units, row.units), row.product_id).toBeLessThan(fixture.tolerance);
    }
  });

  it('batch scoring agrees and reports progress', async () => {
    const api = ml();
    const { matrix, kept } = featureMatrix(rows, card as unknown as ModelCard);
    expect(kept.length).toBe(rows.length);
    const progress: number[] = [];
    const out = await api.predictMany(matrix, rows.length, (done) => progress.push(done));
    expect(progress).toEqual([rows.length]);
    rows.forEach((row, i) =>
      expect(relative(out.log1pUnits[i] as number, row.log1p_units)).toBeLessThan(1e-4),
    );
  });

  it('what-if sweep marks the revenue-maximising discount', async () => {
    const api = ml();
    const base = rows[0] as SalesInput;
    const discounts = [0, 10, 20, 30, 40, 50, 60];
    const r = await api.sweep(base, discounts, [100, 200]);
    expect(r.units).toHaveLength(2);
    const best = r.best[0];
    expect(best && Math.max(...(r.revenue[0] as number[]))).toBe(best?.revenue);
  });
});
