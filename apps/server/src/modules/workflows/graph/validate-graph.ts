import {
  NODE_DATA_SCHEMAS,
  WORKFLOW_NODE_TYPES,
  type WorkflowGraph,
  type WorkflowGraphError,
  type WorkflowNode,
  type WorkflowNodeType,
} from '@promptops/contracts';
import { checkPathTemplate, extractPaths } from '@promptops/templates';
import type { z } from 'zod';
import { compileExpression } from './expressions.js';
import { indexGraph, reachable, type GraphIndex, type IndexedEdge } from './graph-index.js';
import { checkCycles } from './loops.js';

/**
 * Structural validation of a workflow graph: everything but the checks that need the database
 * (unknown-prompt / unknown-model, done by the service with promptReferences). Each error names
 * the node, edge and data field at fault so the editor can show it in place. Linear in the graph
 * size apart from loops (each loop walks the graph once).
 *
 * Errors come out in a fixed order: missing start/end, then per node (ids, type, data, templates,
 * expressions), per edge, outgoing edges per node, unreachable nodes, cycles.
 */

export type NodeData<T extends WorkflowNodeType> = z.output<(typeof NODE_DATA_SCHEMAS)[T]>;

/** A node's type with its parsed data; `switch (parsed.type)` narrows `data`. */
export type TypedNodeData = { [T in WorkflowNodeType]: { type: T; data: NodeData<T> } }[WorkflowNodeType];

const NODE_TYPES: ReadonlySet<string> = new Set(WORKFLOW_NODE_TYPES);

export const isWorkflowNodeType = (type: string): type is WorkflowNodeType => NODE_TYPES.has(type);

/** The node's data parsed by its type's schema (defaults applied); null for an unknown type or invalid data. */
export function parseNodeData(node: Pick<WorkflowNode, 'type' | 'data'>): TypedNodeData | null {
  if (!isWorkflowNodeType(node.type)) return null;
  const result = NODE_DATA_SCHEMAS[node.type].safeParse(node.data);
  return result.success ? ({ type: node.type, data: result.data } as TypedNodeData) : null;
}

export interface PromptReference {
  nodeId: string;
  name: string;
  version?: number;
  label?: string;
  modelId?: string;
}

/** The prompts (and models) the graph's prompt nodes name, for the service to look up. Nodes with invalid data are left out. */
export function promptReferences(graph: WorkflowGraph): PromptReference[] {
  const references: PromptReference[] = [];
  for (const node of graph.nodes) {
    const parsed = parseNodeData(node);
    if (parsed?.type !== 'prompt') continue;
    const { prompt, modelId } = parsed.data;
    references.push({
      nodeId: node.id,
      name: prompt.name,
      ...(prompt.version !== undefined && { version: prompt.version }),
      ...(prompt.label !== undefined && { label: prompt.label }),
      ...(modelId !== undefined && { modelId }),
    });
  }
  return references;
}

/**
 * Ids that cannot name a node: `input` is the run's input in the state, and CEL reserves these
 * words, so `loop.iteration` would not parse. `__proto__` would not survive as a state key.
 */
const RESERVED_IDS = new Set([
  'input',
  '__proto__',
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'namespace',
  'package',
  'return',
  'var',
  'void',
  'while',
]);

/** Node types with exactly one outgoing edge. */
const SINGLE_EXIT: ReadonlySet<string> = new Set(['start', 'prompt', 'join', 'human', 'tool']);

export function validateGraphStructure(graph: WorkflowGraph): WorkflowGraphError[] {
  const index = indexGraph(graph);
  const parsed = graph.nodes.map((node) => parseNodeData(node));
  const starts = graph.nodes.filter((n) => n.type === 'start');
  const errors: WorkflowGraphError[] = [];

  if (starts.length === 0) errors.push({ code: 'no-start', message: 'The workflow needs a start node' });
  if (!graph.nodes.some((n) => n.type === 'end'))
    errors.push({ code: 'no-end', message: 'The workflow needs at least one end node' });

  const names: ReadonlySet<string> = new Set(['input', ...index.indexOf.keys()]);
  graph.nodes.forEach((node, i) => errors.push(...checkNode(node, i, index, parsed[i]!, names, starts[0])));
  errors.push(...checkEdges(graph, index));
  graph.nodes.forEach((node, i) => {
    if (index.indexOf.get(node.id) === i) errors.push(...checkExits(node, index.outgoing[i]!, parsed[i]!));
  });
  if (starts[0]) errors.push(...checkReachable(index, index.indexOf.get(starts[0].id)!, starts[0]));
  errors.push(...checkCycles(index, starts[0] && index.indexOf.get(starts[0].id)));
  return errors;
}

// --- Nodes ---

