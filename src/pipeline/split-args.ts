/**
 * Splits `a, f(b, c), ['x', 'y']` at its top-level commas, keeping quotes, parentheses and
 * brackets intact. Used for `@inputs` lists, `@tests` lists and a test's own arguments.
 */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote !== null) {
      current += ch;
      if (ch === quote) {
        if (text[i + 1] === quote) current += text[++i] as string;
        else quote = null;
      }
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (depth < 0) throw new Error(`unbalanced "${ch}" in: ${text}`);
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (quote !== null || depth !== 0) throw new Error(`unbalanced quotes or brackets in: ${text}`);
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}
