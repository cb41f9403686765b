import { describe, expect, it } from 'vitest';
import { chooseMode, isQuotaError } from './modes.ts';

const all = { opfs: true, syncHandles: true, indexedDb: true };

describe('chooseMode', () => {
  it.each([
    [all, undefined, 'opfs'],
    [{ ...all, syncHandles: false }, undefined, 'indexeddb'],
    [{ ...all, opfs: false }, undefined, 'indexeddb'],
    [{ opfs: false, syncHandles: false, indexedDb: false }, undefined, 'memory'],
    [all, 'indexeddb', 'indexeddb'],
    [all, 'memory', 'memory'],
    [{ ...all, opfs: false, indexedDb: false }, 'opfs', 'memory'],
    [{ ...all, opfs: false }, 'opfs', 'indexeddb'],
  ] as const)('%o forced %s → %s', (caps, force, mode) => {
    expect(chooseMode(caps, force).mode).toBe(mode);
  });

  it('explains every mode but the preferred one', () => {
    expect(chooseMode(all).reason).toBeNull();
    expect(chooseMode({ ...all, syncHandles: false }).reason).toMatch(/saved to IndexedDB/);
    expect(chooseMode({ opfs: false, syncHandles: false, indexedDb: false }).reason).toMatch(
      /gone when it closes/,
    );
  });
});

describe('isQuotaError', () => {
  it('recognises quota errors from the browser and from DuckDB', () => {
    expect(isQuotaError('QuotaExceededError: The operation failed')).toBe(true);
    expect(isQuotaError('IO Error: Could not write file: No space left on device')).toBe(true);
    expect(isQuotaError('Binder Error: column quota_exceeded_at not found')).toBe(false);
    expect(isQuotaError('Parser Error: syntax error')).toBe(false);
  });
});
