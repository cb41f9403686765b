import { EXTENSION_FILES, OLIST_FILES } from './generator/schema.ts';

export type FormatFamily = 'olist' | 'tutorial' | 'seed000' | 'demo';

export interface KnownFormat {
  /** Bronze table name, e.g. `olist_orders`, `raw_customers`, `seed000_products`, `demo_sessions`. */
  readonly id: string;
  readonly family: FormatFamily;
  /** The file name the format usually comes under (detection uses only the header). */
  readonly fileName: string;
  readonly columns: readonly string[];
}

const OLIST_IDS: Record<string, string> = {
  'olist_orders_dataset.csv': 'olist_orders',
  'olist_order_items_dataset.csv': 'olist_order_items',
  'olist_order_payments_dataset.csv': 'olist_order_payments',
  'olist_customers_dataset.csv': 'olist_customers',
  'olist_products_dataset.csv': 'olist_products',
  'olist_order_reviews_dataset.csv': 'olist_order_reviews',
  'olist_sellers_dataset.csv': 'olist_sellers',
  'product_category_name_translation.csv': 'olist_category_translation',
};

const format = (
  id: string,
  family: FormatFamily,
  fileName: string,
  columns: readonly string[],
): KnownFormat => ({
  id,
  family,
  fileName,
  columns,
});

export const KNOWN_FORMATS: readonly KnownFormat[] = [
  ...OLIST_FILES.map((f) => format(OLIST_IDS[f.name] ?? f.name, 'olist', f.name, f.columns)),
  format('olist_geolocation', 'olist', 'olist_geolocation_dataset.csv', [
    'geolocation_zip_code_prefix',
    'geolocation_lat',
    'geolocation_lng',
    'geolocation_city',
    'geolocation_state',
  ]),
  format('raw_customers', 'tutorial', 'raw_customers.csv', [
    'customer_id',
    'email',
    'first_name',
    'last_name',
    'country',
    'created_at',
  ]),
  format('raw_orders', 'tutorial', 'raw_orders.csv', [
    'order_id',
    'customer_id',
    'order_date',
    'status',
    'shipping_cost',
  ]),
  format('raw_order_items', 'tutorial', 'raw_order_items.csv', [
    'order_item_id',
    'order_id',
    'product_id',
    'quantity',
    'unit_price',
  ]),
  format('raw_products', 'tutorial', 'raw_products.csv', [
    'product_id',
    'product_name',
    'category',
    'cost_price',
    'list_price',
  ]),
  format('seed000_products', 'seed000', 'products.csv', [
    'ProductID',
    'ProductName',
    'Category',
    'Price',
    'Rating',
    'NumReviews',
    'StockQuantity',
    'Discount',
    'Sales',
    'DateAdded',
  ]),
  ...EXTENSION_FILES.map((f) => format(f.name.replace(/\.csv$/, ''), 'demo', f.name, f.columns)),
];

/** A column name without byte-order mark, surrounding whitespace or quotes. */
function cleanColumn(name: string): string {
  let s = name.replace(/^\uFEFF/, '').trim();
  while (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) {
    s = s.slice(1, -1).trim();
  }
  return s;
}

/** Column name as compared: cleaned and in lower case. */
export function normaliseColumn(name: string): string {
  return cleanColumn(name).toLowerCase();
}

export type DetectResult =
  | { readonly ok: true; readonly format: KnownFormat }
  | {
      readonly ok: false;
      /** Id of the known format sharing the most columns (Jaccard similarity). */
      readonly closest: string;
      /** Columns of the closest format that the header lacks. */
      readonly missing: string[];
      /** Header columns the closest format does not have (duplicates included). */
      readonly unexpected: string[];
      readonly message: string;
    };

const list = (names: readonly string[]): string => names.join(', ');

/** Which known format a header is: the same set of columns, in any order, ignoring case. */
export function detectFormat(headerColumns: readonly string[]): DetectResult {
  const given = headerColumns.map((c) => ({ raw: cleanColumn(c), key: normaliseColumn(c) }));
  const keys = new Set(given.map((g) => g.key));
  const duplicates = given.filter((g, i) => given.findIndex((h) => h.key === g.key) !== i);
  let best: { format: KnownFormat; score: number } | null = null;
  for (const f of KNOWN_FORMATS) {
    const expected = new Set(f.columns.map(normaliseColumn));
    let shared = 0;
    for (const k of keys) if (expected.has(k)) shared++;
    const score = shared / (expected.size + keys.size - shared);
    if (score === 1 && duplicates.length === 0) return { ok: true, format: f };
    if (best === null || score > best.score) best = { format: f, score };
  }
  const closest = (best as { format: KnownFormat }).format;
  const expected = new Set(closest.columns.map(normaliseColumn));
  const missing = closest.columns.filter((c) => !keys.has(normaliseColumn(c)));
  const unexpected = [
    ...given.filter((g) => !expected.has(g.key)).map((g) => g.raw),
    ...duplicates.filter((g) => expected.has(g.key)).map((g) => `${g.raw} (duplicate)`),
  ];
  const parts = [
    missing.length > 0 ? `missing ${list(missing)}` : '',
    unexpected.length > 0 ? `unexpected ${list(unexpected)}` : '',
  ].filter((p) => p !== '');
  const message =
    `This header matches no known format. The closest is ${closest.id} (${closest.fileName}): ` +
    `${parts.join('; ')}.`;
  return { ok: false, closest: closest.id, missing, unexpected, message };
}

export type Delimiter = ',' | ';' | '\t';

export interface HeaderLine {
  readonly columns: string[];
  readonly delimiter: Delimiter;
  readonly bom: boolean;
  /** Set when the delimiter is not a comma: the loader expects comma-separated files. */
  readonly message: string | null;
}

const DELIMITER_NAMES: Record<Delimiter, string> = {
  ',': 'commas',
  ';': 'semicolons (;)',
  '\t': 'tabs',
};

/** Splits a line on `delimiter` outside double quotes, undoing RFC 4180 quoting. */
function splitLine(line: string, delimiter: Delimiter): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      out.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** The columns of a CSV file's first line: handles a byte-order mark, quotes and the delimiter. */
export function parseHeaderLine(firstLine: string): HeaderLine {
  const bom = firstLine.startsWith('\uFEFF');
  const line = (bom ? firstLine.slice(1) : firstLine).replace(/\r?\n$/, '').replace(/\r$/, '');
  let delimiter: Delimiter = ',';
  let most = countOutsideQuotes(line, ',');
  for (const d of [';', '\t'] as const) {
    const n = countOutsideQuotes(line, d);
    if (n > most) {
      most = n;
      delimiter = d;
    }
  }
  const message =
    delimiter === ','
      ? null
      : `This file is separated by ${DELIMITER_NAMES[delimiter]}, not commas. ` +
        'Save or export it as comma-separated CSV and add it again.';
  return { columns: splitLine(line, delimiter), delimiter, bom, message };
}
