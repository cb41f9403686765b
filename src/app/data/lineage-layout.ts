export interface LineageNodeRow {
  id: string;
  kind: string;
  rows: number | null;
  durationMs: number | null;
  status: string;
}

export interface LineageEdgeRow {
  from: string;
  to: string;
  optional: boolean;
}

export interface PlacedNode extends LineageNodeRow {
  depth: number;
  slot: number;
}

/**
 * Places each node in a column by its longest path from a source (files first, then bronze, silver,
 * gold, ml), and orders each column by name, so the graph reads left to right like the pipeline.
 */
export function layoutLineage(nodes: LineageNodeRow[], edges: LineageEdgeRow[]): PlacedNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    if (!ids.has(e.from) || !ids.has(e.to)) continue;
    parents.set(e.to, [...(parents.get(e.to) ?? []), e.from]);
  }
  const depth = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = Math.max(-1, ...(parents.get(id) ?? []).map((p) => visit(p, seen))) + 1;
    depth.set(id, d);
    return d;
  };
  for (const n of nodes) visit(n.id, new Set());
  const columns = new Map<number, PlacedNode[]>();
  for (const n of [...nodes].sort((a, b) => a.id.localeCompare(b.id))) {
    const d = depth.get(n.id) ?? 0;
    const column = columns.get(d) ?? [];
    column.push({ ...n, depth: d, slot: column.length });
    columns.set(d, column);
  }
  return [...columns.values()].flat();
}
