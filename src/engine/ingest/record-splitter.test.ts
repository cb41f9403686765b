import { describe, expect, it } from 'vitest';
import { RecordSplitter } from './record-splitter.ts';
import { ContentHash } from './content-hash.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

function split(text: string, chunkSize: number): string[] {
  const bytes = enc.encode(text);
  const splitter = new RecordSplitter();
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) {
    out.push(...splitter.push(bytes.subarray(i, i + chunkSize)).map((r) => dec.decode(r)));
  }
  out.push(...splitter.end().map((r) => dec.decode(r)));
  return out;
}

describe('RecordSplitter', () => {
  const text =
    'id,comment\r\n1,"ótimo, chegou\r\nantes do prazo"\r\n2,"disse ""não"""\n\n3,sem aspas\n4,"último"';
  const expected = [
    'id,comment',
    '1,"ótimo, chegou\r\nantes do prazo"',
    '2,"disse ""não"""',
    '3,sem aspas',
    '4,"último"',
  ];

  it.each([1, 2, 3, 7, 1000])('gives the same records for chunks of %i bytes', (size) => {
    expect(split(text, size)).toEqual(expected);
  });

  it.each([1, 2, 5, 100])('breaks lines at LF, CRLF and a lone CR (chunks of %i bytes)', (size) => {
    expect(split('a,b\r\n1,2\n3,4\r5,6\r\r\n"x\ry",7\r', size)).toEqual([
      'a,b',
      '1,2',
      '3,4',
      '5,6',
      '"x\ry",7',
    ]);
  });

  it('reports an unterminated quote and keeps the rest as one record', () => {
    const splitter = new RecordSplitter();
    const records = [...splitter.push(enc.encode('a,b\n1,"open\n2,x\n')), ...splitter.end()];
    expect(records.map((r) => dec.decode(r))).toEqual(['a,b', '1,"open\n2,x\n']);
    expect(splitter.openQuote).toBe(true);
  });
});

describe('ContentHash', () => {
  const digest = (...chunks: string[]) => {
    const h = new ContentHash();
    for (const c of chunks) h.update(enc.encode(c));
    return h.digest();
  };
  it('does not depend on how the bytes are chunked', () => {
    expect(digest('abc', 'def')).toBe(digest('abcdef'));
    expect(digest('a', 'b', 'cdef')).toBe(digest('abcdef'));
  });
  it('differs for different content and carries the byte count', () => {
    expect(digest('abcdef')).not.toBe(digest('abcdeg'));
    expect(digest('abcdef')).toMatch(/^[0-9a-f]{16}-6$/);
  });
});
