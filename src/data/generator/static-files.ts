import type { CampaignPlan } from './campaigns.ts';
import { campaignRow } from './campaigns.ts';
import { CATEGORIES } from './categories.ts';
import type { Catalog } from './catalog.ts';
import { field, money } from './csv.ts';
import type { Rows } from './rows.ts';

const opt = (v: number | null): string => (v === null ? '' : String(v));

/** Rows of the files that do not depend on orders: catalogue, sellers, pricing, campaigns. */
export function writeStaticRows(rows: Rows, catalog: Catalog, plan: CampaignPlan): void {
  for (const c of CATEGORIES)
    if (c.english !== null) rows.translation.push(`${c.name},${c.english}`);
  for (const s of catalog.sellers) {
    rows.sellers.push(`${s.id},${s.place.zip},${field(s.place.city)},${s.place.state.code}`);
  }
  for (const p of catalog.products) {
    const [l, h, w] = p.dims ?? [null, null, null];
    rows.products.push(
      `${p.id},${p.category.name},${opt(p.nameLength)},${opt(p.descriptionLength)},${opt(p.photos)},` +
        `${opt(p.weightG)},${opt(l)},${opt(h)},${opt(w)}`,
    );
    rows.pricing.push(
      `${p.id},${money(p.costCents)},${money(p.listCents)},${p.discount},${money(p.priceCents)},` +
        `${p.rating.toFixed(1)},${p.numReviews},${p.flashDiscount}`,
    );
  }
  for (const c of plan.campaigns) rows.campaigns.push(campaignRow(c));
}
