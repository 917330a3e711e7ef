import type { WorkflowRun } from '@promptops/contracts';

export interface CompareSide {
  status: string;
  output: unknown;
  error: string | null;
  costUsd: string;
}

/** One row of the side-by-side comparison: a node and its last visit in each run (null: not run). */
export interface CompareRow {
  nodeId: string;
  left: CompareSide | null;
  right: CompareSide | null;
  /** Both ran it and their outputs differ. */
  differs: boolean;
}

function lastVisits(run: WorkflowRun): Map<string, CompareSide> {
  const out = new Map<string, CompareSide>();
  for (const step of run.steps) {
    out.set(step.nodeId, {
      status: step.status,
      output: step.output,
      error: step.error,
      costUsd: step.costUsd,
    });
  }
  return out;
}

/** Rows in the order the left run visited its nodes, then nodes only the right run visited. */
export function compareRuns(left: WorkflowRun, right: WorkflowRun): CompareRow[] {
  const a = lastVisits(left);
  const b = lastVisits(right);
  const order = [...new Set([...a.keys(), ...b.keys()])];
  return order.map((nodeId) => {
    const l = a.get(nodeId) ?? null;
    const r = b.get(nodeId) ?? null;
    const differs = l !== null && r !== null && JSON.stringify(l.output) !== JSON.stringify(r.output);
    return { nodeId, left: l, right: r, differs };
  });
}

/** An output for reading: strings as they are, everything else as indented JSON. */
export function formatOutput(output: unknown): string {
  if (output === null || output === undefined) return '—';
  if (typeof output === 'string') return output;
  return JSON.stringify(output, null, 2);
}
