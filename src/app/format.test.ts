import { Field, Int64, Float64, TimestampMillisecond, DateDay, Utf8, Int32 } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCell,
  formatCount,
  formatDuration,
  formatMoney,
  formatPercent,
} from './format.ts';

describe('formatCell', () => {
  it.each([
    [new Field('n', new Int64()), 1234567n, '1,234,567'],
    [new Field('n', new Int32()), -42, '-42'],
    [new Field('x', new Float64()), 1234.5678, '1,234.5678'],
    [
      new Field('t', new TimestampMillisecond()),
      Date.UTC(2018, 0, 2, 3, 4, 5),
      '2018-01-02 03:04:05',
    ],
    [new Field('d', new DateDay()), Date.UTC(2017, 10, 24), '2017-11-24'],
    [new Field('s', new Utf8()), '<b>x</b>', '<b>x</b>'],
    [new Field('s', new Utf8()), null, 'NULL'],
  ])('%s %s → %s', (field, value, expected) => {
    expect(formatCell(field, value)).toBe(expected);
  });
});

describe('formatCount and formatDuration', () => {
  it('groups thousands', () => expect(formatCount(1000000)).toBe('1,000,000'));
  it.each([
    [0.4, '<1 ms'],
    [12.4, '12 ms'],
    [1500, '1.50 s'],
    [125_000, '2 min 5 s'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1500, '1.5 KB'],
    [64_000_000, '64 MB'],
    [1_200_000_000, '1.2 GB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('money and percentages', () => {
  it('formats reais with separators and a compact form', () => {
    expect(formatMoney(1234.5)).toBe('R$1,234.50');
    expect(formatMoney(1_234_567, true)).toBe('R$1.2M');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(1, 0)).toBe('100%');
  });
});
