import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const CATEGORIES = [
  'electronics',
  'fashion',
  'home',
  'beauty',
  'sports',
  'toys',
  'books',
  'garden',
];
const STATUSES = ['delivered', 'shipped', 'canceled', 'invoiced'];
const CHANNELS = ['website', 'shopee', 'lazada', 'tiki'];

/** mulberry32: a small seeded generator, so every run benchmarks the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Writes `rows` order events (8 columns) as CSV: the input of the load, group-by and join scenarios. */
export async function writeEventsCsv(file: string, rows: number, users: number): Promise<void> {
  const random = prng(42);
  const out = createWriteStream(file);
  out.write('event_id,user_id,ts,category,price,qty,status,channel\n');
  const start = Date.UTC(2017, 0, 1);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const d = new Date(start + Math.floor(random() * 365 * 86_400_000));
    const ts = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    chunk += `${i},${Math.floor(random() * users)},${ts},${CATEGORIES[Math.floor(random() * 8)]},${(random() * 500).toFixed(2)},${1 + Math.floor(random() * 4)},${STATUSES[Math.floor(random() * 4)]},${CHANNELS[Math.floor(random() * 4)]}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
