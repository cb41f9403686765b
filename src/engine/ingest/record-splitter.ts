const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One CSV record's bytes (without its line break) and its 1-based index among the file's data records. */
export interface SplitResult {
  /** The records completed by this push, each with the line break removed. */
  records: Uint8Array[];
}

/**
 * Cuts a byte stream into CSV records, aware of quoted fields (a line break inside quotes belongs to
 * the field). Works on bytes, so a multi-byte UTF-8 character split across chunks is never broken:
 * the only bytes it looks at (`"`, `\r`, `\n`) never occur inside a multi-byte sequence.
 * Blank lines are skipped. A quote left open runs to the end of the input and becomes one last record.
 */
export class RecordSplitter {
  #carry: Uint8Array[] = [];
  #carryBytes = 0;
  #inQuotes = false;

  push(chunk: Uint8Array): Uint8Array[] {
    const records: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) this.#inQuotes = !this.#inQuotes;
      else if (byte === LF && !this.#inQuotes) {
        this.#emit(records, chunk.subarray(start, i));
        start = i + 1;
      }
    }
    if (start < chunk.length) {
      this.#carry.push(chunk.subarray(start));
      this.#carryBytes += chunk.length - start;
    }
    return records;
  }

  /** The last record when the input does not end with a line break. */
  end(): Uint8Array[] {
    const records: Uint8Array[] = [];
    if (this.#carryBytes > 0) this.#emit(records, new Uint8Array(0));
    return records;
  }

  /** True when the input ended inside a quoted field (an unterminated quote). */
  get openQuote(): boolean {
    return this.#inQuotes;
  }

  #emit(records: Uint8Array[], tail: Uint8Array): void {
    let record = tail;
    if (this.#carryBytes > 0) {
      record = new Uint8Array(this.#carryBytes + tail.length);
      let offset = 0;
      for (const part of this.#carry) {
        record.set(part, offset);
        offset += part.length;
      }
      record.set(tail, offset);
      this.#carry = [];
      this.#carryBytes = 0;
    }
    let end = record.length;
    if (end > 0 && record[end - 1] === CR) end--;
    if (end > 0) records.push(record.subarray(0, end));
  }
}
