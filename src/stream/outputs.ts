import { COMPLETED_STATUSES } from './event-log.ts';
import type { WindowAgg } from './operators.ts';

/** Rows of the four outputs of seed 001's processors, per window (times in epoch ms). */
export interface FunnelRow {
  windowStart: number;
  windowEnd: number;
  orders: number;
  ordersWithItems: number;
  ordersWithPayment: number;
  itemsConversionRate: number | null;
  paymentConversionRate: number | null;
  droppedAfterOrder: number;
  droppedAfterItems: number;
}
export interface GmvRow {
  windowStart: number;
  windowEnd: number;
  gmv: number;
  itemEvents: number;
}
export interface DropoffRow {
  windowStart: number;
  windowEnd: number;
  orderStatus: string;
  orders: number;
  droppedOrders: number;
}
export interface PaymentRow {
  windowStart: number;
  windowEnd: number;
  paymentType: string;
  payments: number;
  totalValue: number;
  avgValue: number;
  avgInstallments: number;
}

export interface WindowRows {
  funnel: FunnelRow[];
  gmv: GmvRow[];
  dropoff: DropoffRow[];
  payments: PaymentRow[];
}

const rate = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole);

/**
 * FunnelProcessor: orders → orders with items → orders with payment, with seed 001's rates and
 * drop-offs; GMVProcessor: sum(price + freight) of item events; DropOffProcessor: created orders by
 * status (dropped = not delivered/completed); PaymentProcessor: payments by method.
 * A window appears in an output only when it holds events of that output's kind.
 */
export function windowRows(
  windows: readonly WindowAgg[],
  sizeMs: number,
  names: readonly string[],
): WindowRows {
  const out: WindowRows = { funnel: [], gmv: [], dropoff: [], payments: [] };
  for (const w of windows) {
    const base = { windowStart: w.start, windowEnd: w.start + sizeMs };
    const withItems = w.itemKeys.size;
    const withPayment = w.payKeys.size;
    if (w.orders > 0 || withItems > 0 || withPayment > 0) {
      out.funnel.push({
        ...base,
        orders: w.orders,
        ordersWithItems: withItems,
        ordersWithPayment: withPayment,
        itemsConversionRate: rate(withItems, w.orders),
        paymentConversionRate: rate(withPayment, w.orders),
        droppedAfterOrder: w.orders - withItems,
        droppedAfterItems: withItems - withPayment,
      });
    }
    if (w.items > 0) out.gmv.push({ ...base, gmv: w.gmv, itemEvents: w.items });
    for (const [code, orders] of [...w.status].sort((a, b) => a[0] - b[0])) {
      const orderStatus = names[code] ?? String(code);
      const dropped = COMPLETED_STATUSES.includes(orderStatus) ? 0 : orders;
      out.dropoff.push({ ...base, orderStatus, orders, droppedOrders: dropped });
    }
    for (const [code, [count, value, installments]] of [...w.pay].sort((a, b) => a[0] - b[0])) {
      out.payments.push({
        ...base,
        paymentType: names[code] ?? String(code),
        payments: count,
        totalValue: value,
        avgValue: value / count,
        avgInstallments: installments / count,
      });
    }
  }
  return out;
}
