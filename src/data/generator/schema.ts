import { quoted } from './csv.ts';

/** How a file quotes: `none` only when a value needs it, `all` every field, `header` only the header. */
export type Quoting = 'none' | 'all' | 'header';

export interface DemoFileSpec {
  readonly name: string;
  readonly family: 'olist' | 'demo';
  readonly columns: readonly string[];
  readonly quoting: Quoting;
  readonly bom: boolean;
}

const spec = <N extends string>(
  name: N,
  family: 'olist' | 'demo',
  columns: readonly string[],
  quoting: Quoting = 'none',
  bom = false,
): DemoFileSpec & { readonly name: N } => ({ name, family, columns, quoting, bom });

export const OLIST_FILES = [
  spec('olist_orders_dataset.csv', 'olist', [
    'order_id',
    'customer_id',
    'order_status',
    'order_purchase_timestamp',
    'order_approved_at',
    'order_delivered_carrier_date',
    'order_delivered_customer_date',
    'order_estimated_delivery_date',
  ]),
  spec('olist_order_items_dataset.csv', 'olist', [
    'order_id',
    'order_item_id',
    'product_id',
    'seller_id',
    'shipping_limit_date',
    'price',
    'freight_value',
  ]),
  spec('olist_order_payments_dataset.csv', 'olist', [
    'order_id',
    'payment_sequential',
    'payment_type',
    'payment_installments',
    'payment_value',
  ]),
  spec('olist_customers_dataset.csv', 'olist', [
    'customer_id',
    'customer_unique_id',
    'customer_zip_code_prefix',
    'customer_city',
    'customer_state',
  ]),
  spec(
    'olist_products_dataset.csv',
    'olist',
    [
      'product_id',
      'product_category_name',
      'product_name_lenght',
      'product_description_lenght',
      'product_photos_qty',
      'product_weight_g',
      'product_length_cm',
      'product_height_cm',
      'product_width_cm',
    ],
    'header',
  ),
  spec(
    'olist_order_reviews_dataset.csv',
    'olist',
    [
      'review_id',
      'order_id',
      'review_score',
      'review_comment_title',
      'review_comment_message',
      'review_creation_date',
      'review_answer_timestamp',
    ],
    'all',
  ),
  spec('olist_sellers_dataset.csv', 'olist', [
    'seller_id',
    'seller_zip_code_prefix',
    'seller_city',
    'seller_state',
  ]),
  spec(
    'product_category_name_translation.csv',
    'olist',
    ['product_category_name', 'product_category_name_english'],
    'none',
    true,
  ),
] as const;

export const EXTENSION_FILES = [
  spec('demo_product_pricing.csv', 'demo', [
    'product_id',
    'cost_price',
    'list_price',
    'discount_percentage',
    'price',
    'rating',
    'num_reviews',
    'flash_sale_discount_percentage',
  ]),
  spec('demo_order_channels.csv', 'demo', [
    'order_id',
    'sales_channel',
    'device',
    'session_id',
    'campaign_id',
  ]),
  spec('demo_payment_status.csv', 'demo', [
    'order_id',
    'payment_sequential',
    'payment_status',
    'attempt_count',
    'status_timestamp',
  ]),
  spec('demo_campaigns.csv', 'demo', [
    'campaign_id',
    'campaign_name',
    'marketing_channel',
    'budget',
    'start_date',
    'end_date',
  ]),
  spec('demo_sessions.csv', 'demo', [
    'session_id',
    'customer_unique_id',
    'sales_channel',
    'device',
    'campaign_id',
    'session_start',
    'session_end',
  ]),
  spec('demo_session_events.csv', 'demo', [
    'event_id',
    'session_id',
    'event_type',
    'event_timestamp',
    'product_id',
    'search_term',
    'order_id',
  ]),
  spec('demo_loyalty.csv', 'demo', [
    'customer_unique_id',
    'order_id',
    'event_timestamp',
    'points_earned',
    'points_balance',
    'lifetime_spend',
    'tier',
  ]),
  spec('demo_inventory.csv', 'demo', [
    'warehouse_id',
    'warehouse_state',
    'product_id',
    'safety_stock',
    'reorder_point',
    'initial_stock',
    'stock_on_hand',
    'snapshot_timestamp',
  ]),
  spec('demo_stock_movements.csv', 'demo', [
    'movement_id',
    'warehouse_id',
    'product_id',
    'movement_type',
    'quantity',
    'movement_timestamp',
    'reason',
    'order_id',
  ]),
  spec('demo_returns.csv', 'demo', [
    'return_id',
    'order_id',
    'order_item_id',
    'product_id',
    'return_reason',
    'return_timestamp',
    'refund_amount',
  ]),
] as const;

/** Every file the demo generator writes, in the order their headers are written. */
export const DEMO_FILES: readonly DemoFileSpec[] = [...OLIST_FILES, ...EXTENSION_FILES];

export type DemoFileName =
  (typeof OLIST_FILES)[number]['name'] | (typeof EXTENSION_FILES)[number]['name'];

/** The header line of a file as written, including its byte-order mark and line break. */
export function headerLine(file: DemoFileSpec): string {
  const quote = file.quoting === 'all' || file.quoting === 'header';
  const cells = quote ? file.columns.map(quoted) : file.columns;
  return (file.bom ? '\uFEFF' : '') + cells.join(',') + '\n';
}