function checkNode(
  node: WorkflowNode,
  i: number,
  index: GraphIndex,
  parsed: TypedNodeData | null,
  names: ReadonlySet<string>,
  firstStart: WorkflowNode | undefined,
): WorkflowGraphError[] {
  const errors: WorkflowGraphError[] = [];
  const nodeId = node.id;
  if (index.indexOf.get(node.id) !== i)
    errors.push({ nodeId, code: 'duplicate-id', message: `Another node already has the id ${node.id}` });
  else if (RESERVED_IDS.has(node.id))
    errors.push({
      nodeId,
      code: 'duplicate-id',
      message:
        node.id === 'input'
          ? '"input" is the run\'s input in templates and expressions: give the node another id'
          : `"${node.id}" is a reserved word in expressions: give the node another id`,
    });
  if (node.type === 'start' && firstStart && firstStart !== node)
    errors.push({
      nodeId,
      code: 'no-start',
      message: 'A workflow has exactly one start node: remove this one',
    });
  if (!isWorkflowNodeType(node.type)) {
    errors.push({
      nodeId,
      code: 'unknown-type',
      message: `Unknown node type "${node.type}": use one of ${WORKFLOW_NODE_TYPES.join(', ')}`,
    });
    return errors;
  }
  if (!parsed) {
    const result = NODE_DATA_SCHEMAS[node.type].safeParse(node.data);
    const fields = new Set<string>();
    for (const issue of result.error?.issues ?? []) {
      const field = issue.path.map(String).join('.');
      // One error per field: an empty name is both too short and not matching its pattern.
      if (fields.has(field)) continue;
      fields.add(field);
      errors.push({
        nodeId,
        code: 'bad-data',
        message: field ? `${field}: ${issue.message}` : issue.message,
        ...(field && { field }),
      });
    }
    return errors;
  }
  errors.push(...checkData(nodeId, parsed, names));
  return errors;
}

