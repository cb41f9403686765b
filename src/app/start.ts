import { mount } from 'svelte';
import App from './App.svelte';
import './theme.css';
import { getEngine } from './engine-client.ts';
import { openLink } from './links/opened.ts';
import { folderWatch } from './data/folder-watch.svelte.ts';
import { swState } from './storage/sw-state.svelte.ts';

/** Mounts the app (loaded after the engine worker has started: see main.ts). */
export function start(): void {
  Object.assign(globalThis.lakehouse, {
    watch: (handle: FileSystemDirectoryHandle) => folderWatch.start(handle),
  });
  // A compressed link (`z=`) is inflated before the app mounts, so the app reads its view synchronously.
  void openLink(location.search).then(() =>
    mount(App, { target: document.getElementById('app')! }),
  );
  // After the database has started, so the precache download does not compete with it.
  void getEngine()
    .init()
    .catch(() => undefined)
    .finally(() => void swState.register());
}
