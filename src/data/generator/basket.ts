import type { Catalog, Product } from './catalog.ts';
import { dexp } from './detmath.ts';
import { distanceClass } from './geo.ts';
import type { State } from './geo.ts';
import type { Rng } from './prng.ts';

export type BasketMode = 'normal' | 'flash' | 'fraud';

/** One product in an order: `qty` item rows with the same price and freight. */
export interface Line {
  readonly product: number;
  readonly qty: number;
  readonly priceCents: number;
  readonly freightCents: number;
}

/** Olist: ~90% of orders hold one item row; repeated rows of one product are common. */
const DISTINCT = [0.94, 0.05, 0.008, 0.002];
const QUANTITY = [0.93, 0.05, 0.012, 0.005, 0.003];
const FREIGHT_DISTANCE = [1.0, 1.3, 1.7, 2.2];
export const FREE_FREIGHT_SHARE = 0.003;
/** Share of picks in the flash window that go to flash-sale products. */
const FLASH_PICK_SHARE = 0.7;

function fromTable(rng: Rng, table: readonly number[]): number {
  let x = rng.float();
  for (let i = 0; i < table.length; i++) {
    x -= table[i] as number;
    if (x < 0) return i + 1;
  }
  return 1;
}

/** Units per pick, E[qty] = Σ q·P(q); used by the demand ceiling. */
export const MEAN_QUANTITY = QUANTITY.reduce((s, p, i) => s + p * (i + 1), 0);
export const QUANTITY_TABLE: readonly number[] = QUANTITY;

function freight(rng: Rng, p: Product, seller: State, customer: State): number {
  if (rng.chance(FREE_FREIGHT_SHARE)) return 0;
  const kg = (p.weightG ?? 1000) / 1000;
  const factor = FREIGHT_DISTANCE[distanceClass(seller, customer)] as number;
  return Math.round(100 * (11 + 2.2 * kg) * factor * dexp(0.2 * rng.normal()));
}

function pickProduct(rng: Rng, catalog: Catalog, mode: BasketMode): number {
  if (mode === 'fraud') return catalog.expensive[rng.int(catalog.expensive.length)] as number;
  if (mode === 'flash' && catalog.flash !== null && rng.chance(FLASH_PICK_SHARE)) {
    return catalog.flashProducts[catalog.flash.sample(rng)] as number;
  }
  return catalog.demand.sample(rng);
}

export function basket(rng: Rng, catalog: Catalog, mode: BasketMode, customer: State): Line[] {
  const distinct = mode === 'fraud' ? rng.range(2, 4) : fromTable(rng, DISTINCT);
  const chosen: number[] = [];
  for (let k = 0; k < distinct; k++) {
    let p = pickProduct(rng, catalog, mode);
    for (let retry = 0; retry < 4 && chosen.includes(p); retry++)
      p = pickProduct(rng, catalog, mode);
    if (!chosen.includes(p)) chosen.push(p);
  }
  return chosen.map((index) => {
    const p = catalog.products[index] as Product;
    const seller = catalog.sellers[p.seller]?.place.state as State;
    const flashPrice = mode === 'flash' && p.flashDiscount > 0;
    return {
      product: index,
      qty: mode === 'fraud' ? rng.range(1, 3) : fromTable(rng, QUANTITY),
      priceCents: flashPrice ? p.flashPriceCents : p.priceCents,
      freightCents: freight(rng, p, seller, customer),
    };
  });
}

export function basketTotal(lines: readonly Line[]): number {
  return lines.reduce((s, l) => s + l.qty * (l.priceCents + l.freightCents), 0);
}
