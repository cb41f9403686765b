import { describe, expect, it } from 'vitest';
import { emptyBatch } from './batch.ts';
import { OP } from './event-log.ts';
import { createOperators } from './operators.ts';
import { windowRows } from './outputs.ts';

const M = 60_000;
const H = 60 * M;
type Ev = [eid: number, op: number, eventMs: number, key: number, acode: number, amount: number];

function batch(id: number, events: Ev[]) {
  const b = emptyBatch(id, events.length);
  events.forEach(([eid, op, t, key, acode, amount], i) => {
    b.seq[i] = id * 100 + i;
    b.eid[i] = eid;
    b.op[i] = op;
    b.eventMs[i] = t;
    b.kid[i] = key;
    b.acode[i] = acode;
    b.amount[i] = amount;
    b.installments[i] = 2;
  });
  return b;
}

describe('operators on a hand-made arrival order (1 h tumbling windows, 10 min lateness)', () => {
  // Codes: 0 = 'credit_card', 1 = 'delivered', 2 = 'canceled'.
  const names = ['credit_card', 'delivered', 'canceled'];
  const ops = createOperators({ sizeMs: H, slideMs: H }, 10 * M);

  it('batch 1: nothing is late before the first watermark; a duplicate in the same batch is dropped', () => {
    const out = ops.processBatch(
      batch(1, [
        [1, OP.created, 5 * M, 100, 1, 0],
        [2, OP.item, 5 * M, 100, 0, 30],
        [3, OP.item, 5 * M, 100, 0, 20],
        [2, OP.item, 5 * M, 100, 0, 30],
        [4, OP.created, 50 * M, 101, 2, 0],
        [5, OP.payment, 70 * M, 100, 0, 50],
      ]),
    );
    expect(out.watermarkBefore).toBe(-Infinity);
    expect(out.duplicates).toBe(1);
    expect(out.late).toEqual([]);
    expect(out.watermark).toBe(60 * M); // 70 min − 10 min
    // Window [0, 1 h) ends at 60 min = watermark: final now.
    const rows = windowRows(out.closed, H, names);
    expect(rows.funnel).toEqual([
      {
        windowStart: 0,
        windowEnd: H,
        orders: 2,
        ordersWithItems: 1,
        ordersWithPayment: 0,
        itemsConversionRate: 50,
        paymentConversionRate: 0,
        droppedAfterOrder: 1,
        droppedAfterItems: 1,
      },
    ]);
    expect(rows.gmv).toEqual([{ windowStart: 0, windowEnd: H, gmv: 50, itemEvents: 2 }]);
    expect(rows.dropoff.map((r) => [r.orderStatus, r.orders, r.droppedOrders])).toEqual([
      ['delivered', 1, 0],
      ['canceled', 1, 1],
    ]);
    expect(out.updated.map((w) => w.start)).toEqual([H]);
  });

  it('batch 2: an event of a closed window is late; a duplicate of an open one is dropped', () => {
    const out = ops.processBatch(
      batch(2, [
        [6, OP.item, 59 * M, 101, 0, 99],
        [5, OP.payment, 70 * M, 100, 0, 50],
        [7, OP.payment, 65 * M, 102, 0, 10],
      ]),
    );
    expect(out.late).toEqual([0]);
    expect(out.duplicates).toBe(1);
    expect(out.closed).toEqual([]);
    const [final] = ops.flush();
    const rows = windowRows([final!], H, names);
    expect(rows.payments).toEqual([
      {
        windowStart: H,
        windowEnd: 2 * H,
        paymentType: 'credit_card',
        payments: 2,
        totalValue: 60,
        avgValue: 30,
        avgInstallments: 2,
      },
    ]);
  });
});
