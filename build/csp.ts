import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built site. Everything comes from the page's own origin:
 * scripts and workers from files (no inline script, no eval), `wasm-unsafe-eval` only because
 * WebAssembly.compile needs it, connections only back to the origin. Styles allow inline
 * attributes because Svelte's `style:` directives and ECharts' tooltips set them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "manifest-src 'self'",
].join('; ');

/** Puts the policy in the built index.html as a meta tag (only in builds: Vite's dev server injects inline script). */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'lakehouse-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
