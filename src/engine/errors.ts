/** What went wrong, in a form a person can act on; crosses the worker boundary as `{ name, message }`. */
export type EngineErrorKind =
  'cancelled' | 'sql' | 'unavailable' | 'memory' | 'startup' | 'internal';

export class EngineError extends Error {
  override readonly name: string;
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
    this.name = `EngineError:${kind}`;
  }
}

const OFFLINE_EXTENSION =
  /(?:with name "?(\w+)"? is not in the catalog, but it exists in the (\w+) extension|Extension "?(\w+)"? not found|extension "?(\w+)"? .*(?:could not be|failed to) (?:loaded|load|install))/i;

/** Turns a DuckDB or runtime error into an EngineError with a message that says what to do. */
export function toEngineError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const raw = duckdbMessage(error instanceof Error ? error.message : String(error));
  if (/interrupt/i.test(raw)) return new EngineError('cancelled', 'Query cancelled.');
  const ext = OFFLINE_EXTENSION.exec(raw);
  if (ext) {
    const what = ext[1]
      ? `${ext[1]} needs DuckDB's ${ext[2]} extension`
      : 'This needs a DuckDB extension';
    return new EngineError(
      'unavailable',
      `${what}, which is not available here: the app never downloads extensions, so it works offline. ` +
        'Use the built-in functions (CSV files load through the Data page).',
    );
  }
  if (/out of memory|memory access out of bounds|could not allocate/i.test(raw)) {
    return new EngineError(
      'memory',
      `The browser's database ran out of memory (${firstLine(raw)}). Filter or aggregate the data, ` +
        'or run the pipeline in Node on native DuckDB (npm run pipeline).',
    );
  }
  if (
    /^(Parser|Binder|Catalog|Conversion|Constraint|Invalid Input|Not implemented|Out of Range|Dependency) Error/i.test(
      raw,
    )
  ) {
    return new EngineError('sql', stripAdvice(raw));
  }
  return new EngineError('internal', stripAdvice(raw) || 'The database failed without a message.');
}

/** duckdb-wasm in a browser reports errors as JSON (`{"exception_type":"Parser","exception_message":…}`). */
function duckdbMessage(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as { exception_type?: string; exception_message?: string };
    if (typeof parsed.exception_message !== 'string') return text;
    return parsed.exception_type
      ? `${parsed.exception_type} Error: ${parsed.exception_message}`
      : parsed.exception_message;
  } catch {
    return text;
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** DuckDB appends "please install/enable autoload" advice that cannot be followed offline. */
function stripAdvice(text: string): string {
  return text
    .replace(/\n+(Please try installing|Alternatively, consider enabling)[\s\S]*$/i, '')
    .trim();
}
