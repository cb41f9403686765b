import { CUSTOMER_STATE_CUMULATIVE, placeFrom } from './geo.ts';
import type { Place } from './geo.ts';
import { hashedHexId, hashedScientificId } from './ids.ts';
import { hashFloat, hashString } from './prng.ts';
import type { Rng } from './prng.ts';

/** Share of orders placed by a returning person (Olist's ~3% is raised so RFM segments differ). */
export const REPEAT_ORDER_SHARE = 0.13;
/**
 * Repeat buyers are drawn from the most recent 2^20 persons, so memory stays bounded at 5M orders
 * (for up to ~1.1M orders every earlier person is eligible).
 */
export const REPEAT_WINDOW = 1 << 20;

export const TIERS = [
  { name: 'Bronze', minPoints: 0, multiplier: 1 },
  { name: 'Silver', minPoints: 150, multiplier: 1.25 },
  { name: 'Gold', minPoints: 400, multiplier: 1.5 },
  { name: 'Platinum', minPoints: 1000, multiplier: 2 },
] as const;

export type TierName = (typeof TIERS)[number]['name'];

function tierOf(points: number): (typeof TIERS)[number] {
  let tier: (typeof TIERS)[number] = TIERS[0];
  for (const t of TIERS) if (points >= t.minPoints) tier = t;
  return tier;
}

const PERSON = hashString('person');
const FRAUD_PERSON = hashString('fraud-person');
const PLACE = hashString('person-place');

export interface LoyaltyEntry {
  readonly earned: number;
  readonly balance: number;
  readonly spendCents: number;
  readonly tier: TierName;
}

/**
 * Persons (Olist's customer_unique_id) are numbered in order of their first purchase; every
 * attribute derives from the number by hashing, so only loyalty totals for the recent window are kept.
 */
export class People {
  created = 0;
  fraudCreated = 0;
  private readonly spend = new Float64Array(REPEAT_WINDOW);
  private readonly points = new Float64Array(REPEAT_WINDOW);

  constructor(private readonly seed: number) {}

  newPerson(): number {
    const p = this.created++;
    const slot = p & (REPEAT_WINDOW - 1);
    this.spend[slot] = 0;
    this.points[slot] = 0;
    return p;
  }

  /** A uniformly chosen person among the recent window, or null before anyone exists. */
  existing(rng: Rng): number | null {
    if (this.created === 0) return null;
    const span = Math.min(this.created, REPEAT_WINDOW);
    return this.created - 1 - rng.int(span);
  }

  newFraudster(): number {
    return this.fraudCreated++;
  }

  id(person: number): string {
    return person % 5000 === 29
      ? hashedScientificId(this.seed, PERSON, person)
      : hashedHexId(this.seed, PERSON, person);
  }

  fraudsterId(fraudster: number): string {
    return hashedHexId(this.seed, FRAUD_PERSON, fraudster);
  }

  place(person: number): Place {
    const u = (lane: number): number => hashFloat(this.seed, PLACE, person, lane);
    return placeFrom(CUSTOMER_STATE_CUMULATIVE, u(0), u(1), u(2));
  }

  /** Books an order: points = floor(value in BRL × the tier multiplier held before the order). */
  earn(person: number, cents: number, earning: boolean): LoyaltyEntry {
    const slot = person & (REPEAT_WINDOW - 1);
    const before = this.points[slot] as number;
    const earned = earning ? Math.floor((cents / 100) * tierOf(before).multiplier) : 0;
    const balance = before + earned;
    const spendCents = (this.spend[slot] as number) + (earning ? cents : 0);
    this.points[slot] = balance;
    this.spend[slot] = spendCents;
    return { earned, balance, spendCents, tier: tierOf(balance).name };
  }
}
