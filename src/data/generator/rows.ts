import type { DemoFileName } from './schema.ts';

/** Short keys for the files, in the order their headers are written. */
export const FILE_KEYS = {
  orders: 'olist_orders_dataset.csv',
  items: 'olist_order_items_dataset.csv',
  payments: 'olist_order_payments_dataset.csv',
  customers: 'olist_customers_dataset.csv',
  products: 'olist_products_dataset.csv',
  reviews: 'olist_order_reviews_dataset.csv',
  sellers: 'olist_sellers_dataset.csv',
  translation: 'product_category_name_translation.csv',
  pricing: 'demo_product_pricing.csv',
  channels: 'demo_order_channels.csv',
  paymentStatus: 'demo_payment_status.csv',
  campaigns: 'demo_campaigns.csv',
  sessions: 'demo_sessions.csv',
  events: 'demo_session_events.csv',
  loyalty: 'demo_loyalty.csv',
  inventory: 'demo_inventory.csv',
  movements: 'demo_stock_movements.csv',
  returns: 'demo_returns.csv',
} as const satisfies Record<string, DemoFileName>;

export type FileKey = keyof typeof FILE_KEYS;
export const FILE_KEY_LIST = Object.keys(FILE_KEYS) as FileKey[];

/**
 * Rows of one file waiting to be written. Every 64 rows are joined into one flat string, and
 * those into blocks of about 256k characters: rows built from template literals are trees of
 * small strings, and keeping thousands of them alive made V8's young-generation GC dominate
 * (64-row batches ran 1.7× faster than 2,048-row ones).
 */
export class FileBuffer {
  private rows: string[] = [];
  private pieces: string[] = [];
  private piecesLength = 0;
  private blocks: string[] = [];
  count = 0;

  push(row: string): void {
    this.rows.push(row);
    this.count++;
    if (this.rows.length === 64) this.joinRows();
  }

  private joinRows(): void {
    if (this.rows.length === 0) return;
    const piece = this.rows.join('\n') + '\n';
    this.rows = [];
    this.pieces.push(piece);
    this.piecesLength += piece.length;
    if (this.piecesLength >= 262_144) this.joinPieces();
  }

  private joinPieces(): void {
    if (this.pieces.length === 0) return;
    this.blocks.push(this.pieces.join(''));
    this.pieces = [];
    this.piecesLength = 0;
  }

  /** Every pending row as blocks of text, emptying the buffer. */
  take(): string[] {
    this.joinRows();
    this.joinPieces();
    const out = this.blocks;
    this.blocks = [];
    return out;
  }
}

export type Rows = Record<FileKey, FileBuffer>;

export function emptyRows(): Rows {
  return Object.fromEntries(FILE_KEY_LIST.map((k) => [k, new FileBuffer()])) as unknown as Rows;
}
