/** Literal helpers for the rows the operators write back (numbers they computed, names from stream.dict). */
export function sqlNumber(x: number | null): string {
  if (x === null) return 'NULL';
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  // Exponent form keeps every digit and is read as DOUBLE, not DECIMAL.
  return Number.isInteger(x) ? String(x) : x.toExponential();
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** `INSERT INTO table SELECT <select> FROM (VALUES …) v(columns)`; nothing when there are no rows. */
export function insertValues(
  table: string,
  columns: readonly string[],
  select: string,
  rows: readonly string[][],
): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const values = rows
      .slice(i, i + 5000)
      .map((r) => `(${r.join(',')})`)
      .join(',');
    out.push(
      `INSERT INTO ${table} SELECT ${select} FROM (VALUES ${values}) v(${columns.join(',')})`,
    );
  }
  return out;
}
