import { wrap, type Remote } from 'comlink';
import type { MlApi } from '../../ml/ml.ts';

let ml: Remote<MlApi> | null = null;

/** The one ML worker of the page (onnxruntime-web runs there, never on the UI thread). */
export function getMl(): Remote<MlApi> {
  if (!ml) {
    const worker = new Worker(new URL('../../ml/worker.ts', import.meta.url), {
      type: 'module',
      name: 'ml',
    });
    ml = wrap<MlApi>(worker);
  }
  return ml;
}
