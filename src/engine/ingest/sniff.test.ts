import { describe, expect, it } from 'vitest';
import { sniff, windows1252ToUtf8 } from './sniff.ts';

const utf8 = new TextEncoder();

describe('sniff', () => {
  it('takes UTF-8 as UTF-8, even when the first chunk ends inside a character', () => {
    const bytes = utf8.encode('city\nSão Paulo\n');
    const cut = bytes.indexOf(0xc3) + 1; // ends between the two bytes of "ã"
    expect(sniff(bytes.subarray(0, cut))).toEqual({ kind: 'text', encoding: 'utf-8' });
  });

  it('takes bytes that are not UTF-8 as Windows-1252 and re-encodes them', () => {
    const latin1 = new Uint8Array([0x53, 0xe3, 0x6f, 0x20, 0x80]); // "São €" in Windows-1252
    expect(sniff(latin1)).toEqual({ kind: 'text', encoding: 'windows-1252' });
    const out = windows1252ToUtf8()(latin1);
    expect(new TextDecoder().decode(out)).toBe('São €');
  });

  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 1, 2], /Excel workbook/],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], /PDF/],
    [[0x1f, 0x8b, 8, 0], /gzip/],
    [[0x61, 0x2c, 0x00, 0x62], /NUL bytes/],
    [[1, 2, 3, 4, 5, 0x61, 0x62], /control characters/],
  ])('calls %j binary', (bytes, what) => {
    const out = sniff(new Uint8Array(bytes));
    expect(out.kind).toBe('binary');
    expect(out.kind === 'binary' && out.what).toMatch(what);
  });
});
