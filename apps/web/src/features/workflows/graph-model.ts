import type { Connection, Edge, Node } from '@xyflow/react';
import type { WorkflowGraph, WorkflowGraphError, WorkflowNodeType } from '@promptops/contracts';

/**
 * The editor's model: React Flow nodes and edges, converted to and from the contract's graph.
 * A node's `data.config` is exactly the contract node's `data`; everything else React Flow keeps
 * (selection, measured size) stays out of the saved graph.
 */
export interface WorkflowNodeData extends Record<string, unknown> {
  config: Record<string, unknown>;
}
export type FlowNode = Node<WorkflowNodeData>;
export type FlowEdge = Edge;
export interface FlowState {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Spacing of the placeholder grid for nodes saved without a position. */
const GRID_X = 260;
const GRID_Y = 140;

export function isValidNodeId(id: string): boolean {
  return id.length > 0 && id.length <= 64 && ID_PATTERN.test(id);
}

/** The contract graph as React Flow nodes and edges; `unplaced` says whether some node had no position. */
export function graphToFlow(graph: WorkflowGraph): FlowState & { unplaced: boolean } {
  let unplaced = false;
  const nodes = graph.nodes.map((node, index): FlowNode => {
    if (!node.position) unplaced = true;
    return {
      id: node.id,
      type: node.type,
      position: node.position ?? { x: (index % 5) * GRID_X, y: Math.floor(index / 5) * GRID_Y },
      data: { config: node.data },
    };
  });
  const edges = graph.edges.map((edge): FlowEdge => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
  }));
  return { nodes, edges, unplaced };
}

/** The graph to validate and save: ids, types, whole-pixel positions, data; handles only where they matter. */
export function flowToGraph({ nodes, edges }: FlowState): WorkflowGraph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type ?? 'unknown',
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: node.data.config,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    })),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Branch ids of a condition node, in order, skipping malformed entries. */
export function conditionBranchIds(config: Record<string, unknown>): string[] {
  const branches = Array.isArray(config.branches) ? config.branches : [];
  return branches.map((b) => asString(asRecord(b).id)).filter((id) => id !== '');
}

/**
 * The source handles a node type draws: null is the single unnamed handle. Condition: one per
 * branch plus `else`; loop: `body` and `done`; end: none.
 */
export function sourceHandles(type: string, config: Record<string, unknown>): (string | null)[] {
  switch (type) {
    case 'condition':
      return [...conditionBranchIds(config), 'else'];
    case 'loop':
      return ['body', 'done'];
    case 'end':
      return [];
    default:
      return [null];
  }
}

export function hasTargetHandle(type: string): boolean {
  return type !== 'start';
}

/** The data a node gets when it is dropped from the palette: valid where a default can be. */
export function defaultNodeConfig(type: WorkflowNodeType): Record<string, unknown> {
  switch (type) {
    case 'start':
      return { inputs: ['question'] };
    case 'prompt':
      return { prompt: { name: '' }, variables: {} };
    case 'condition':
      return { branches: [{ id: 'yes', when: 'true' }] };
    case 'loop':
      return { maxIterations: 3, until: 'true' };
    case 'parallel':
    case 'join':
      return {};
    case 'human':
      return { message: 'Approve this?' };
    case 'tool':
      return { kind: 'http', method: 'GET', url: 'https://example.com' };
    case 'end':
      return { output: '' };
  }
}

/** A fresh id for a new node of `type`: `start`/`end` when free, else `<type>_<n>`. */
export function nextNodeId(type: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  if ((type === 'start' || type === 'end') && !taken.has(type)) return type;
  for (let n = 1; ; n++) {
    const id = `${type}_${n}`;
    if (!taken.has(id)) return id;
  }
}

function truncate(text: string, max = 48): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** One line saying what a node does, drawn under its title on the canvas. */
export function nodeSummary(type: string, config: Record<string, unknown>): string {
  switch (type) {
    case 'start': {
      const inputs = Array.isArray(config.inputs) ? config.inputs.map(asString).filter(Boolean) : [];
      return inputs.length > 0 ? `inputs: ${truncate(inputs.join(', '), 40)}` : 'no declared inputs';
    }
    case 'prompt': {
      const prompt = asRecord(config.prompt);
      const name = asString(prompt.name);
      if (!name) return 'no prompt chosen';
      const pin =
        typeof prompt.version === 'number'
          ? ` v${prompt.version}`
          : asString(prompt.label)
            ? ` @${asString(prompt.label)}`
            : '';
      return truncate(`${name}${pin}`);
    }
    case 'condition': {
      const ids = conditionBranchIds(config);
      return truncate(`${ids.length} branch${ids.length === 1 ? '' : 'es'}: ${[...ids, 'else'].join(' · ')}`);
    }
    case 'loop': {
      const max = typeof config.maxIterations === 'number' ? config.maxIterations : '?';
      return truncate(`≤ ${max}× until ${asString(config.until) || '?'}`);
    }
    case 'parallel':
      return 'runs every branch at once';
    case 'join':
      return 'waits for every branch';
    case 'human':
      return truncate(asString(config.message) || 'no message');
    case 'tool':
      return config.kind === 'code'
        ? 'code: run(state)'
        : truncate(`${asString(config.method) || 'GET'} ${asString(config.url)}`);
    case 'end':
      return truncate(asString(config.output) || 'empty output');
    default:
      return `unknown type “${type}”`;
  }
}

