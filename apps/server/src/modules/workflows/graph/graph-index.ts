import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '@promptops/contracts';

/** An edge whose two ends exist, with their node indexes. */
export interface IndexedEdge {
  edge: WorkflowEdge;
  /** Position in graph.edges. */
  index: number;
  source: number;
  target: number;
  /** `sourceHandle`, '' when absent. */
  handle: string;
}

/**
 * The graph as adjacency lists over node indexes, built once so every rule is a linear pass.
 * A node id used twice resolves to its first node; edges with a missing end are left out (and
 * reported by validation as dangling).
 */
export interface GraphIndex {
  nodes: readonly WorkflowNode[];
  /** Node id → index of the first node with that id. */
  indexOf: ReadonlyMap<string, number>;
  edges: readonly IndexedEdge[];
  outgoing: readonly IndexedEdge[][];
  incoming: readonly IndexedEdge[][];
}

export function indexGraph(graph: WorkflowGraph): GraphIndex {
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (!indexOf.has(node.id)) indexOf.set(node.id, i);
  });
  const outgoing: IndexedEdge[][] = graph.nodes.map(() => []);
  const incoming: IndexedEdge[][] = graph.nodes.map(() => []);
  const edges: IndexedEdge[] = [];
  graph.edges.forEach((edge, index) => {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined) return;
    const indexed = { edge, index, source, target, handle: edge.sourceHandle ?? '' };
    edges.push(indexed);
    outgoing[source]!.push(indexed);
    incoming[target]!.push(indexed);
  });
  return { nodes: graph.nodes, indexOf, edges, outgoing, incoming };
}

/**
 * Nodes reachable from `from` (1 = reached) along `next` (outgoing lists with `target`, or incoming
 * lists with `source` to walk backwards), never entering `stop` (it may be `from` itself: then
 * the walk starts there and never comes back).
 */
export function reachable(
  from: number,
  next: readonly IndexedEdge[][],
  end: 'target' | 'source',
  stop = -1,
): Uint8Array {
  const seen = new Uint8Array(next.length);
  const queue = [from];
  seen[from] = 1;
  while (queue.length) {
    const node = queue.pop()!;
    for (const e of next[node]!) {
      const other = e[end];
      if (other === stop || seen[other]) continue;
      seen[other] = 1;
      queue.push(other);
    }
  }
  return seen;
}
