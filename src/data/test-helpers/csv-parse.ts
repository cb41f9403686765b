/**
 * A small RFC 4180 parser for tests, written independently of the generator's CSV writer:
 * fields may be quoted, quotes inside quoted fields are doubled, and quoted fields may hold
 * commas and CR/LF line breaks. Records end at LF or CRLF outside quotes.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let value: string;
    if (text[i] === '"') {
      value = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new SyntaxError('unterminated quoted field');
        if (text[q + 1] === '"') {
          value += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        value += text.slice(start, q);
        i = q + 1;
        break;
      }
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      value = text.slice(i, j);
      if (value.includes('"')) throw new SyntaxError(`stray quote at offset ${i}`);
      i = j;
    }
    record.push(value);
    const ch = text[i];
    if (ch === ',') {
      i++;
      if (i === n) record.push('');
    } else if (ch === '\n' || ch === '\r' || ch === undefined) {
      if (ch === '\r') {
        if (text[i + 1] !== '\n') throw new SyntaxError(`bare CR at offset ${i}`);
        i++;
      }
      i++;
      records.push(record);
      record = [];
    } else {
      throw new SyntaxError(`unexpected character after a quoted field at offset ${i}`);
    }
  }
  return records;
}

/** Rows as objects keyed by the header (the first record). */
export function parseTable(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...records] = parseCsv(text);
  for (const [k, r] of records.entries()) {
    if (r.length !== header.length) {
      throw new SyntaxError(`record ${k + 1} has ${r.length} fields, header has ${header.length}`);
    }
  }
  return {
    header,
    rows: records.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] as string]))),
  };
}
