import { describe, expect, it } from 'vitest';
import type { ModelRun, PipelineRun } from '../../pipeline/types.ts';
import { isBuilt, missingNote } from './extension-tables.ts';

const model = (id: string, status: ModelRun['status'], rows: number | null): ModelRun => ({
  model: id,
  layer: 'gold',
  status,
  rows,
  durationMs: 1,
  error: null,
  skipReason: status === 'skipped' ? 'required input absent' : null,
});

const run = {
  models: [
    model('gold.loyalty_tiers', 'built', 4),
    model('gold.session_funnel', 'built', 0),
    model('gold.campaign_performance', 'skipped', null),
  ],
} as PipelineRun;

describe('extension tables', () => {
  it('a table counts as present only when built with rows', () => {
    expect(isBuilt(run, 'gold.loyalty_tiers')).toBe(true);
    expect(isBuilt(run, 'gold.session_funnel')).toBe(false);
    expect(isBuilt(run, 'gold.campaign_performance')).toBe(false);
    expect(isBuilt(run, 'gold.inventory_turnover')).toBe(false);
    expect(isBuilt(null, 'gold.loyalty_tiers')).toBe(false);
  });

  it('a missing table names the files that fill it', () => {
    expect(missingNote(run, 'gold.loyalty_tiers')).toBeNull();
    expect(missingNote(run, 'gold.campaign_performance')).toBe(
      'The loaded data has no campaigns: load demo_campaigns.csv and demo_order_channels.csv on the Data page to fill this panel.',
    );
    expect(missingNote(run, 'silver.returns')).toBe(
      'The loaded data has no returns: load demo_returns.csv on the Data page to fill this panel.',
    );
    expect(missingNote(run, 'gold.unheard_of')).toBe('The loaded data has no gold.unheard_of.');
  });
});
