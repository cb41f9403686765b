import type { PipelineRun } from '../../pipeline/types.ts';

/**
 * Tables built only from the demo extension files (real Olist exports have none of them), what they
 * hold and the files that fill them: a panel over a missing table says what to load instead of
 * drawing nothing.
 */
export const SOURCES: Record<string, { what: string; files: readonly string[] }> = {
  'silver.product_pricing': { what: 'catalogue prices', files: ['demo_product_pricing.csv'] },
  'silver.returns': { what: 'returns', files: ['demo_returns.csv'] },
  'silver.sessions': { what: 'sessions', files: ['demo_sessions.csv'] },
  'gold.inventory_turnover': {
    what: 'inventory',
    files: ['demo_inventory.csv', 'demo_stock_movements.csv'],
  },
  'gold.safety_stock_alerts': {
    what: 'stock movement log',
    files: ['demo_inventory.csv', 'demo_stock_movements.csv'],
  },
  'gold.campaign_performance': {
    what: 'campaigns',
    files: ['demo_campaigns.csv', 'demo_order_channels.csv'],
  },
  'gold.channel_performance': {
    what: 'campaigns',
    files: ['demo_campaigns.csv', 'demo_order_channels.csv'],
  },
  'gold.session_funnel': {
    what: 'clickstream',
    files: ['demo_sessions.csv', 'demo_session_events.csv'],
  },
  'gold.loyalty_tiers': { what: 'loyalty ledger', files: ['demo_loyalty.csv'] },
  'gold.category_affinity': {
    what: 'order lines',
    files: ['olist_order_items_dataset.csv', 'olist_products_dataset.csv'],
  },
};

/** True when the last build made `table` (schema.name) and it holds rows. */
export function isBuilt(run: PipelineRun | null, table: string): boolean {
  const model = run?.models.find((m) => m.model === table);
  return model?.status === 'built' && (model.rows ?? 0) > 0;
}

/** The sentence a panel shows instead of its chart when `table` is missing; null when present. */
export function missingNote(run: PipelineRun | null, table: string): string | null {
  if (isBuilt(run, table)) return null;
  const source = SOURCES[table];
  if (!source) return `The loaded data has no ${table}.`;
  const { what, files } = source;
  const list = files.length > 1 ? `${files.slice(0, -1).join(', ')} and ${files.at(-1)}` : files[0];
  return `The loaded data has no ${what}: load ${list} on the Data page to fill this panel.`;
}
