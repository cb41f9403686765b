import { hashU32 } from './prng.ts';
import type { Rng } from './prng.ts';

const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const codes: number[] = new Array<number>(32).fill(48);

function put(word: number, u: number): void {
  for (let k = 0; k < 8; k++) codes[word * 8 + k] = HEX_CODES[(u >>> (28 - 4 * k)) & 15] as number;
}

/** One flat string from the code buffer (concatenating pieces would build slow cons-strings). */
const flush = (): string => String.fromCharCode.apply(null, codes);

/** 32 lowercase hex characters, as Olist IDs. */
export function hexId(rng: Rng): string {
  for (let w = 0; w < 4; w++) put(w, rng.u32());
  return flush();
}

/** A hex ID derived from an index alone, so an entity need not be stored to be referenced again. */
export function hashedHexId(seed: number, stream: number, index: number): string {
  for (let w = 0; w < 4; w++) put(w, hashU32(seed, stream, index, w));
  return flush();
}

/**
 * A valid 32-hex ID made only of digits around one 'e' (e.g. `3e5…`), which a naive CSV sniffer
 * reads as a number in scientific notation. Real Olist IDs of this shape exist.
 */
export function scientificId(u: () => number): string {
  let s = String(1 + (u() % 9)) + 'e';
  while (s.length < 32) s += String(u() % 10);
  return s;
}

export function hashedScientificId(seed: number, stream: number, index: number): string {
  let lane = 0;
  return scientificId(() => hashU32(seed, stream, index, lane++));
}
