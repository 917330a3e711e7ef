import {
  NODE_DATA_SCHEMAS,
  WorkflowGraph,
  type WorkflowEdge,
  type WorkflowNodeType,
} from '@promptops/contracts';
import type { z } from 'zod';
import { validationFailed, type FieldError } from '../../../platform/errors.js';

type NodeDataOf = { [T in WorkflowNodeType]: z.output<(typeof NODE_DATA_SCHEMAS)[T]> };

/** A node with its data parsed by its type's schema. */
export type PlannedNode = {
  [T in WorkflowNodeType]: { id: string; type: T; data: NodeDataOf[T] };
}[WorkflowNodeType];

/** What code generation needs to know about a graph beyond its nodes and edges. */
export interface GraphPlan {
  nodes: PlannedNode[];
  byId: ReadonlyMap<string, PlannedNode>;
  start: PlannedNode;
  outgoing: ReadonlyMap<string, WorkflowEdge[]>;
  incoming: ReadonlyMap<string, WorkflowEdge[]>;
  /** Edges into a loop node that come back from its body (the others enter the loop). */
  backEdges: ReadonlySet<WorkflowEdge>;
}

/** Node types that continue along exactly one edge. */
const SINGLE_EXIT = new Set<string>(['start', 'prompt', 'join', 'human', 'tool']);

const isNodeType = (type: string): type is WorkflowNodeType => Object.hasOwn(NODE_DATA_SCHEMAS, type);

function group(edges: readonly WorkflowEdge[], key: 'source' | 'target'): Map<string, WorkflowEdge[]> {
  const map = new Map<string, WorkflowEdge[]>();
  for (const e of edges) map.set(e[key], [...(map.get(e[key]) ?? []), e]);
  return map;
}

/** Nodes reachable from `from` along edges, without passing through `stop`. */
function reachableWithout(
  from: string,
  stop: string,
  outgoing: ReadonlyMap<string, WorkflowEdge[]>,
): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length) {
    const id = queue.pop()!;
    if (id === stop || seen.has(id)) continue;
    seen.add(id);
    for (const e of outgoing.get(id) ?? []) queue.push(e.target);
  }
  return seen;
}

/**
 * Parses a stored graph for code generation and checks what the generated code relies on. Full
 * validation (reachability, cycles, prompt references) belongs to the workflow validation; a
 * stored graph has passed it, so these errors only show for a graph that was never validated.
 */
export function planGraph(input: WorkflowGraph): GraphPlan {
  const parsed = WorkflowGraph.safeParse(input);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((i) => ({ path: ['graph', ...i.path].join('.'), message: i.message })),
    );
  const graph = parsed.data;
  const errors: FieldError[] = [];
  const nodes: PlannedNode[] = [];
  const byId = new Map<string, PlannedNode>();
  for (const [i, node] of graph.nodes.entries()) {
    const at = `graph.nodes.${i}`;
    // `input` is the run's input in the state, and LangGraph keeps names that start with __.
    if (node.id === 'input' || node.id.startsWith('__'))
      errors.push({ path: `${at}.id`, message: `"${node.id}" is reserved for the run's state` });
    if (byId.has(node.id)) errors.push({ path: `${at}.id`, message: `duplicate node id "${node.id}"` });
    if (!isNodeType(node.type)) {
      errors.push({ path: `${at}.type`, message: `unknown node type "${node.type}"` });
      continue;
    }
    const data = NODE_DATA_SCHEMAS[node.type].safeParse(node.data);
    if (!data.success) {
      for (const issue of data.error.issues)
        errors.push({ path: [at, 'data', ...issue.path].join('.'), message: issue.message });
      continue;
    }
    const planned = { id: node.id, type: node.type, data: data.data } as PlannedNode;
    nodes.push(planned);
    byId.set(node.id, planned);
  }
  const starts = nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1)
    errors.push({
      path: 'graph.nodes',
      message: `a workflow has exactly one start node, not ${starts.length}`,
    });
  for (const [i, e] of graph.edges.entries()) {
    if (!byId.has(e.source))
      errors.push({ path: `graph.edges.${i}.source`, message: `no node "${e.source}"` });
    if (!byId.has(e.target))
      errors.push({ path: `graph.edges.${i}.target`, message: `no node "${e.target}"` });
  }
  if (errors.length) throw validationFailed(errors);

  const outgoing = group(graph.edges, 'source');
  const incoming = group(graph.edges, 'target');
  const backEdges = new Set<WorkflowEdge>();
  for (const node of nodes) {
    const out = outgoing.get(node.id) ?? [];
    const handles = out.map((e) => e.sourceHandle ?? '');
    const requireHandle = (handle: string) => {
      const n = handles.filter((h) => h === handle).length;
      if (n !== 1)
        errors.push({
          path: 'graph.edges',
          message: `node "${node.id}" needs exactly one edge from "${handle}", not ${n}`,
        });
    };
    if (SINGLE_EXIT.has(node.type) && out.length !== 1)
      errors.push({
        path: 'graph.edges',
        message: `node "${node.id}" needs exactly one outgoing edge, not ${out.length}`,
      });
    if (node.type === 'condition') {
      for (const b of node.data.branches) requireHandle(b.id);
      const known = new Set([...node.data.branches.map((b) => b.id), 'else']);
      for (const h of handles)
        if (!known.has(h))
          errors.push({ path: 'graph.edges', message: `node "${node.id}" has no branch "${h}"` });
      if (handles.filter((h) => h === 'else').length > 1) requireHandle('else');
    }
    if (node.type === 'loop') {
      requireHandle('body');
      requireHandle('done');
      const body = out.find((e) => e.sourceHandle === 'body');
      if (body) {
        const inBody = reachableWithout(body.target, node.id, outgoing);
        for (const e of incoming.get(node.id) ?? [])
          if (e.source === node.id || inBody.has(e.source)) backEdges.add(e);
      }
    }
  }
  if (errors.length) throw validationFailed(errors);
  return { nodes, byId, start: starts[0]!, outgoing, incoming, backEdges };
}
