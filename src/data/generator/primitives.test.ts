import { describe, expect, it } from 'vitest';
import { AliasTable } from './alias.ts';
import { money } from './csv.ts';
import { dexp, dlog, dpow } from './detmath.ts';
import { hashedHexId, scientificId } from './ids.ts';
import { lifecycle } from './lifecycle.ts';
import { Rng } from './prng.ts';
import {
  civilFromDays,
  daysFromCivil,
  epoch,
  formatDate,
  formatTimestamp,
  weekday,
} from './time.ts';

describe('deterministic math', () => {
  it('matches Math.log/exp to within a few ulps', () => {
    for (const x of [1e-300, 1e-9, 0.1, 0.5, 1, Math.SQRT2, 2, 10, 12345.678, 1e200]) {
      expect(Math.abs(dlog(x) - Math.log(x))).toBeLessThanOrEqual(
        4e-16 * Math.max(1, Math.abs(Math.log(x))),
      );
    }
    for (const x of [-700, -20, -1, -1e-8, 0, 1e-8, 0.5, 1, 3.3, 50, 700]) {
      expect(Math.abs(dexp(x) / Math.exp(x) - 1)).toBeLessThan(1e-15);
    }
    expect(dlog(1)).toBe(0);
    expect(dexp(0)).toBe(1);
    expect(dpow(8, 1 / 3)).toBeCloseTo(2, 14);
  });
});

describe('time formatting (UTC arithmetic)', () => {
  it('formats epoch seconds as YYYY-MM-DD HH:MM:SS', () => {
    expect(formatTimestamp(0)).toBe('1970-01-01 00:00:00');
    expect(formatTimestamp(epoch(2017, 11, 24, 13, 5, 9))).toBe('2017-11-24 13:05:09');
    expect(formatTimestamp(epoch(2016, 2, 29, 23, 59, 59))).toBe('2016-02-29 23:59:59');
    expect(formatDate(epoch(2018, 12, 31, 12))).toBe('2018-12-31');
    expect(epoch(2017, 11, 24)).toBe(Date.UTC(2017, 10, 24) / 1000);
  });

  it('round-trips civil dates and knows the weekday', () => {
    for (let day = daysFromCivil(2016, 1, 1); day < daysFromCivil(2019, 1, 1); day += 17) {
      const [y, m, d] = civilFromDays(day);
      expect(daysFromCivil(y, m, d)).toBe(day);
      expect(weekday(day)).toBe((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
    }
    expect(weekday(daysFromCivil(2017, 11, 24))).toBe(4);
  });
});

describe('ids, money and sampling', () => {
  it('makes hex and scientific-looking ids', () => {
    expect(hashedHexId(42, 7, 123)).toMatch(/^[0-9a-f]{32}$/);
    expect(hashedHexId(42, 7, 123)).toBe(hashedHexId(42, 7, 123));
    expect(hashedHexId(42, 7, 124)).not.toBe(hashedHexId(42, 7, 123));
    const rng = new Rng(1, 'ids');
    const sci = scientificId(() => rng.u32());
    expect(sci).toMatch(/^[1-9]e\d{30}$/);
    expect(Number(sci)).toBe(Infinity);
  });

  it('formats cents without floating-point drift', () => {
    expect(money(0)).toBe('0.00');
    expect(money(5)).toBe('0.05');
    expect(money(123456)).toBe('1234.56');
    expect(money(-5)).toBe('-0.05');
  });

  it('draws from an alias table in proportion to the weights', () => {
    const table = new AliasTable([1, 2, 7, 0]);
    const rng = new Rng(3, 'alias');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[table.sample(rng)]! += 1;
    expect(counts[3]).toBe(0);
    expect(counts[0]! / 100_000).toBeCloseTo(0.1, 2);
    expect(counts[2]! / 100_000).toBeCloseTo(0.7, 2);
  });

  it('gives independent streams per name and repeatable ones per seed', () => {
    const a = new Rng(5, 'orders');
    const b = new Rng(5, 'orders');
    const c = new Rng(5, 'sessions');
    const xs = [a.u32(), a.u32()];
    expect([b.u32(), b.u32()]).toEqual(xs);
    expect([c.u32(), c.u32()]).not.toEqual(xs);
  });
});

describe('order lifecycle at the end of the data', () => {
  it('leaves orders that would arrive after 2018-10-17 shipped, without a delivery date', () => {
    const rng = new Rng(9, 'lifecycle');
    const end = epoch(2018, 10, 17, 23, 59, 59);
    const statuses = new Set<string>();
    for (let k = 0; k < 2000; k++) {
      const life = lifecycle(rng, epoch(2018, 8, 31, 20), 'delivered', 3, false);
      statuses.add(life.status);
      if (life.status === 'delivered') expect(life.delivered ?? 0).toBeLessThanOrEqual(end);
      else
        expect([life.status, life.delivered, life.carrier !== null]).toEqual([
          'shipped',
          null,
          true,
        ]);
    }
    expect([...statuses].sort()).toEqual(['delivered', 'shipped']);
  });
});
