import { DATA_END, PERIOD_END, PERIOD_START } from './calendar.ts';
import type { Catalog } from './catalog.ts';
import type { Region } from './geo.ts';
import { Rng } from './prng.ts';
import type { FileBuffer } from './rows.ts';
import { DAY, formatTimestamp } from './time.ts';

export const WAREHOUSES = [
  { id: 'WH-SP', state: 'SP', region: 'SE' },
  { id: 'WH-MG', state: 'MG', region: 'SE' },
  { id: 'WH-PR', state: 'PR', region: 'S' },
  { id: 'WH-PE', state: 'PE', region: 'NE' },
] as const satisfies readonly { id: string; state: string; region: Region }[];

/** Days of expected demand held as safety stock, covered by the lead time, and ordered per restock. */
export const STOCK_POLICY = {
  safetyDays: 5,
  leadDays: 7,
  lotDays: 30,
  secondWarehouseShare: 0.3,
} as const;

const homeWarehouse = (region: Region, rng: Rng): number =>
  region === 'S' ? 2 : region === 'NE' || region === 'N' ? 3 : rng.chance(0.7) ? 0 : 1;

/**
 * Stock per (product, warehouse) slot: each product sits in one warehouse, some in a second one.
 * Sales take stock out; when it falls to the reorder point a lot is ordered and arrives after
 * 3–10 days, so stock dips below safety stock in between; an empty slot is restocked at once.
 */
export class Inventory {
  private readonly rng: Rng;
  private readonly warehouse: Int8Array;
  private readonly stock: Int32Array;
  private readonly initial: Int32Array;
  private readonly safety: Int32Array;
  private readonly reorder: Int32Array;
  private readonly lot: Int32Array;
  private readonly pending: Int32Array;
  private readonly arrival: Float64Array;
  /** Returned units go back on the shelf on their return date (the latest pending one). */
  private readonly returned: Int32Array;
  private readonly returnedAt: Float64Array;
  private nextId = 1;

  constructor(
    seed: number,
    orders: number,
    private readonly catalog: Catalog,
    private readonly movements: FileBuffer,
  ) {
    this.rng = new Rng(seed, 'inventory');
    const n = catalog.products.length * 2;
    this.warehouse = new Int8Array(n).fill(-1);
    [this.stock, this.initial, this.safety, this.reorder, this.lot, this.pending] = Array.from(
      { length: 6 },
      () => new Int32Array(n),
    ) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    this.arrival = new Float64Array(n);
    this.returned = new Int32Array(n);
    this.returnedAt = new Float64Array(n);
    const totalWeight = catalog.products.reduce((s, p) => s + p.weight, 0);
    const perDay = (orders * 1.15) / ((PERIOD_END - PERIOD_START) / DAY);
    catalog.products.forEach((p, i) => {
      const region = catalog.sellers[p.seller]?.place.state.region ?? 'SE';
      const home = homeWarehouse(region, this.rng);
      const second = this.rng.chance(STOCK_POLICY.secondWarehouseShare) ? (home === 3 ? 0 : 3) : -1;
      const daily = (perDay * p.weight) / totalWeight;
      this.setup(2 * i, home, daily * (second >= 0 ? 0.75 : 1));
      if (second >= 0) this.setup(2 * i + 1, second, daily * 0.25);
    });
  }

  private setup(slot: number, warehouse: number, daily: number): void {
    const safety = Math.max(2, Math.ceil(daily * STOCK_POLICY.safetyDays));
    const reorder = safety + Math.ceil(daily * STOCK_POLICY.leadDays);
    const lot = Math.max(6, Math.ceil(daily * STOCK_POLICY.lotDays));
    this.warehouse[slot] = warehouse;
    this.safety[slot] = safety;
    this.reorder[slot] = reorder;
    this.lot[slot] = lot;
    this.initial[slot] = reorder + lot;
    this.stock[slot] = reorder + lot;
  }

  /** The slot that ships to a customer: the warehouse in the customer's region if it holds the product. */
  slotFor(product: number, region: Region): number {
    const second = 2 * product + 1;
    const w = this.warehouse[second] as number;
    return w >= 0 && WAREHOUSES[w]?.region === region ? second : 2 * product;
  }

  private move(
    slot: number,
    type: 'in' | 'out',
    qty: number,
    t: number,
    reason: string,
    orderId: string,
  ): void {
    const wh = WAREHOUSES[this.warehouse[slot] as number]?.id ?? '';
    const product = this.catalog.products[slot >> 1]?.id ?? '';
    this.movements.push(
      `${this.nextId++},${wh},${product},${type},${qty},${formatTimestamp(t)},${reason},${orderId}`,
    );
  }

  private receive(slot: number, until: number): void {
    const qty = this.pending[slot] as number;
    if (qty > 0 && (this.arrival[slot] as number) <= until) {
      this.move(slot, 'in', qty, this.arrival[slot] as number, 'restock', '');
      this.stock[slot] = (this.stock[slot] as number) + qty;
      this.pending[slot] = 0;
    }
    const back = this.returned[slot] as number;
    if (back > 0 && (this.returnedAt[slot] as number) <= until) {
      this.stock[slot] = (this.stock[slot] as number) + back;
      this.returned[slot] = 0;
    }
  }

  sell(slot: number, qty: number, t: number, orderId: string): void {
    this.receive(slot, t);
    if ((this.stock[slot] as number) < qty) {
      const lot = Math.max(qty, this.lot[slot] as number);
      this.move(slot, 'in', lot, t, 'emergency_restock', '');
      this.stock[slot] = (this.stock[slot] as number) + lot;
    }
    this.stock[slot] = (this.stock[slot] as number) - qty;
    this.move(slot, 'out', qty, t, 'sale', orderId);
    if (
      (this.stock[slot] as number) <= (this.reorder[slot] as number) &&
      this.pending[slot] === 0
    ) {
      this.pending[slot] = this.lot[slot] as number;
      this.arrival[slot] = t + this.rng.range(3, 10) * DAY;
    }
  }

  restore(slot: number, t: number, orderId: string): void {
    this.returned[slot] = (this.returned[slot] as number) + 1;
    this.returnedAt[slot] = Math.max(this.returnedAt[slot] as number, t);
    this.move(slot, 'in', 1, t, 'return', orderId);
  }

  /** Restocks and returns due by the snapshot, then one row per stocked slot. */
  snapshot(inventoryRows: FileBuffer): void {
    const at = formatTimestamp(DATA_END);
    for (let slot = 0; slot < this.warehouse.length; slot++) {
      const w = this.warehouse[slot] as number;
      if (w < 0) continue;
      this.receive(slot, DATA_END);
      const wh = WAREHOUSES[w] as (typeof WAREHOUSES)[number];
      inventoryRows.push(
        `${wh.id},${wh.state},${this.catalog.products[slot >> 1]?.id ?? ''},${this.safety[slot]},${this.reorder[slot]},${this.initial[slot]},${this.stock[slot]},${at}`,
      );
    }
  }
}
