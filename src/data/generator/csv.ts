const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 field: quoted only when it holds a quote, comma or line break. */
export function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Always-quoted field (the reviews file quotes everything). */
export function quoted(value: string): string {
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

/** Integer cents → `123.45`. */
export function money(cents: number): string {
  const c = Math.round(cents);
  const sign = c < 0 ? '-' : '';
  const a = Math.abs(c);
  const r = a % 100;
  return `${sign}${(a - r) / 100}.${r < 10 ? '0' + r : r}`;
}
