/// <reference lib="webworker" />
// The service worker: precaches the app, DuckDB's and onnxruntime's wasm and the model, so that after
// one visit the app opens and works with the network off. Built to `sw.js` by ./vite-plugin.ts, which
// replaces the manifest placeholder below with the build's file list.
import type { PrecacheManifest } from './manifest.ts';

declare const self: ServiceWorkerGlobalScope;
declare const __PRECACHE_MANIFEST__: PrecacheManifest;

const manifest = __PRECACHE_MANIFEST__;
const PREFIX = 'lakehouse-precache-';
const CACHE = `${PREFIX}${manifest.version}`;
const scoped = (path: string) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  // The single-threaded DuckDB bundle, which every page uses for its OPFS database, even a cross-origin
  // isolated one (src/engine/duck/browser.ts). The threaded bundle serves only in-memory databases
  // on isolated pages; the fetch handler below keeps it once such a page has fetched it.
  const files = [...manifest.core, ...manifest.eh];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(files.map(scoped));
      // The first install takes over at once; an update waits for the page's "Reload to update".
      if (!self.registration.active) await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Any page of the app is index.html with a search string (the view lives in the URL).
      const key = request.mode === 'navigate' ? scoped('./') : request;
      const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      if (hit) return hit;
      const response = await fetch(request);
      // Files the precache left out (the other DuckDB bundle) are kept once fetched.
      if (
        response.ok &&
        response.type === 'basic' &&
        new URL(request.url).pathname.includes('/assets/')
      )
        await cache.put(request, response.clone());
      return response;
    })(),
  );
});
