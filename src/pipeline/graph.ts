import { LAYERS, referencedTables, type Model } from './model.ts';

export class PipelineDefinitionError extends Error {
  override name = 'PipelineDefinitionError';
}

const layerRank = (m: Model): number => LAYERS.indexOf(m.layer);
const byLayerThenId = (a: Model, b: Model): number =>
  layerRank(a) - layerRank(b) || a.id.localeCompare(b.id);

/** Every declared input of a model, required first. */
export const allInputs = (m: Model): string[] => [...m.inputs, ...m.optionalInputs];

/**
 * Checks the models as a whole and returns them in dependency order (ties broken by layer, then
 * name, so the order is stable). Throws naming the model on a duplicate, an unknown input, an
 * undeclared reference in the body, a relationships test on an unknown table, or a cycle.
 */
export function orderModels(models: readonly Model[]): Model[] {
  const byId = new Map<string, Model>();
  for (const m of models) {
    if (byId.has(m.id)) throw new PipelineDefinitionError(`model ${m.id} is defined twice`);
    byId.set(m.id, m);
  }
  for (const m of models) {
    const declared = new Set(allInputs(m));
    for (const input of declared) {
      if (input === m.id)
        throw new PipelineDefinitionError(`model ${m.id} lists itself as an input`);
      if (!input.startsWith('bronze.') && !byId.has(input)) {
        throw new PipelineDefinitionError(`model ${m.id}: unknown input ${input} (no such model)`);
      }
    }
    for (const ref of referencedTables(m.body)) {
      if (ref !== m.id && !declared.has(ref)) {
        throw new PipelineDefinitionError(
          `model ${m.id} reads ${ref} but does not declare it in @inputs or @optional-inputs`,
        );
      }
    }
    for (const t of m.tests) {
      if (t.kind === 'relationships' && !t.parent.startsWith('bronze.') && !byId.has(t.parent)) {
        throw new PipelineDefinitionError(
          `model ${m.id}: test ${t.name} names unknown ${t.parent}`,
        );
      }
    }
  }
  const indegree = new Map(models.map((m) => [m.id, 0]));
  const dependants = new Map<string, Model[]>();
  for (const m of models) {
    for (const input of allInputs(m)) {
      if (!byId.has(input)) continue;
      indegree.set(m.id, (indegree.get(m.id) ?? 0) + 1);
      dependants.set(input, [...(dependants.get(input) ?? []), m]);
    }
  }
  const ready = models.filter((m) => indegree.get(m.id) === 0).sort(byLayerThenId);
  const ordered: Model[] = [];
  while (ready.length > 0) {
    const next = ready.shift() as Model;
    ordered.push(next);
    for (const d of dependants.get(next.id) ?? []) {
      const left = (indegree.get(d.id) ?? 0) - 1;
      indegree.set(d.id, left);
      if (left === 0) {
        ready.push(d);
        ready.sort(byLayerThenId);
      }
    }
  }
  if (ordered.length < models.length) {
    const stuck = models.filter((m) => !ordered.includes(m)).map((m) => m.id);
    throw new PipelineDefinitionError(`dependency cycle among: ${findCycle(stuck, byId)}`);
  }
  return ordered;
}

function findCycle(stuck: string[], byId: Map<string, Model>): string {
  const inStuck = new Set(stuck);
  const path: string[] = [];
  let current = stuck[0] as string;
  while (!path.includes(current)) {
    path.push(current);
    const model = byId.get(current) as Model;
    current = allInputs(model).find((i) => inStuck.has(i)) ?? current;
  }
  return [...path.slice(path.indexOf(current)), current].join(' → ');
}

export type Availability = 'present' | 'absent';

/**
 * Why a model cannot run, or null when it can: a required input is absent (an empty or missing
 * bronze table, a skipped or failed model), or every input is optional and none is present.
 */
export function skipReason(model: Model, available: (ref: string) => Availability): string | null {
  const missing = model.inputs.filter((i) => available(i) === 'absent');
  if (missing.length > 0)
    return `required input${missing.length > 1 ? 's' : ''} absent: ${missing.join(', ')}`;
  if (model.inputs.length === 0 && model.optionalInputs.length > 0) {
    if (model.optionalInputs.every((i) => available(i) === 'absent')) {
      return `none of its inputs is present: ${model.optionalInputs.join(', ')}`;
    }
  }
  return null;
}
