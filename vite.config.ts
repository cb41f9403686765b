import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { serviceWorker } from './src/sw/vite-plugin.ts';
import { contentSecurityPolicy } from './build/csp.ts';

export default defineConfig({
  // Relative asset URLs: the build works from any sub-path of any static host.
  base: './',
  plugins: [svelte(), serviceWorker(), contentSecurityPolicy()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'onnxruntime-web'] },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2048,
    sourcemap: true,
  },
});
