import { allInputs } from './graph.ts';
import type { Model } from './model.ts';
import type { PipelineRun } from './types.ts';

export interface LineageNode {
  id: string;
  kind: 'file' | 'bronze' | 'silver' | 'gold' | 'ml';
  rows: number | null;
  durationMs: number | null;
  status: 'loaded' | 'absent' | 'built' | 'skipped' | 'failed';
}

export interface LineageEdge {
  from: string;
  to: string;
  optional: boolean;
}

export interface Lineage {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

/** Source files → bronze tables → models, with row counts and timings of `run`; edges from the headers. */
export function buildLineage(run: PipelineRun, models: readonly Model[]): Lineage {
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  for (const b of run.bronze) {
    for (const f of b.files) {
      nodes.push({
        id: `file:${f.file}`,
        kind: 'file',
        rows: f.rows,
        durationMs: null,
        status: 'loaded',
      });
      edges.push({ from: `file:${f.file}`, to: `bronze.${b.table}`, optional: false });
    }
    nodes.push({
      id: `bronze.${b.table}`,
      kind: 'bronze',
      rows: b.rows,
      durationMs: null,
      status: 'loaded',
    });
  }
  const known = new Set(nodes.map((n) => n.id));
  const runs = new Map(run.models.map((m) => [m.model, m]));
  for (const m of models) {
    for (const input of allInputs(m)) {
      if (input.startsWith('bronze.') && !known.has(input)) {
        known.add(input);
        nodes.push({ id: input, kind: 'bronze', rows: 0, durationMs: null, status: 'absent' });
      }
      edges.push({ from: input, to: m.id, optional: !m.inputs.includes(input) });
    }
    const r = runs.get(m.id);
    nodes.push({
      id: m.id,
      kind: m.layer,
      rows: r?.rows ?? null,
      durationMs: r?.durationMs ?? null,
      status: r?.status ?? 'skipped',
    });
  }
  return { nodes, edges };
}
