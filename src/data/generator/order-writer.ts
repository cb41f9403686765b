import { basket, basketTotal } from './basket.ts';
import type { Line } from './basket.ts';
import type { Calendar } from './calendar.ts';
import { DATA_END, OrderClock } from './calendar.ts';
import type { CampaignPlan } from './campaigns.ts';
import type { Catalog, Product } from './catalog.ts';
import { field, money } from './csv.ts';
import { CUSTOMER_STATE_CUMULATIVE, distanceClass, placeFrom } from './geo.ts';
import type { Place } from './geo.ts';
import { hexId, scientificId } from './ids.ts';
import type { Inventory } from './inventory.ts';
import { lifecycle, pickStatus } from './lifecycle.ts';
import type { Lifecycle, OrderStatus } from './lifecycle.ts';
import { mainPaymentType, payments } from './payments.ts';
import { People, REPEAT_ORDER_SHARE } from './people.ts';
import { hashFloat, hashString, Rng } from './prng.ts';
import { ReviewWriter } from './reviews.ts';
import type { Rows } from './rows.ts';
import { BLAST_WINDOW, FLASH_WINDOW, inWindow } from './scenarios.ts';
import type { DemoRecipe } from './scenarios.ts';
import {
  ABANDONED_PER_ORDER,
  KNOWN_VISITOR_SHARE,
  pickChannel,
  pickDevice,
  SessionWriter,
} from './sessions.ts';
import { DAY, formatOptional, formatTimestamp, HOUR } from './time.ts';

/** Returns per item row: 2% base, +6 points when late, +3 points for products rated below 3. */
export const RETURN_SHARES = { base: 0.02, late: 0.06, lowRating: 0.03 } as const;
const RETURN_REASONS = ['damaged', 'wrong_item', 'not_as_described', 'changed_mind'] as const;
const FRAUD_STATUSES: readonly (readonly [OrderStatus, number])[] = [
  ['canceled', 0.7],
  ['approved', 0.08],
  ['processing', 0.07],
  ['invoiced', 0.05],
  ['delivered', 0.1],
];
const FRAUD_PLACE = hashString('fraud-place');

export class OrderWriter {
  readonly people: People;
  /** Item rows written per product (units sold), for the demand ceiling. */
  readonly units: Int32Array;
  private readonly rng: Rng;
  private readonly clock: OrderClock;
  private readonly reviews: ReviewWriter;
  private readonly sessions: SessionWriter;

  constructor(
    private readonly recipe: DemoRecipe,
    private readonly catalog: Catalog,
    private readonly calendar: Calendar,
    private readonly plan: CampaignPlan,
    private readonly inventory: Inventory,
    private readonly rows: Rows,
  ) {
    this.rng = new Rng(recipe.seed, 'orders');
    this.clock = new OrderClock(calendar, recipe.orders, new Rng(recipe.seed, 'clock'));
    this.people = new People(recipe.seed);
    this.units = new Int32Array(catalog.products.length);
    this.reviews = new ReviewWriter(rows.reviews);
    this.sessions = new SessionWriter(rows.sessions, rows.events, catalog, plan);
  }

  private product(line: Line): Product {
    return this.catalog.products[line.product] as Product;
  }

  private fraudPlace(t: number): Place {
    const burst = Math.max(
      0,
      this.calendar.bursts.findIndex((w) => inWindow(w, t)),
    );
    const u = (lane: number, k: number): number =>
      hashFloat(this.recipe.seed, FRAUD_PLACE, burst * 3 + k, lane);
    const k = this.rng.int(3);
    return placeFrom(CUSTOMER_STATE_CUMULATIVE, u(0, k), u(1, k), u(2, k));
  }

  private fraudStatus(): OrderStatus {
    let x = this.rng.float();
    for (const [status, share] of FRAUD_STATUSES) if ((x -= share) < 0) return status;
    return 'canceled';
  }

