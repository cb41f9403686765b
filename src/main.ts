import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/theme.css';
import { getEngine } from './app/engine-client.ts';
import { folderWatch } from './app/data/folder-watch.svelte.ts';

// For the browser's developer console (and the benchmarks and tests):
// `await lakehouse.engine.rows('SELECT 42')`, `lakehouse.watch(directoryHandle)`.
Object.assign(globalThis, {
  lakehouse: {
    engine: getEngine(),
    watch: (handle: FileSystemDirectoryHandle) => folderWatch.start(handle),
  },
});

mount(App, { target: document.getElementById('app')! });
