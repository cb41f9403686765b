import { wrap, type Remote } from 'comlink';
import type { EngineApi } from '../engine/engine.ts';
import { storageConfig } from './storage/storage-config.ts';

let engine: Remote<EngineApi> | null = null;

/** The one engine worker of the page; every query goes through it, never on the UI thread. */
export function getEngine(): Remote<EngineApi> {
  if (!engine) {
    const worker = new Worker(new URL('../engine/worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    engine = wrap<EngineApi>(worker);
    // Before any other call: what the page sees of the browser's storage, and a forced mode (tests, debugging).
    void engine.configureStorage(storageConfig());
  }
  return engine;
}
