import type * as Ort from 'onnxruntime-web';
import { checkCard, type ModelCard } from './card.ts';
import { featureCount, featureVector, toUnits, type SalesInput } from './features.ts';
import { sweepInputs, sweepResult, type SweepResult } from './sweep.ts';

export interface MlDeps {
  /** onnxruntime-web (browser worker) or its Node entry (tests), already configured. */
  ort: typeof Ort;
  card: ModelCard;
  modelBytes: () => Promise<Uint8Array>;
  now?: () => number;
}

export interface Prediction {
  log1pUnits: number;
  units: number;
  /** The model's typical error on held-out products, in units (from the card). */
  typicalError: { maeUnits: number; rmseUnits: number; rmseLog1p: number };
  ms: number;
}

export interface BatchScores {
  log1pUnits: Float64Array;
  units: Float64Array;
  ms: number;
}

/** Rows per ONNX call in batch scoring: progress points, and memory stays bounded. */
export const BATCH_ROWS = 65_536;

/** The ML worker's API as a plain module: the worker only exposes it (src/ml/worker.ts). */
export function createMl(deps: MlDeps) {
  const { ort } = deps;
  const card = checkCard(deps.card);
  const now = deps.now ?? (() => performance.now());
  const width = featureCount(card);
  const double = card.input.dtype === 'float64';
  let session: Ort.InferenceSession | null = null;
  let loading: Promise<{ card: ModelCard; loadMs: number }> | null = null;

  async function run(matrix: Float64Array | Float32Array, n: number): Promise<Float64Array> {
    if (!session) await api.load();
    const data = double
      ? matrix instanceof Float64Array
        ? matrix
        : Float64Array.from(matrix)
      : matrix instanceof Float32Array
        ? matrix
        : Float32Array.from(matrix);
    const tensor = new ort.Tensor(double ? 'float64' : 'float32', data, [n, width]);
    const out = await (session as Ort.InferenceSession).run({ [card.input.name]: tensor });
    const result = out[card.output];
    if (!result) throw new Error(`the model has no output ${card.output}`);
    tensor.dispose();
    const values = Float64Array.from(result.data as Float64Array | Float32Array);
    result.dispose();
    return values;
  }

  const typicalError = {
    maeUnits: card.metrics.held_out.units.mae,
    rmseUnits: card.metrics.held_out.units.rmse,
    rmseLog1p: card.metrics.held_out.log1p.rmse,
  };

  const api = {
    /** Creates the ONNX session once; later calls return the first load's card and time. */
    load(): Promise<{ card: ModelCard; loadMs: number }> {
      loading ??= (async () => {
        const t = now();
        session = await ort.InferenceSession.create(await deps.modelBytes(), {
          executionProviders: ['wasm'],
          graphOptimizationLevel: 'all',
        });
        return { card, loadMs: now() - t };
      })();
      loading.catch(() => (loading = null));
      return loading;
    },

    /** One product; throws a RangeError with the validation messages for an invalid input. */
    async predict(input: SalesInput): Promise<Prediction> {
      const row = featureVector(input, card);
      const t = now();
      const [log1pUnits = NaN] = await run(row, 1);
      return { log1pUnits, units: toUnits(log1pUnits), typicalError, ms: now() - t };
    },

    /** `n` rows of a row-major matrix in the card's feature order, scored in chunks. */
    async predictMany(
      rows: Float64Array | Float32Array,
      n: number,
      onProgress?: (done: number, total: number) => void,
    ): Promise<BatchScores> {
      if (rows.length !== n * width) {
        throw new RangeError(`expected ${n} × ${width} values, got ${rows.length}`);
      }
      const t = now();
      const log1pUnits = new Float64Array(n);
      for (let start = 0; start < n; start += BATCH_ROWS) {
        const count = Math.min(BATCH_ROWS, n - start);
        log1pUnits.set(
          await run(rows.subarray(start * width, (start + count) * width), count),
          start,
        );
        onProgress?.(start + count, n);
      }
      return { log1pUnits, units: log1pUnits.map(toUnits), ms: now() - t };
    },

    /** What-if pricing: every (list price, discount) pair; list prices default to the base's. */
    async sweep(base: SalesInput, discounts: number[], listPrices: number[]): Promise<SweepResult> {
      const inputs = sweepInputs(base, discounts, listPrices);
      const matrix = new Float64Array(inputs.length * width);
      inputs.forEach((input, i) => matrix.set(featureVector(input, card, 'float64'), i * width));
      const scores = await run(matrix, inputs.length);
      return sweepResult(discounts, listPrices, scores.map(toUnits));
    },
  };
  return api;
}

export type MlApi = ReturnType<typeof createMl>;
