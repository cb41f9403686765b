import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { precacheManifest } from './manifest.ts';

function publicFiles(dir: string, base = ''): string[] {
  try {
    return readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? publicFiles(dir, path.posix.join(base, e.name))
        : [path.posix.join(base, e.name)],
    );
  } catch {
    return [];
  }
}

/** Builds src/sw/sw.ts to `sw.js` at the site's root, with the build's files as its precache manifest. */
export function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'lakehouse-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: path.resolve(import.meta.dirname, 'sw.ts'),
        fileName: 'sw.js',
      });
    },
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') return;
      const manifest = precacheManifest(
        [...Object.keys(bundle), ...publicFiles(publicDir)],
        (text) => createHash('sha256').update(text).digest('hex').slice(0, 16),
      );
      sw.code = sw.code.replace('__PRECACHE_MANIFEST__', JSON.stringify(manifest));
    },
  };
}
