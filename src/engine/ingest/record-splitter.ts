const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;

/** One CSV record's bytes (without its line break) and its 1-based index among the file's data records. */
export interface SplitResult {
  /** The records completed by this push, each with the line break removed. */
  records: Uint8Array[];
}

/**
 * Cuts a byte stream into CSV records, aware of quoted fields (a line break inside quotes belongs to
 * the field). Works on bytes, so a multi-byte UTF-8 character split across chunks is never broken:
 * the only bytes it looks at (`"`, `\r`, `\n`) never occur inside a multi-byte sequence.
 * Line breaks may be LF, CRLF or CR, mixed within a file. Blank lines are skipped. A quote left open runs to the end of the input and becomes one last record.
 */
export class RecordSplitter {
  #carry: Uint8Array[] = [];
  #carryBytes = 0;
  #inQuotes = false;
  /** The next byte starts a field (after a comma or a line break, or at the very start). */
  #fieldStart = true;
  /** The last byte closed a quoted field: a quote now is the second half of an escaped "". */
  #justClosed = false;

  push(chunk: Uint8Array): Uint8Array[] {
    const records: Uint8Array[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.#inQuotes) {
        // A quote inside quotes closes them, unless the next byte is a quote too ("" = one quote).
        if (byte === QUOTE) {
          this.#inQuotes = false;
          this.#justClosed = true;
        }
        continue;
      }
      if (byte === QUOTE) {
        // As in RFC 4180 (and DuckDB's reader), a quote opens a quoted field only at the field's
        // start; one in the middle of an unquoted value is just a character.
        if (this.#fieldStart || this.#justClosed) this.#inQuotes = true;
        this.#fieldStart = false;
        this.#justClosed = false;
        continue;
      }
      this.#justClosed = false;
      if (byte === COMMA) {
        this.#fieldStart = true;
      } else if (byte === LF || byte === CR) {
        // A line ends at LF, CRLF or a lone CR (old Mac files, or files pasted together from
        // several): the empty record between CR and LF is skipped like any blank line.
        this.#emit(records, chunk.subarray(start, i));
        start = i + 1;
        this.#fieldStart = true;
      } else {
        this.#fieldStart = false;
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
