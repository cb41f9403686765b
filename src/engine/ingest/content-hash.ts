/**
 * A streaming 64-bit content hash (two FNV-1a lanes with different offsets), to recognise a file that
 * was loaded before. Not cryptographic: it guards against loading the same bytes twice, not against
 * an adversary.
 */
export class ContentHash {
  #a = 0x811c9dc5;
  #b = 0x01000193 ^ 0x5bd1e995;
  #bytes = 0;

  update(chunk: Uint8Array): void {
    let a = this.#a;
    let b = this.#b;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      a = Math.imul(a ^ byte, 0x01000193);
      b = Math.imul(b ^ byte, 0x01000193) ^ (b >>> 15);
    }
    this.#a = a;
    this.#b = b;
    this.#bytes += chunk.length;
  }

  /** 16 hex digits of hash, then the byte count, so files of different sizes never collide. */
  digest(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return `${hex(this.#a)}${hex(this.#b)}-${this.#bytes}`;
  }
}
