import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/theme.css';
import { getEngine } from './app/engine-client.ts';
import { openLink } from './app/links/opened.ts';
import { folderWatch } from './app/data/folder-watch.svelte.ts';
import { swState } from './app/storage/sw-state.svelte.ts';

// For the browser's developer console (and the benchmarks and tests):
// `await lakehouse.engine.rows('SELECT 42')`, `lakehouse.watch(directoryHandle)`.
Object.assign(globalThis, {
  lakehouse: {
    engine: getEngine(),
    watch: (handle: FileSystemDirectoryHandle) => folderWatch.start(handle),
  },
});

// A compressed link (`z=`) is inflated before the app mounts, so the app reads its view synchronously.
void openLink(location.search).then(() => mount(App, { target: document.getElementById('app')! }));
// After the database has started, so the precache download does not compete with it.
void getEngine()
  .init()
  .catch(() => undefined)
  .finally(() => void swState.register());
