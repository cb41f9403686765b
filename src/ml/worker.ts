import { expose } from 'comlink';
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import modelUrl from '../../models/sales_model.onnx?url';
import card from '../../models/model_card.json';
import type { ModelCard } from './card.ts';
import { createMl } from './ml.ts';

// Self-hosted wasm, one thread, no proxy worker: this worker is ORT's worker (PLATFORM_NOTES.md).
ort.env.wasm.wasmPaths = { wasm: wasmUrl };
ort.env.wasm.numThreads = 1;
ort.env.wasm.proxy = false;

expose(
  createMl({
    ort,
    card: card as unknown as ModelCard,
    modelBytes: async () => new Uint8Array(await (await fetch(modelUrl)).arrayBuffer()),
  }),
);
