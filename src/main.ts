import { getEngine } from './app/engine-client.ts';

// DuckDB takes about two seconds to start (fetching and compiling its wasm in the engine worker), so
// the worker starts first, and the app's own code (a megabyte, charts included) loads, parses and
// mounts meanwhile instead of before.
const engine = getEngine();
void engine.init().catch(() => undefined);

// For the browser's developer console (and the benchmarks and tests):
// `await lakehouse.engine.rows('SELECT 42')`, `lakehouse.watch(directoryHandle)`.
Object.assign(globalThis, { lakehouse: { engine } });

void import('./app/start.ts').then(({ start }) => start());
