import { AliasTable } from './alias.ts';
import { CATEGORIES, UNCATEGORISED, UNCATEGORISED_SHARE, UNTRANSLATED } from './categories.ts';
import type { Category } from './categories.ts';
import { demandIndex, DEMAND_COEFFICIENTS } from './demand.ts';
import { dexp, dlog, dpow } from './detmath.ts';
import { placeFrom, SELLER_STATE_CUMULATIVE } from './geo.ts';
import type { Place } from './geo.ts';
import { hexId, scientificId } from './ids.ts';
import { Rng } from './prng.ts';
import type { Scenario } from './scenarios.ts';

export interface Seller {
  readonly id: string;
  readonly place: Place;
}

export interface Product {
  readonly id: string;
  readonly category: Category;
  readonly seller: number;
  /** Olist's descriptive columns; null where the real data leaves them empty. */
  readonly nameLength: number | null;
  readonly descriptionLength: number | null;
  readonly photos: number | null;
  readonly weightG: number | null;
  readonly dims: readonly [number, number, number] | null;
  readonly listCents: number;
  readonly discount: number;
  readonly priceCents: number;
  readonly costCents: number;
  readonly rating: number;
  readonly numReviews: number;
  /** Flash-sale discount (percent, 0 outside the flash_sale scenario) and price in the window. */
  readonly flashDiscount: number;
  readonly flashPriceCents: number;
  /** Realised demand weight w_p = exp(η_p + ε_p). */
  readonly weight: number;
}

export interface Catalog {
  readonly sellers: readonly Seller[];
  readonly products: readonly Product[];
  readonly demand: AliasTable;
  /** Products on flash sale, weighted by their demand at the flash price (flash_sale only). */
  readonly flash: AliasTable | null;
  readonly flashProducts: Int32Array;
  /** The most expensive tenth of the catalogue, uniformly (what fraudsters buy). */
  readonly expensive: Int32Array;
}

/** Catalogue sizes scale with the order count (Olist: 32,951 products, 3,095 sellers, 99k orders). */
export function catalogSize(orders: number): { products: number; sellers: number } {
  return {
    products: Math.min(32_951, Math.max(60, Math.round(orders * 0.15))),
    sellers: Math.min(3_095, Math.max(12, Math.round(orders * 0.031))),
  };
}

const DISCOUNTS = [5, 10, 15, 20, 25, 30, 35, 40, 50];
const DISCOUNT_WEIGHTS = [20, 20, 15, 12, 10, 8, 6, 5, 4];
const FLASH_DISCOUNTS = [40, 45, 50, 55, 60, 65, 70];
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function buildSellers(rng: Rng, count: number): Seller[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i % 1000 === 1 ? scientificId(() => rng.u32()) : hexId(rng),
    place: placeFrom(SELLER_STATE_CUMULATIVE, rng.float(), rng.float(), rng.float()),
  }));
}

function pickDiscount(rng: Rng, discountAlias: AliasTable): number {
  return rng.chance(0.55) ? 0 : (DISCOUNTS[discountAlias.sample(rng)] as number);
}

/** Catalogue prices are raised so that sold items (which lean cheap) have Olist's median of ~75 BRL. */
const CATALOGUE_PRICE_FACTOR = 1.7;

function charmPrice(rng: Rng, median: number): number {
  const reais = Math.floor(
    clamp(CATALOGUE_PRICE_FACTOR * median * dexp(0.75 * rng.normal()), 4, 6735),
  );
  const u = rng.float();
  return reais * 100 + (u < 0.5 ? 90 : u < 0.75 ? 99 : 0);
}

function physical(rng: Rng): Pick<Product, 'weightG' | 'dims'> {
  if (rng.chance(0.0005)) return { weightG: null, dims: null };
  const weight = rng.chance(0.001)
    ? 0
    : Math.round(clamp(dexp(6.5 + 1.2 * rng.normal()), 50, 40_425));
  const side = dpow(Math.max(weight, 50) / 0.2, 1 / 3);
  const dim = (lo: number, hi: number): number =>
    Math.round(clamp(side * dexp(0.25 * rng.normal()), lo, hi));
  return { weightG: weight, dims: [dim(16, 105), dim(2, 105), dim(6, 118)] };
}

