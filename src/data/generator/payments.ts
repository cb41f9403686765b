import type { OrderStatus } from './lifecycle.ts';
import type { Rng } from './prng.ts';

export const PAYMENT_TYPES = [
  'credit_card',
  'boleto',
  'voucher',
  'debit_card',
  'not_defined',
] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];
export const PAYMENT_STATUSES = ['approved', 'pending', 'failed', 'voided', 'chargeback'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface Payment {
  readonly sequential: number;
  readonly type: PaymentType;
  readonly installments: number;
  readonly cents: number;
  readonly status: PaymentStatus;
  readonly attempts: number;
}

/** Documented quirk shares (see DATASET.md). */
export const PAYMENT_QUIRKS = {
  /** Orders that add vouchers to their main payment (Olist: ~3% of orders have several rows). */
  extraVouchers: 0.03,
  extraVouchersInBlast: 0.35,
  /** A voucher row of value 0.00. */
  zeroVoucher: 0.002,
  /** Credit-card rows with 0 installments. */
  zeroInstallments: 0.001,
  /** Card orders whose payment exceeds the items total by installment interest (1% per installment). */
  interest: 0.01,
  /** Orders without items that have no payment row at all, or one `not_defined` row of 0.00. */
  itemlessUnpaid: 0.03,
  itemlessNotDefined: 0.03,
} as const;

/** Main payment type per order (credit card 76.5%, boleto 19.8%, debit 1.5%, vouchers only 2.2%). */
export function mainPaymentType(rng: Rng): PaymentType {
  const u = rng.float();
  return u < 0.765 ? 'credit_card' : u < 0.963 ? 'boleto' : u < 0.978 ? 'debit_card' : 'voucher';
}

/** Olist's card installments 1…10 (% of card payments); capped at one per 25 BRL. */
const INSTALLMENTS = [33, 16, 14, 9, 7, 5.5, 2, 5.5, 0.8, 7];
const INSTALLMENT_TOTAL = INSTALLMENTS.reduce((a, b) => a + b, 0);

function cardInstallments(rng: Rng, cents: number): number {
  if (rng.chance(PAYMENT_QUIRKS.zeroInstallments)) return 0;
  if (cents > 30_000 && rng.chance(0.01)) return rng.range(12, 24);
  let n = 1;
  for (let x = rng.float() * INSTALLMENT_TOTAL; n < INSTALLMENTS.length; n++) {
    x -= INSTALLMENTS[n - 1] as number;
    if (x < 0) break;
  }
  return Math.min(n, Math.max(1, Math.floor(cents / 2500)));
}

/** Splits `cents` into `parts` positive pieces (each at least 1 cent when possible). */
function split(rng: Rng, cents: number, parts: number): number[] {
  const out: number[] = [];
  let left = cents;
  for (let k = parts; k > 1; k--) {
    const piece = Math.max(
      Math.min(1, left),
      Math.round(left * (0.15 + 0.5 * rng.float()) * (2 / k)),
    );
    out.push(Math.min(piece, left));
    left -= Math.min(piece, left);
  }
  out.push(left);
  return out;
}

export interface PaymentContext {
  /** Main type, from mainPaymentType (credit_card for fraud). */
  readonly type: PaymentType;
  readonly status: OrderStatus;
  readonly hasItems: boolean;
  readonly approved: boolean;
  readonly fraud: boolean;
  readonly blast: boolean;
}

function statusOf(rng: Rng, ctx: PaymentContext): [PaymentStatus, number] {
  if (ctx.fraud) {
    if (ctx.status === 'canceled')
      return rng.chance(0.6) ? ['failed', rng.range(2, 6)] : ['voided', 1];
    return rng.chance(0.5) ? ['chargeback', 1] : ['approved', rng.range(1, 3)];
  }
  if (ctx.status === 'canceled') return ctx.approved ? ['voided', 1] : ['failed', rng.range(1, 3)];
  if (!ctx.approved) return ['pending', 1];
  return ['approved', rng.chance(0.03) ? 2 : 1];
}

/** Payment rows of one order; their values sum to `cents` except for the documented quirks. */
export function payments(rng: Rng, cents: number, ctx: PaymentContext): Payment[] {
  const [status, attempts] = statusOf(rng, ctx);
  const row = (
    sequential: number,
    type: PaymentType,
    installments: number,
    value: number,
  ): Payment => ({
    sequential,
    type,
    installments,
    cents: value,
    status,
    attempts,
  });
  if (!ctx.hasItems) {
    const u = rng.float();
    if (u < PAYMENT_QUIRKS.itemlessUnpaid) return [];
    if (u < PAYMENT_QUIRKS.itemlessUnpaid + PAYMENT_QUIRKS.itemlessNotDefined)
      return [row(1, 'not_defined', 1, 0)];
  }
  const type = ctx.type;
  const rows: Payment[] = [];
  if (type === 'voucher') {
    const parts = rng.chance(0.8) ? 1 : rng.range(2, 3);
    split(rng, cents, parts).forEach((v, i) => rows.push(row(i + 1, 'voucher', 1, v)));
  } else {
    const vouchers =
      !ctx.fraud &&
      rng.chance(ctx.blast ? PAYMENT_QUIRKS.extraVouchersInBlast : PAYMENT_QUIRKS.extraVouchers)
        ? rng.chance(0.75)
          ? 1
          : rng.range(2, 3)
        : 0;
    const voucherTotal = vouchers > 0 ? Math.floor(cents * (0.05 + 0.45 * rng.float())) : 0;
    let main = cents - voucherTotal;
    const installments = type === 'credit_card' ? cardInstallments(rng, main) : 1;
    if (type === 'credit_card' && installments >= 2 && rng.chance(PAYMENT_QUIRKS.interest)) {
      main = Math.round(main * (1 + installments / 100));
    }
    rows.push(row(1, type, installments, main));
    if (vouchers > 0) {
      split(rng, voucherTotal, vouchers).forEach((v, i) => rows.push(row(i + 2, 'voucher', 1, v)));
    }
  }
  if (rng.chance(PAYMENT_QUIRKS.zeroVoucher)) rows.push(row(rows.length + 1, 'voucher', 1, 0));
  return rows;
}
