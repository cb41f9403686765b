import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type RunningServer } from './static-server.ts';

describe('static server', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'static-server-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(path.join(dir, 'assets', 'duckdb-eh-abc123.wasm'), Buffer.alloc(1000, 7));
    server = await startStaticServer({ root: dir });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets browsers keep hashed assets, so the precache does not download them again', async () => {
    const res = await fetch(new URL('assets/duckdb-eh-abc123.wasm', server.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect((await res.arrayBuffer()).byteLength).toBe(1000);
  });

  it('revalidates the page by its ETag and answers 304 without a body', async () => {
    const first = await fetch(server.url);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(await first.text()).toContain('<title>x</title>');

    const again = await fetch(server.url, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const stale = await fetch(server.url, { headers: { 'If-None-Match': '"0-0"' } });
    expect(stale.status).toBe(200);
  });

  it('serves nothing outside its root', async () => {
    // fetch() normalises a literal `..` away; an encoded one reaches the server as `/../etc/passwd`.
    const res = await fetch(new URL('%2e%2e%2fetc%2fpasswd', server.url));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('root:');
  });
});
