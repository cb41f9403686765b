import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-name.ts';

describe('exportFileName', () => {
  it('dates the download by the local calendar day, with the format as extension', () => {
    expect(exportFileName(new Date(2026, 10, 23, 23, 59), 'duckdb')).toBe(
      'lakehouse-2026-11-23.duckdb',
    );
    expect(exportFileName(new Date(2027, 0, 5, 0, 0), 'lakehouse')).toBe(
      'lakehouse-2027-01-05.lakehouse',
    );
  });
});
