import type { WorkflowGraphDiff } from '@promptops/contracts';

/** The pair the comparison opens on: the version before the one shown → the one shown. */
export function defaultComparePair(
  versions: readonly number[],
  current: number,
): { from: number; to: number } | null {
  const earlier = versions.filter((v) => v < current);
  if (earlier.length === 0) return null;
  return { from: Math.max(...earlier), to: current };
}

export type DiffRowKind = 'added' | 'removed' | 'changed';

export interface DiffFieldRow {
  field: string;
  before: string;
  after: string;
}

/** One line of the comparison: a node or an edge, what happened to it, and for a change its fields. */
export interface DiffRow {
  key: string;
  kind: DiffRowKind;
  label: string;
  fields: DiffFieldRow[];
}

export interface DiffView {
  nodes: DiffRow[];
  edges: DiffRow[];
  moved: number;
  empty: boolean;
}

const MAX_VALUE_CHARS = 300;

/** A data value as one line of text: strings as they are, anything else as JSON; long values cut. */
export function formatDiffValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function edgeLabel(edge: { source: string; target: string; sourceHandle?: string | null | undefined }) {
  return `${edge.source}${edge.sourceHandle ? ` (${edge.sourceHandle})` : ''} → ${edge.target}`;
}

/** The server's diff as rows to list: nodes added, removed, then changed; edges added, then removed. */
export function diffRows(diff: WorkflowGraphDiff): DiffView {
  const nodes: DiffRow[] = [
    ...diff.nodes.added.map((n) => ({
      key: `+${n.id}`,
      kind: 'added' as const,
      label: `${n.id} (${n.type})`,
      fields: [],
    })),
    ...diff.nodes.removed.map((n) => ({
      key: `-${n.id}`,
      kind: 'removed' as const,
      label: `${n.id} (${n.type})`,
      fields: [],
    })),
    ...diff.nodes.changed.map((c) => ({
      key: `~${c.id}`,
      kind: 'changed' as const,
      label: `${c.id} (${c.type})`,
      fields: [
        ...(c.typeBefore !== null ? [{ field: 'type', before: c.typeBefore, after: c.type }] : []),
        ...c.fields.map((f) => ({
          field: f.field,
          before: formatDiffValue(f.before),
          after: formatDiffValue(f.after),
        })),
      ],
    })),
  ];
  const edges: DiffRow[] = [
    ...diff.edges.added.map((e, i) => ({
      key: `+${i}`,
      kind: 'added' as const,
      label: edgeLabel(e),
      fields: [],
    })),
    ...diff.edges.removed.map((e, i) => ({
      key: `-${i}`,
      kind: 'removed' as const,
      label: edgeLabel(e),
      fields: [],
    })),
  ];
  const moved = diff.nodes.moved.length;
  return { nodes, edges, moved, empty: nodes.length === 0 && edges.length === 0 && moved === 0 };
}