  write(i: number): void {
    const { rng, rows, people } = this;
    const { t, extra } = this.clock.next(i);
    const fraud = this.recipe.scenario === 'fraud_attack' && extra;
    const flash = this.recipe.scenario === 'flash_sale' && inWindow(FLASH_WINDOW, t);
    const blast = this.recipe.scenario === 'promotion_blast' && inWindow(BLAST_WINDOW, t);
    let person: number | null = null;
    let personId: string;
    let place: Place;
    if (fraud) {
      personId = people.fraudsterId(people.newFraudster());
      place = this.fraudPlace(t);
    } else {
      person = (rng.chance(REPEAT_ORDER_SHARE) ? people.existing(rng) : null) ?? people.newPerson();
      personId = people.id(person);
      place = people.place(person);
    }
    const orderId = i % 5000 === 17 ? scientificId(() => rng.u32()) : hexId(rng);
    const customerId = i % 5000 === 41 ? scientificId(() => rng.u32()) : hexId(rng);
    const status = fraud ? this.fraudStatus() : pickStatus(rng);
    const lines = basket(
      rng,
      this.catalog,
      fraud ? 'fraud' : flash ? 'flash' : 'normal',
      place.state,
    );
    const first = this.product(lines[0] as Line);
    const sellerState = this.catalog.sellers[first.seller]?.place.state ?? place.state;
    const type = fraud ? 'credit_card' : mainPaymentType(rng);
    const life = lifecycle(
      rng,
      t,
      status,
      distanceClass(sellerState, place.state),
      type === 'boleto',
    );
    const total = basketTotal(lines);

    rows.orders.push(
      `${orderId},${customerId},${life.status},${formatTimestamp(t)},${formatOptional(life.approved)},` +
        `${formatOptional(life.carrier)},${formatOptional(life.delivered)},${formatTimestamp(life.estimated)}`,
    );
    rows.customers.push(
      `${customerId},${personId},${place.zip},${field(place.city)},${place.state.code}`,
    );
    const paid = payments(rng, total, {
      type,
      status: life.status,
      hasItems: life.hasItems,
      approved: life.approved !== null,
      fraud,
      blast,
    });
    const statusAt = formatTimestamp(life.approved ?? t);
    for (const p of paid) {
      rows.payments.push(
        `${orderId},${p.sequential},${p.type},${p.installments},${money(p.cents)}`,
      );
      rows.paymentStatus.push(`${orderId},${p.sequential},${p.status},${p.attempts},${statusAt}`);
    }
    this.reviews.order(rng, orderId, first.rating, life, t, fraud);

    const channel = pickChannel(rng);
    const device = fraud ? 'desktop' : pickDevice(rng);
    const campaign = fraud ? null : this.plan.pick(rng, t);
    const products = lines.map((l) => l.product);
    const session = this.sessions.purchase(rng, {
      orderId,
      personId,
      t,
      channel,
      device,
      campaign,
      products,
      fraud,
    });
    rows.channels.push(`${orderId},${channel},${device},${session},${campaign?.id ?? ''}`);
    for (
      let k = rng.poisson(blast ? ABANDONED_PER_ORDER.blast : ABANDONED_PER_ORDER.normal);
      k > 0;
      k--
    ) {
      const visitor = rng.chance(KNOWN_VISITOR_SHARE) ? people.existing(rng) : null;
      this.sessions.abandoned(rng, t, visitor === null ? '' : people.id(visitor));
    }
    if (person !== null) {
      const earning = life.hasItems && life.status !== 'canceled' && life.status !== 'unavailable';
      const e = people.earn(person, total, earning);
      rows.loyalty.push(
        `${personId},${orderId},${formatTimestamp(t)},${e.earned},${e.balance},${money(e.spendCents)},${e.tier}`,
      );
    }
    if (life.hasItems) this.writeItems(orderId, t, life, lines, place, fraud);
  }

  private writeItems(
    orderId: string,
    t: number,
    life: Lifecycle,
    lines: readonly Line[],
    place: Place,
    fraud: boolean,
  ): void {
    const { rng, rows } = this;
    const limit = formatTimestamp((life.approved ?? t) + 6 * DAY);
    const ships = life.status !== 'canceled';
    let n = 0;
    for (const line of lines) {
      const p = this.product(line);
      const seller = this.catalog.sellers[p.seller]?.id ?? '';
      const slot = this.inventory.slotFor(line.product, place.state.region);
      if (ships) this.inventory.sell(slot, line.qty, t, orderId);
      this.units[line.product] = (this.units[line.product] as number) + line.qty;
      for (let q = 0; q < line.qty; q++) {
        n++;
        rows.items.push(
          `${orderId},${n},${p.id},${seller},${limit},${money(line.priceCents)},${money(line.freightCents)}`,
        );
        if (fraud || life.status !== 'delivered' || life.delivered === null) continue;
        const share =
          RETURN_SHARES.base +
          (life.late ? RETURN_SHARES.late : 0) +
          (p.rating < 3 ? RETURN_SHARES.lowRating : 0);
        if (!rng.chance(share)) continue;
        const reason = life.late && rng.chance(0.4) ? 'late_delivery' : rng.pick(RETURN_REASONS);
        const at = life.delivered + rng.range(1, 25) * DAY + rng.int(14 * HOUR) + 8 * HOUR;
        if (at > DATA_END) continue;
        const refund =
          line.priceCents +
          (reason === 'changed_mind' || reason === 'not_as_described' ? 0 : line.freightCents);
        rows.returns.push(
          `${hexId(rng)},${orderId},${n},${p.id},${reason},${formatTimestamp(at)},${money(refund)}`,
        );
        if (reason !== 'damaged') this.inventory.restore(slot, at, orderId);
      }
    }
  }
}