function buildProduct(
  rng: Rng,
  index: number,
  category: Category,
  seller: number,
  flashSale: boolean,
  discountAlias: AliasTable,
): Product {
  const described = category !== UNCATEGORISED;
  const listCents = charmPrice(rng, category.medianPrice);
  const discount = pickDiscount(rng, discountAlias);
  const priceCents = Math.round((listCents * (100 - discount)) / 100);
  const rating = Math.round(clamp(4.1 + 0.55 * rng.normal(), 1, 5) * 10) / 10;
  const numReviews = Math.floor(Math.min(20_000, dexp(2.3 + 1.3 * rng.normal())));
  const eta = demandIndex({
    price: priceCents / 100,
    discountPercentage: discount,
    rating,
    numReviews,
    category: category.name,
  });
  const flashDiscount = flashSale && rng.chance(0.1) ? rng.pick(FLASH_DISCOUNTS) : 0;
  return {
    id: index % 4000 === 2 ? scientificId(() => rng.u32()) : hexId(rng),
    category,
    seller,
    nameLength: described ? Math.round(clamp(48 + 10 * rng.normal(), 5, 76)) : null,
    descriptionLength: described
      ? Math.round(clamp(dexp(6.4 + 0.75 * rng.normal()), 4, 3992))
      : null,
    photos: described ? Math.min(20, 1 + rng.poisson(1.2)) : null,
    ...physical(rng),
    listCents,
    discount,
    priceCents,
    costCents: Math.round(listCents * (0.42 + 0.3 * rng.float())),
    rating,
    numReviews,
    flashDiscount,
    flashPriceCents: Math.round((listCents * (100 - Math.max(discount, flashDiscount))) / 100),
    weight: dexp(eta + DEMAND_COEFFICIENTS.noiseSigma * rng.normal()),
  };
}

/** The demand weight of a product sold at its flash price (same demand function). */
function flashWeight(p: Product): number {
  const b = DEMAND_COEFFICIENTS;
  const dPrice = b.logPrice * dlog(p.flashPriceCents / p.priceCents);
  return p.weight * dexp(b.discount * (p.flashDiscount - p.discount) + dPrice);
}

export function buildCatalog(seed: number, orders: number, scenario: Scenario): Catalog {
  const rng = new Rng(seed, 'catalog');
  const size = catalogSize(orders);
  const sellers = buildSellers(rng, size.sellers);
  const sellerAlias = new AliasTable(sellers.map((_, i) => 1 / dpow(i + 1, 1.1)));
  const categoryAlias = new AliasTable(CATEGORIES.map((cat) => cat.share));
  const discountAlias = new AliasTable(DISCOUNT_WEIGHTS);
  const products: Product[] = [];
  for (let i = 0; i < size.products; i++) {
    const category =
      i < UNTRANSLATED.length
        ? (UNTRANSLATED[i] as Category)
        : rng.chance(UNCATEGORISED_SHARE)
          ? UNCATEGORISED
          : (CATEGORIES[categoryAlias.sample(rng)] as Category);
    const seller = sellerAlias.sample(rng);
    products.push(buildProduct(rng, i, category, seller, scenario === 'flash_sale', discountAlias));
  }
  const flashIdx = products.flatMap((p, i) => (p.flashDiscount > 0 ? [i] : []));
  const byPrice = products
    .map((p, i) => [p.priceCents, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return {
    sellers,
    products,
    demand: new AliasTable(products.map((p) => p.weight)),
    flash:
      flashIdx.length > 0
        ? new AliasTable(flashIdx.map((i) => flashWeight(products[i] as Product)))
        : null,
    flashProducts: Int32Array.from(flashIdx),
    expensive: Int32Array.from(
      byPrice.slice(0, Math.max(5, Math.ceil(products.length / 10))).map((x) => x[1]),
    ),
  };
}