/**
 * Connects two nodes. A handle that leads to one place (everything but a parallel node's)
 * replaces its previous edge instead of adding a second one; self-connections are refused.
 */
export function connectNodes(
  edges: readonly FlowEdge[],
  connection: Connection,
  sourceType: string,
): FlowEdge[] {
  const { source, target } = connection;
  const handle = connection.sourceHandle ?? null;
  if (source === target) return [...edges];
  const sameHandle = (e: FlowEdge) => e.source === source && (e.sourceHandle ?? null) === handle;
  const duplicate = edges.some((e) => sameHandle(e) && e.target === target);
  if (duplicate) return [...edges];
  const kept = sourceType === 'parallel' ? [...edges] : edges.filter((e) => !sameHandle(e));
  const base = `e_${source}${handle ? `_${handle}` : ''}_${target}`;
  const ids = new Set(edges.map((e) => e.id));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}_${n}`;
  const edge: FlowEdge = { id, source, target };
  // The handle's name is drawn under the node, so the edge carries no label of its own.
  if (handle) edge.sourceHandle = handle;
  return [...kept, edge];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrites `old.` references (templates and CEL) to `next.` inside every string of a config. */
function renameReferences(value: unknown, pattern: RegExp, next: string): unknown {
  if (typeof value === 'string') return value.replace(pattern, `$1${next}`);
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, pattern, next));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameReferences(v, pattern, next)]));
  }
  return value;
}

/**
 * Renames a node: its edges follow, and references to its output (`{{old.output}}`,
 * `old.branch == "x"`) in other nodes' templates and expressions are rewritten. Returns null when
 * the new id is not a valid name or is taken.
 */
export function renameNode(state: FlowState, oldId: string, newId: string): FlowState | null {
  if (oldId === newId) return state;
  if (!isValidNodeId(newId) || newId === 'input') return null;
  if (state.nodes.some((n) => n.id === newId)) return null;
  // A name followed by `.`, not preceded by a name character or a `.` (so `x.old.y` is left alone).
  const pattern = new RegExp(`(^|[^A-Za-z0-9_.])${escapeRegExp(oldId)}(?=\\.)`, 'g');
  const nodes = state.nodes.map((node): FlowNode => {
    const config = renameReferences(node.data.config, pattern, newId) as Record<string, unknown>;
    if (node.id !== oldId)
      return JSON.stringify(config) === JSON.stringify(node.data.config)
        ? node
        : { ...node, data: { ...node.data, config } };
    return { ...node, id: newId, data: { ...node.data, config } };
  });
  const edges = state.edges.map((edge): FlowEdge => {
    if (edge.source !== oldId && edge.target !== oldId) return edge;
    return {
      ...edge,
      source: edge.source === oldId ? newId : edge.source,
      target: edge.target === oldId ? newId : edge.target,
    };
  });
  return { nodes, edges };
}

/** Replaces one node's config. */
export function updateNodeConfig(
  state: FlowState,
  nodeId: string,
  config: Record<string, unknown>,
): FlowState {
  return {
    ...state,
    nodes: state.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, config } } : n)),
  };
}

/**
 * Drops edges whose source handle a node no longer draws (a condition branch was removed or
 * renamed), so the canvas never shows an edge hanging from nothing.
 */
export function pruneStaleEdges(state: FlowState): FlowState {
  const byId = new Map(state.nodes.map((n) => [n.id, n]));
  const edges = state.edges.filter((edge) => {
    const source = byId.get(edge.source);
    if (!source || !byId.has(edge.target)) return true; // validation reports dangling edges
    return sourceHandles(source.type ?? '', source.data.config).includes(edge.sourceHandle ?? null);
  });
  return edges.length === state.edges.length ? state : { ...state, edges };
}

export interface GroupedErrors {
  byNode: Map<string, WorkflowGraphError[]>;
  byEdge: Map<string, WorkflowGraphError[]>;
  /** Errors about the whole graph (no start, no end). */
  general: WorkflowGraphError[];
}

export function groupErrors(errors: readonly WorkflowGraphError[]): GroupedErrors {
  const byNode = new Map<string, WorkflowGraphError[]>();
  const byEdge = new Map<string, WorkflowGraphError[]>();
  const general: WorkflowGraphError[] = [];
  for (const error of errors) {
    if (error.nodeId) byNode.set(error.nodeId, [...(byNode.get(error.nodeId) ?? []), error]);
    else if (error.edgeId) byEdge.set(error.edgeId, [...(byEdge.get(error.edgeId) ?? []), error]);
    else general.push(error);
  }
  return { byNode, byEdge, general };
}

/** A node's errors keyed by data field (`branches.0.when`); errors without a field are left out. */
export function fieldErrors(errors: readonly WorkflowGraphError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors ?? []) {
    if (error.field && out[error.field] === undefined) out[error.field] = error.message;
  }
  return out;
}
