import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.onnx': 'application/octet-stream',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface ServeOptions {
  root: string;
  port?: number;
  host?: string;
  /** Sends COOP/COEP so the page is cross-origin isolated (threads for DuckDB and onnxruntime). */
  isolated?: boolean;
  /** Extra folders served under a URL prefix, e.g. `{ '/bench-data/': '/tmp/x' }`. */
  mounts?: Record<string, string>;
  /** Told the body bytes of every response sent (0 for a 304), for benchmarks that count traffic. */
  onSent?: (pathname: string, bytes: number) => void;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A small static file server: the built app needs nothing else from a host. */
export async function startStaticServer(options: ServeOptions): Promise<RunningServer> {
  const root = path.resolve(options.root);
  const mounts = Object.entries(options.mounts ?? {}).map(([prefix, dir]) => ({
    prefix,
    dir: path.resolve(dir),
  }));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    const mount = mounts.find((m) => pathname.startsWith(m.prefix));
    const base = mount ? mount.dir : root;
    const relative = mount ? pathname.slice(mount.prefix.length) : pathname;
    let file = path.join(base, relative);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      // The same caching as public/_headers recommends: Vite's hashed files never change, so the
      // service worker's precache after the first load is served by the HTTP cache instead of
      // downloading DuckDB's wasm a second time; everything else is revalidated by its ETag.
      const etag = `"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
      const hashed = relative.startsWith('/assets/');
      const headers: Record<string, string | number> = {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
      };
      if (options.isolated) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
        headers['Cross-Origin-Resource-Policy'] = 'same-origin';
      }
      if (req.headers['if-none-match'] === etag) {
        delete headers['Content-Length'];
        res.writeHead(304, headers).end();
        options.onSent?.(pathname, 0);
        return;
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      options.onSent?.(pathname, req.method === 'HEAD' ? 0 : info.size);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    }
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