/** Templates, expressions and the data rules a schema cannot say. */
function checkData(nodeId: string, parsed: TypedNodeData, names: ReadonlySet<string>): WorkflowGraphError[] {
  const errors: WorkflowGraphError[] = [];
  const template = (field: string, text: string | undefined) => {
    if (text === undefined) return;
    const message = checkTemplate(text, names);
    if (message) errors.push({ nodeId, code: 'bad-template', field, message: `${field}: ${message}` });
  };
  const expression = (field: string, source: string) => {
    const result = compileExpression(source, names);
    if (!result.ok)
      errors.push({ nodeId, code: 'bad-expression', field, message: `${field}: ${result.message}` });
  };
  switch (parsed.type) {
    case 'prompt':
      for (const [name, text] of Object.entries(parsed.data.variables)) template(`variables.${name}`, text);
      break;
    case 'human':
      template('message', parsed.data.message);
      break;
    case 'end':
      template('output', parsed.data.output);
      break;
    case 'tool':
      if (parsed.data.kind === 'http') {
        const { url, headers, body } = parsed.data;
        if (!/^\s*(https?:\/\/|\{\{)/i.test(url))
          errors.push({
            nodeId,
            code: 'bad-data',
            field: 'url',
            message: 'url: must start with http:// or https://',
          });
        template('url', url);
        for (const [name, text] of Object.entries(headers ?? {})) template(`headers.${name}`, text);
        template('body', body);
      }
      break;
    case 'condition': {
      const seen = new Set<string>();
      parsed.data.branches.forEach((branch, b) => {
        const field = `branches.${b}.id`;
        if (branch.id === 'else')
          errors.push({
            nodeId,
            code: 'bad-data',
            field,
            message: `${field}: "else" is the fallback edge; name the branch differently`,
          });
        else if (seen.has(branch.id))
          errors.push({
            nodeId,
            code: 'bad-data',
            field,
            message: `${field}: another branch is already called ${branch.id}`,
          });
        seen.add(branch.id);
        expression(`branches.${b}.when`, branch.when);
      });
      break;
    }
    case 'loop':
      expression('until', parsed.data.until);
      break;
    case 'start':
    case 'parallel':
    case 'join':
      break;
  }
  return errors;
}

/** The template's syntax, then that every path starts at input or a node id. */
function checkTemplate(text: string, scope: ReadonlySet<string>): string | null {
  const syntax = checkPathTemplate(text);
  if (syntax) return syntax;
  for (const path of extractPaths(text)) {
    const root = path.split('.', 1)[0]!;
    if (!scope.has(root)) return `{{${path}}} names no node: paths start with input or a node id`;
  }
  return null;
}

// --- Edges ---

function checkEdges(graph: WorkflowGraph, index: GraphIndex): WorkflowGraphError[] {
  const errors: WorkflowGraphError[] = [];
  const edgeIds = new Set<string>();
  const connections = new Map<string, string>();
  const valid = new Map<number, IndexedEdge>(index.edges.map((e) => [e.index, e]));
  graph.edges.forEach((edge, i) => {
    const edgeId = edge.id;
    if (edgeIds.has(edge.id))
      errors.push({ edgeId, code: 'duplicate-id', message: `Another edge already has the id ${edge.id}` });
    edgeIds.add(edge.id);
    const indexed = valid.get(i);
    if (!indexed) {
      const missing = [edge.source, edge.target].filter((id) => !index.indexOf.has(id));
      errors.push({
        edgeId,
        code: 'dangling-edge',
        message: `Edge ${edge.id} connects ${edge.source} → ${edge.target}, but ${missing.join(' and ')} ${missing.length > 1 ? 'do' : 'does'} not exist`,
      });
      return;
    }
    const source = index.nodes[indexed.source]!;
    const target = index.nodes[indexed.target]!;
    if (target.type === 'start')
      errors.push({
        edgeId,
        nodeId: target.id,
        code: 'bad-edge',
        message: 'Nothing may lead into the start node',
      });
    if (source.type === 'end')
      errors.push({
        edgeId,
        nodeId: source.id,
        code: 'bad-edge',
        message: 'An end node finishes the run: it has no outgoing edges',
      });
    const key = `${edge.source}\u0000${indexed.handle}\u0000${edge.target}`;
    const twin = connections.get(key);
    if (twin !== undefined)
      errors.push({
        edgeId,
        nodeId: source.id,
        code: 'bad-edge',
        message: `Edge ${edge.id} repeats edge ${twin}`,
      });
    else connections.set(key, edge.id);
  });
  return errors;
}

/** The outgoing-edge rules of each node type. */
function checkExits(
  node: WorkflowNode,
  out: readonly IndexedEdge[],
  parsed: TypedNodeData | null,
): WorkflowGraphError[] {
  const nodeId = node.id;
  const errors: WorkflowGraphError[] = [];
  if (SINGLE_EXIT.has(node.type)) {
    if (out.length === 0)
      errors.push({
        nodeId,
        code: 'dead-end',
        message: `The ${node.type} node ${nodeId} leads nowhere: connect it to the next node`,
      });
    for (const e of out.slice(1))
      errors.push({
        nodeId,
        edgeId: e.edge.id,
        code: 'bad-edge',
        message: `A ${node.type} node has one outgoing edge: use a parallel node to fan out`,
      });
  } else if (node.type === 'parallel') {
    if (out.length === 0)
      errors.push({
        nodeId,
        code: 'dead-end',
        message: `The parallel node ${nodeId} leads nowhere: connect at least two branches`,
      });
    else if (out.length === 1)
      errors.push({
        nodeId,
        edgeId: out[0]!.edge.id,
        code: 'bad-edge',
        message: 'A parallel node runs at least two branches: add another outgoing edge',
      });
  } else if (node.type === 'condition') {
    if (parsed?.type === 'condition') {
      const branches = parsed.data.branches.map((b) => b.id);
      errors.push(
        ...checkHandles(nodeId, out, [...branches, 'else'], `a branch id (${branches.join(', ')}) or else`),
      );
      parsed.data.branches.forEach((branch, b) => {
        if (!out.some((e) => e.handle === branch.id))
          errors.push({
            nodeId,
            field: `branches.${b}`,
            code: 'missing-branch',
            message: `Branch ${branch.id} has no edge: connect it to the node it leads to`,
          });
      });
    } else if (out.length === 0)
      errors.push({ nodeId, code: 'dead-end', message: `The condition node ${nodeId} leads nowhere` });
  } else if (node.type === 'loop') {
    errors.push(...checkHandles(nodeId, out, ['body', 'done'], 'body or done'));
    for (const handle of ['body', 'done'])
      if (!out.some((e) => e.handle === handle))
        errors.push({
          nodeId,
          code: 'missing-branch',
          message:
            handle === 'body'
              ? `The loop ${nodeId} has no body edge: connect it to the first node to repeat`
              : `The loop ${nodeId} has no done edge: connect it to the node that follows the loop`,
        });
    const body = out.find((e) => e.handle === 'body');
    if (body && body.target === body.source)
      errors.push({
        nodeId,
        edgeId: body.edge.id,
        code: 'bad-edge',
        message: 'A loop body needs at least one node',
      });
  }
  return errors;
}

/** Edges must leave from one of `handles`, each handle at most once. */
function checkHandles(
  nodeId: string,
  out: readonly IndexedEdge[],
  handles: readonly string[],
  expected: string,
): WorkflowGraphError[] {
  const errors: WorkflowGraphError[] = [];
  const used = new Set<string>();
  for (const e of out) {
    const edgeId = e.edge.id;
    if (!handles.includes(e.handle))
      errors.push({
        nodeId,
        edgeId,
        code: 'bad-edge',
        message: e.handle
          ? `Edge ${edgeId} leaves from "${e.handle}", which is not ${expected}`
          : `Edge ${edgeId} must leave from ${expected}`,
      });
    else if (used.has(e.handle))
      errors.push({
        nodeId,
        edgeId,
        code: 'bad-edge',
        message: `"${e.handle}" already has an edge: it leads to one node`,
      });
    used.add(e.handle);
  }
  return errors;
}

function checkReachable(index: GraphIndex, start: number, startNode: WorkflowNode): WorkflowGraphError[] {
  const seen = reachable(start, index.outgoing, 'target');
  const errors: WorkflowGraphError[] = [];
  index.nodes.forEach((node, i) => {
    // Duplicates and extra start nodes are reported already.
    if (seen[i] || index.indexOf.get(node.id) !== i || (node.type === 'start' && node !== startNode)) return;
    errors.push({
      nodeId: node.id,
      code: 'unreachable',
      message: `Nothing leads from the start to ${node.id}`,
    });
  });
  return errors;
}
