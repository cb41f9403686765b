import type { Campaign, CampaignPlan } from './campaigns.ts';
import type { Catalog } from './catalog.ts';
import { field } from './csv.ts';
import { hexId } from './ids.ts';
import type { Rng } from './prng.ts';
import type { FileBuffer } from './rows.ts';
import { formatTimestamp, HOUR } from './time.ts';

export const SALES_CHANNELS = ['website', 'shopee', 'lazada', 'tiki'] as const;
const CHANNEL_SHARES = [0.45, 0.25, 0.18, 0.12];
export const DEVICES = ['mobile', 'desktop', 'tablet'] as const;
const DEVICE_SHARES = [0.62, 0.33, 0.05];
export const EVENT_TYPES = ['view', 'search', 'add_to_cart', 'checkout', 'purchase'] as const;
type EventType = (typeof EVENT_TYPES)[number];

/** Sessions without a purchase per order (Poisson mean): 2.5 normally, 6 inside promotion_blast's window. */
export const ABANDONED_PER_ORDER = { normal: 2.5, blast: 6 } as const;
/** Share of abandoned sessions by a known (logged-in) person; the rest are anonymous. */
export const KNOWN_VISITOR_SHARE = 0.35;
/** How abandoned sessions end: after one view, after browsing, with a cart, at checkout. */
export const ABANDON_SHAPES = { bounce: 0.45, browse: 0.25, cart: 0.22, checkout: 0.08 } as const;

function fromShares<T>(rng: Rng, items: readonly T[], shares: readonly number[]): T {
  let x = rng.float();
  for (let i = 0; i < items.length; i++) {
    x -= shares[i] as number;
    if (x < 0) return items[i] as T;
  }
  return items[0] as T;
}

export const pickChannel = (rng: Rng): string => fromShares(rng, SALES_CHANNELS, CHANNEL_SHARES);
export const pickDevice = (rng: Rng): string => fromShares(rng, DEVICES, DEVICE_SHARES);

interface Visit {
  readonly personId: string;
  readonly t: number;
  readonly channel: string;
  readonly device: string;
  readonly campaign: Campaign | null;
}

export interface PurchaseVisit extends Visit {
  readonly orderId: string;
  readonly products: readonly number[];
  readonly fraud: boolean;
}

/** Writes demo_sessions.csv and demo_session_events.csv (event_id is a running number). */
export class SessionWriter {
  private nextEvent = 1;
  private types: string[] = [];
  private details: string[] = [];

  constructor(
    private readonly sessions: FileBuffer,
    private readonly events: FileBuffer,
    private readonly catalog: Catalog,
    private readonly plan: CampaignPlan,
  ) {}

  private productId(index: number): string {
    return this.catalog.products[index]?.id ?? '';
  }

  private searchTerm(rng: Rng, index: number): string {
    const name = this.catalog.products[index]?.category.name ?? '';
    return name === ''
      ? rng.pick(['presente', 'promoção', 'oferta, frete grátis'])
      : name.replaceAll('_', ' ');
  }

  /** Queues an event; timestamps are spread over the session when it is written. */
  private step(type: EventType, product = '', term = '', order = ''): void {
    this.types.push(type);
    this.details.push(`${product},${field(term)},${order}`);
  }

  private write(rng: Rng, visit: Visit, start: number): string {
    const id = hexId(rng);
    const span = visit.t - start;
    const n = this.types.length;
    for (let k = 0; k < n; k++) {
      const at = start + (n > 1 ? Math.floor((k * span) / (n - 1)) : 0);
      this.events.push(
        `${this.nextEvent++},${id},${this.types[k]},${formatTimestamp(at)},${this.details[k]}`,
      );
    }
    this.types.length = 0;
    this.details.length = 0;
    this.sessions.push(
      `${id},${visit.personId},${visit.channel},${visit.device},${visit.campaign?.id ?? ''},` +
        `${formatTimestamp(start)},${formatTimestamp(visit.t)}`,
    );
    return id;
  }

  /** The session that ends in the order's purchase event; returns its session_id. */
  purchase(rng: Rng, v: PurchaseVisit): string {
    const first = v.products[0] ?? 0;
    if (!v.fraud) {
      if (rng.chance(0.5)) this.step('search', '', this.searchTerm(rng, first));
      for (let k = rng.int(3); k > 0; k--)
        this.step('view', this.productId(this.catalog.demand.sample(rng)));
    }
    for (const p of v.products) this.step('view', this.productId(p));
    for (const p of v.products) this.step('add_to_cart', this.productId(p));
    this.step('checkout');
    this.step('purchase', '', '', v.orderId);
    return this.write(rng, v, v.fraud ? v.t - rng.range(15, 60) : v.t - rng.range(180, 2400));
  }

  /** A visit that leaves without buying, some time before `t` (so traffic follows the order curve). */
  abandoned(rng: Rng, t: number, personId: string): void {
    const end = t - rng.int(12 * HOUR);
    let product = this.catalog.demand.sample(rng);
    if (rng.chance(0.3)) this.step('search', '', this.searchTerm(rng, product));
    const u = rng.float();
    const shape =
      u < ABANDON_SHAPES.bounce
        ? 0
        : u < ABANDON_SHAPES.bounce + ABANDON_SHAPES.browse
          ? 1
          : u < 1 - ABANDON_SHAPES.checkout
            ? 2
            : 3;
    const views = shape === 0 ? 1 : shape === 1 ? rng.range(2, 3) : rng.range(1, 2);
    for (let k = 0; k < views; k++) {
      if (k > 0) product = this.catalog.demand.sample(rng);
      this.step('view', this.productId(product));
    }
    if (shape >= 2) this.step('add_to_cart', this.productId(product));
    if (shape === 3) this.step('checkout');
    const visit = {
      personId,
      t: end,
      channel: pickChannel(rng),
      device: pickDevice(rng),
      campaign: this.plan.pick(rng, end),
    };
    this.write(rng, visit, end - rng.range(30, 1200));
  }
}
