/**
 * A first look at a file's opening bytes, before anything is parsed: is it text at all, and is the
 * text UTF-8 or an 8-bit Western encoding (Latin-1 / Windows-1252, which spreadsheet programs on
 * Windows still write)?
 */
export type Sniff =
  { kind: 'binary'; what: string } | { kind: 'text'; encoding: 'utf-8' | 'windows-1252' };

const SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive or an Excel workbook (.xlsx)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel workbook (.xls)'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip-compressed file (unpack it first)'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file (name it .parquet)'],
];

const SAMPLE = 4096;

export function sniff(first: Uint8Array): Sniff {
  for (const [magic, what] of SIGNATURES) {
    if (magic.every((byte, i) => first[i] === byte)) return { kind: 'binary', what };
  }
  // Text files hold no NUL and few control characters besides tab, line feed and carriage return.
  const sample = first.subarray(0, SAMPLE);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return { kind: 'binary', what: 'binary data (it contains NUL bytes)' };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) {
    return { kind: 'binary', what: 'binary data (many control characters)' };
  }
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(first, { stream: true });
    return { kind: 'text', encoding: 'utf-8' };
  } catch {
    return { kind: 'text', encoding: 'windows-1252' };
  }
}

/** Re-encodes a Windows-1252 byte stream as UTF-8, chunk by chunk. */
export function windows1252ToUtf8(): (chunk: Uint8Array) => Uint8Array {
  const decoder = new TextDecoder('windows-1252');
  const encoder = new TextEncoder();
  return (chunk) => encoder.encode(decoder.decode(chunk, { stream: true }));
}
