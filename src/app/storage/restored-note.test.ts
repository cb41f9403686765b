import { describe, expect, it } from 'vitest';
import { formatWhen, restoredNote } from './restored-note.ts';

const batches = [
  { batch_id: 'B000001', rows_loaded: 100_000 },
  { batch_id: 'B000002', rows_loaded: 23_456 },
];

describe('restoredNote', () => {
  it('says what was restored, from where and when, in the reader’s zone', () => {
    expect(
      restoredNote(
        {
          batches,
          builtAt: '2026-11-23 10:05:00.123',
          mode: 'opfs',
          savedAt: '2026-11-23T10:06:00.000Z',
          rebuilding: false,
        },
        'America/Sao_Paulo',
      ),
    ).toBe(
      'Restored 2 loaded files (123,456 rows) and the layers built 23 Nov 2026, 07:05 from this browser’s private file system (OPFS), saved 23 Nov 2026, 07:06. Nothing was loaded again.',
    );
  });

  it('says when the layers are being rebuilt after an interrupted build', () => {
    expect(
      restoredNote(
        {
          batches: batches.slice(0, 1),
          builtAt: null,
          mode: 'indexeddb',
          savedAt: null,
          rebuilding: true,
        },
        'UTC',
      ),
    ).toBe(
      'Restored 1 loaded file (100,000 rows) — the last load or build was cut off, so the layers are being rebuilt from IndexedDB snapshots. Nothing was loaded again.',
    );
  });

  it('leaves an unreadable instant as it is', () => {
    expect(formatWhen('not a date', 'UTC')).toBe('not a date');
  });
});
