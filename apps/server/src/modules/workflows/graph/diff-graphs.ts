import type {
  WorkflowEdge,
  WorkflowFieldChange,
  WorkflowGraph,
  WorkflowGraphDiff,
  WorkflowNode,
  WorkflowNodeChange,
  WorkflowNodeMove,
} from '@promptops/contracts';
import { sortKeys } from '../export/canonical-json.js';

// Key order carries no meaning (PostgreSQL's jsonb reorders it), so values compare with sorted keys.
const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Edge ids are arbitrary (the editor mints new ones), so an edge is what it connects. */
const edgeKey = (e: WorkflowEdge) => JSON.stringify([e.source, e.target, e.sourceHandle ?? null]);

function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): WorkflowFieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => !same(before[key], after[key]))
    .map((key) => ({ field: key, before: before[key] ?? null, after: after[key] ?? null }));
}

/** The edges of `a` not in `b`, counting duplicates (two identical edges need two matches). */
function edgesMissingFrom(a: WorkflowEdge[], b: WorkflowEdge[]): WorkflowEdge[] {
  const available = new Map<string, number>();
  for (const e of b) available.set(edgeKey(e), (available.get(edgeKey(e)) ?? 0) + 1);
  const missing: WorkflowEdge[] = [];
  for (const e of a) {
    const left = available.get(edgeKey(e)) ?? 0;
    if (left > 0) available.set(edgeKey(e), left - 1);
    else missing.push(e);
  }
  return missing.sort((x, y) => {
    const kx = edgeKey(x);
    const ky = edgeKey(y);
    return kx < ky ? -1 : kx > ky ? 1 : byId(x, y);
  });
}

/**
 * What changed from one workflow graph to another: nodes (matched by id) added, removed, changed
 * in type or data, and moved on the canvas — a move is listed apart so that tidying the layout
 * does not read as a change of logic — and edges added or removed. Lists are sorted by node id
 * (edges by source, target, handle), so the same two graphs always give the same diff.
 */
export function diffWorkflowGraphs(from: WorkflowGraph, to: WorkflowGraph): WorkflowGraphDiff {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const added: WorkflowNode[] = to.nodes.filter((n) => !before.has(n.id));
  const removed: WorkflowNode[] = from.nodes.filter((n) => !after.has(n.id));
  const changed: WorkflowNodeChange[] = [];
  const moved: WorkflowNodeMove[] = [];
  for (const next of to.nodes) {
    const old = before.get(next.id);
    if (!old) continue;
    const fields = fieldChanges(old.data ?? {}, next.data ?? {});
    if (old.type !== next.type || fields.length > 0)
      changed.push({
        id: next.id,
        type: next.type,
        typeBefore: old.type !== next.type ? old.type : null,
        fields,
      });
    if (!same(old.position ?? null, next.position ?? null))
      moved.push({ id: next.id, before: old.position ?? null, after: next.position ?? null });
  }
  return {
    nodes: {
      added: added.sort(byId),
      removed: removed.sort(byId),
      changed: changed.sort(byId),
      moved: moved.sort(byId),
    },
    edges: { added: edgesMissingFrom(to.edges, from.edges), removed: edgesMissingFrom(from.edges, to.edges) },
  };
}
