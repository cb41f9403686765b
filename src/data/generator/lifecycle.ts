import type { Rng } from './prng.ts';
import { DAY, epoch, HOUR, startOfDay } from './time.ts';
import { DATA_END } from './calendar.ts';
import { dexp } from './detmath.ts';

export const ORDER_STATUSES = [
  'delivered',
  'shipped',
  'canceled',
  'unavailable',
  'invoiced',
  'processing',
  'created',
  'approved',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Olist's status counts out of 99,441 orders. */
const STATUS_COUNTS = [96_478, 1_107, 625, 609, 314, 301, 5, 2];
const STATUS_TOTAL = STATUS_COUNTS.reduce((a, b) => a + b, 0);

export function pickStatus(rng: Rng): OrderStatus {
  let x = rng.float() * STATUS_TOTAL;
  for (let i = 0; i < STATUS_COUNTS.length; i++) {
    x -= STATUS_COUNTS[i] as number;
    if (x < 0) return ORDER_STATUSES[i] as OrderStatus;
  }
  return 'delivered';
}

export interface Lifecycle {
  readonly status: OrderStatus;
  readonly approved: number | null;
  readonly carrier: number | null;
  readonly delivered: number | null;
  /** Always at midnight. */
  readonly estimated: number;
  readonly late: boolean;
  /** unavailable, created and ~26% of canceled orders have no item rows (as in Olist). */
  readonly hasItems: boolean;
}

/** Documented quirk shares (see DATASET.md). */
export const QUIRKS = {
  canceledWithoutItems: 0.26,
  canceledUnapproved: 0.25,
  deliveredUnapproved: 0.0015,
  deliveredWithoutCustomerDate: 0.001,
} as const;

const TRANSIT_DAYS = [3, 6, 9, 13];
const ESTIMATE_DAYS = [12, 18, 24, 30];
const LATE_SHARE = [0.04, 0.065, 0.09, 0.12];
/** Carrier congestion: the 2017 Black Friday backlog and the February–March 2018 truckers' slowdown. */
const CONGESTED: readonly (readonly [number, number])[] = [
  [epoch(2017, 11, 20), epoch(2017, 12, 20)],
  [epoch(2018, 2, 15), epoch(2018, 4, 1)],
];

function approvalDelay(rng: Rng, boleto: boolean): number {
  if (boleto) return DAY + rng.int(2 * DAY);
  return rng.chance(0.7) ? 60 + rng.int(20 * 60) : HOUR + rng.int(23 * HOUR);
}

export function lifecycle(
  rng: Rng,
  t: number,
  status: OrderStatus,
  distance: number,
  boleto: boolean,
): Lifecycle {
  const estimated = startOfDay(t) + (ESTIMATE_DAYS[distance] as number) * DAY + rng.int(8) * DAY;
  const approvedAt = t + approvalDelay(rng, boleto);
  const carrierAt = approvedAt + Math.floor((0.5 + 3.5 * rng.float()) * DAY);
  const hasItems = !(
    status === 'unavailable' ||
    status === 'created' ||
    (status === 'canceled' && rng.chance(QUIRKS.canceledWithoutItems))
  );
  const pending = (approved: number | null, carrier: number | null, final = status): Lifecycle => ({
    status: final,
    approved,
    carrier,
    delivered: null,
    estimated,
    late: false,
    hasItems,
  });
  switch (status) {
    case 'created':
      return pending(null, null);
    case 'canceled': {
      const approved = rng.chance(QUIRKS.canceledUnapproved) ? null : approvedAt;
      return pending(approved, approved !== null && hasItems && rng.chance(0.1) ? carrierAt : null);
    }
    case 'shipped':
      return pending(approvedAt, carrierAt);
    case 'delivered':
      break;
    default:
      return pending(approvedAt, null);
  }
  let congested = 0;
  for (const [a, b] of CONGESTED) if (t >= a && t < b) congested = 0.06;
  const late = rng.chance((LATE_SHARE[distance] as number) + congested);
  let delivered: number;
  if (late) {
    delivered = estimated + DAY + rng.int(14 * DAY);
  } else {
    const typical = (TRANSIT_DAYS[distance] as number) * DAY * dexp(0.35 * rng.normal());
    const room = estimated - HOUR - carrierAt;
    delivered = carrierAt + Math.floor(Math.max(HOUR, Math.min(typical, room)));
  }
  // The data ends on 2018-10-17: an order that would arrive later is still in transit.
  if (delivered > DATA_END) return pending(approvedAt, carrierAt, 'shipped');
  return {
    status,
    approved: rng.chance(QUIRKS.deliveredUnapproved) ? null : approvedAt,
    carrier: carrierAt,
    delivered: rng.chance(QUIRKS.deliveredWithoutCustomerDate) ? null : delivered,
    estimated,
    late,
    hasItems,
  };
}
