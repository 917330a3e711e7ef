import type { ElkNode } from 'elkjs/lib/elk-api';
import type { FlowState } from './graph-model';

/** The size a node is laid out with before React Flow has measured it. */
export const DEFAULT_NODE_SIZE = { width: 240, height: 76 };
const LAYER_GAP = 80;
const NODE_GAP = 40;

type Positions = Map<string, { x: number; y: number }>;

/** The ELK input for a top-to-bottom layered layout of the canvas (edges in ELK's extended form). */
export function toElkGraph({ nodes, edges }: FlowState): ElkNode {
  const ids = new Set(nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': String(LAYER_GAP),
      'elk.spacing.nodeNode': String(NODE_GAP),
      // Loops draw their back edges without dragging the body's layers apart.
      'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? DEFAULT_NODE_SIZE.width,
      height: n.measured?.height ?? DEFAULT_NODE_SIZE.height,
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export function positionsFromElk(result: ElkNode): Positions {
  const out: Positions = new Map();
  for (const child of result.children ?? []) out.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return out;
}

/** Moves every laid-out node; nodes the layout did not place stay where they were. */
export function applyPositions(state: FlowState, positions: Positions): FlowState {
  return {
    ...state,
    nodes: state.nodes.map((n) => {
      const p = positions.get(n.id);
      return p ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
    }),
  };
}

/**
 * A plain layered layout, used when ELK cannot run (no worker): each node one layer below the
 * nearest node that reaches it from the roots (the start node, or nodes nothing points to);
 * layers are centred rows.
 */
export function layeredLayout({ nodes, edges }: FlowState): Positions {
  const outgoing = new Map<string, string[]>();
  const incoming = new Map<string, number>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target)) continue;
    outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e.target]);
    incoming.set(e.target, (incoming.get(e.target) ?? 0) + 1);
  }
  const start = nodes.filter((n) => n.type === 'start').map((n) => n.id);
  const roots = start.length > 0 ? start : nodes.filter((n) => !incoming.get(n.id)).map((n) => n.id);
  const layer = new Map<string, number>();
  let frontier = roots.length > 0 ? roots : nodes.slice(0, 1).map((n) => n.id);
  for (const id of frontier) layer.set(id, 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const target of outgoing.get(id) ?? []) {
        if (layer.has(target)) continue;
        layer.set(target, depth);
        next.push(target);
      }
    }
    frontier = next;
  }
  // Nodes nothing reaches go into one last layer.
  const lastLayer = Math.max(-1, ...layer.values()) + 1;
  const rows = new Map<number, string[]>();
  for (const n of nodes) {
    const l = layer.get(n.id) ?? lastLayer;
    rows.set(l, [...(rows.get(l) ?? []), n.id]);
  }
  const out: Positions = new Map();
  const stepX = DEFAULT_NODE_SIZE.width + NODE_GAP;
  const stepY = DEFAULT_NODE_SIZE.height + LAYER_GAP;
  for (const [l, row] of rows) {
    row.forEach((id, i) => out.set(id, { x: (i - (row.length - 1) / 2) * stepX, y: l * stepY }));
  }
  return out;
}
