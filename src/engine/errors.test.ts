import { describe, expect, it } from 'vitest';
import { toEngineError } from './errors.ts';

describe('toEngineError', () => {
  it.each([
    [
      '{"exception_type":"Parser","exception_message":"syntax error at or near \\"SELEC\\""}',
      'sql',
      'Parser Error: syntax error at or near "SELEC"',
    ],
    ['INTERRUPT Error: Interrupted!', 'cancelled', 'Query cancelled.'],
    [
      'Catalog Error: Table with name nope does not exist!\nDid you mean "x"?',
      'sql',
      'Catalog Error: Table with name nope does not exist!\nDid you mean "x"?',
    ],
    ['something odd', 'internal', 'something odd'],
  ])('%s → %s', (raw, kind, message) => {
    const error = toEngineError(new Error(raw));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
  });

  it('points at the Node pipeline when memory runs out', () => {
    const error = toEngineError(
      new Error('Out of Memory Error: could not allocate block of 256KB'),
    );
    expect(error.kind).toBe('memory');
    expect(error.message).toContain('npm run pipeline');
  });

  it('explains a missing extension', () => {
    const error = toEngineError(
      new Error(
        'Catalog Error: Scalar Function with name "to_json" is not in the catalog, but it exists in the json extension.\n\nPlease try installing and loading the json extension by running:\nINSTALL json;',
      ),
    );
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^to_json needs DuckDB's json extension, which is not available/);
  });
});
