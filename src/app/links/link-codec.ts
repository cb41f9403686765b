import {
  KEY,
  LINK_VERSION,
  MAX_SEARCH,
  defaultView,
  parseSearch,
  toSearch,
  type ParsedLink,
  type ViewState,
} from '../url-state.ts';

/** Past this many characters of search string, a link carries its state compressed in `z=`. */
export const COMPRESS_AFTER = 2_000;
/** A compressed state never inflates past this (a small `z=` cannot expand into gigabytes). */
export const MAX_INFLATED = MAX_SEARCH;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Throws on anything but base64url text. */
export function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new Error('not base64url');
  }
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipeThrough(bytes: Uint8Array, stream: GenericTransformStream, limit: number) {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`inflates past ${limit.toLocaleString('en-US')} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export async function deflate(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  return toBase64Url(
    await pipeThrough(bytes, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY),
  );
}

/** Throws when `z` is not base64url, not deflate-raw, too large once inflated, or not UTF-8. */
export async function inflate(z: string): Promise<string> {
  const bytes = await pipeThrough(
    fromBase64Url(z),
    new DecompressionStream('deflate-raw'),
    MAX_INFLATED,
  );
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The search string a link of this view carries: plain, or `?v=1&z=…` once it is long. */
export async function linkSearch(view: ViewState): Promise<string> {
  const plain = toSearch(view);
  if (plain.length <= COMPRESS_AFTER) return plain;
  const z = await deflate(plain.slice(1));
  return `?${KEY.version}=${LINK_VERSION}&${KEY.compressed}=${z}`;
}

/**
 * Reads any link this app made: plain (unversioned or `v=1`) synchronously, compressed (`z=`) after
 * inflating it. Never throws; whatever could not be read is listed in `notices`.
 */
export async function readLink(search: string): Promise<ParsedLink> {
  const params = new URLSearchParams(search.length > MAX_SEARCH ? '' : search);
  const z = params.get(KEY.compressed);
  if (z === null) return parseSearch(search);
  let inner: string;
  try {
    inner = await inflate(z);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      view: defaultView(),
      notices: [`The link's compressed state (z=) could not be read (${why}); defaults are shown.`],
    };
  }
  const outer = [...params.keys()].filter((k) => k !== KEY.compressed && k !== KEY.version);
  const parsed = parseSearch(inner);
  const version = params.get(KEY.version);
  if (version !== null && version !== String(LINK_VERSION)) {
    parsed.notices.unshift(`v=${JSON.stringify(version)}: made by a newer version of this app`);
  }
  for (const key of outer)
    parsed.notices.push(`${JSON.stringify(key)}: outside the compressed state`);
  return parsed;
}
