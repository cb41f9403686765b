import { describe, expect, it } from 'vitest';
import { precacheManifest } from './manifest.ts';

const files = [
  'index.html',
  'favicon.svg',
  '_headers',
  'sw.js',
  'assets/index-CPejJX98.js',
  'assets/index-CPejJX98.js.map',
  'assets/duckdb-eh-9ubY-jlA.wasm',
  'assets/duckdb-browser-eh.worker-hQa-dcAV.js',
  'assets/duckdb-coi-DrUF0TBm.wasm',
  'assets/duckdb-browser-coi.worker-D2-Qa4hF.js',
  'assets/duckdb-browser-coi.pthread.worker-BSvKBYxk.js',
  'assets/ort-wasm-simd-threaded-DcHrbrbl.wasm',
  'assets/sales_model-DX8Qlz4t.onnx',
];

describe('precacheManifest', () => {
  it('puts each DuckDB bundle in its own group and everything else but maps and the worker itself in core', () => {
    const m = precacheManifest(files, (t) => String(t.length));
    expect(m.core).toEqual([
      'assets/index-CPejJX98.js',
      'assets/ort-wasm-simd-threaded-DcHrbrbl.wasm',
      'assets/sales_model-DX8Qlz4t.onnx',
      'favicon.svg',
      './',
    ]);
    expect(m.eh).toEqual([
      'assets/duckdb-browser-eh.worker-hQa-dcAV.js',
      'assets/duckdb-eh-9ubY-jlA.wasm',
    ]);
    expect(m.coi).toEqual([
      'assets/duckdb-browser-coi.pthread.worker-BSvKBYxk.js',
      'assets/duckdb-browser-coi.worker-D2-Qa4hF.js',
      'assets/duckdb-coi-DrUF0TBm.wasm',
    ]);
  });

  it('changes version when any file name changes (a new deployment)', () => {
    const hash = (t: string) => t;
    const a = precacheManifest(files, hash).version;
    const b = precacheManifest([...files.slice(1), 'index.html'], hash).version;
    const c = precacheManifest(
      files.map((f) => f.replace('CPejJX98', 'Zz000000')),
      hash,
    ).version;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });
});
