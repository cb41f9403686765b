/** `lakehouse-2026-11-23.duckdb`: the name "Export database" downloads, dated by the user's clock. */
export function exportFileName(now: Date, format: 'duckdb' | 'lakehouse'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `lakehouse-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${format}`;
}
