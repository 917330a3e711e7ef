import {
  Annotation,
  END,
  interrupt,
  START,
  StateGraph,
  type BaseCheckpointSaver,
  type LangGraphRunnableConfig,
} from '@langchain/langgraph';
import {
  NODE_DATA_SCHEMAS,
  type WorkflowDecision,
  type WorkflowGraph,
  type WorkflowNode,
  type WorkflowStepStatus,
} from '@promptops/contracts';
import { renderPathTemplate } from '@promptops/templates';
import type { z } from 'zod';
import { compileExpression, evaluateCondition, type CompiledExpression } from '../graph/expressions.js';

/**
 * Compiles a stored workflow graph (already validated) into a LangGraph StateGraph. The state has
 * one channel per node id (its output, what CEL expressions and templates read) plus `input` and
 * three internal channels: visit counts per node (a loop's body nodes are visited once per
 * iteration), the route a condition or loop chose, and the output of the end node reached.
 */

type NodeData<T extends keyof typeof NODE_DATA_SCHEMAS> = z.output<(typeof NODE_DATA_SCHEMAS)[T]>;

export interface StepOutcome {
  status: WorkflowStepStatus;
  output?: unknown;
  error?: string;
  usage?: { inputTokens: number; outputTokens: number };
  costUsd?: string;
  executionId?: string;
}

/** What a compiled graph needs from the outside: LLM and tool calls, and step recording. */
export interface NodeServices {
  prompt(
    node: WorkflowNode,
    data: NodeData<'prompt'>,
    variables: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{
    output: { output: string; usage: { inputTokens: number; outputTokens: number }; costUsd: string };
    executionId: string;
  }>;
  http(
    node: WorkflowNode,
    request: {
      method: string;
      url: string;
      headers: Record<string, string>;
      body?: string | undefined;
      timeoutMs: number;
    },
    signal: AbortSignal | undefined,
  ): Promise<{ output: unknown; status: number }>;
  code(node: WorkflowNode, code: string, state: Record<string, unknown>, timeoutMs: number): Promise<unknown>;
  stepStarted(node: WorkflowNode, iteration: number): Promise<void>;
  stepEnded(node: WorkflowNode, iteration: number, outcome: StepOutcome): Promise<void>;
}

/** A node failed: the run fails with this message (the step already says so). */
export class NodeFailure extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(`Node "${nodeId}": ${message}`);
  }
}

const VISITS = '__visits';
const ROUTE = '__route';
const OUTPUT = '__output';
const INTERNAL = new Set([VISITS, ROUTE, OUTPUT]);

type State = Record<string, unknown> & {
  input: Record<string, unknown>;
  [VISITS]: Record<string, number>;
  [ROUTE]: Record<string, string>;
};

/** LangGraph forbids a node named like a channel; node ids are channels, so nodes get a prefix. */
const nodeName = (id: string) => `node-${id}`;

/** The state as CEL and templates see it: `input` and each node's output. */
export function visibleState(state: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state))
    if (!INTERNAL.has(key) && value !== undefined) out[key] = value;
  return out;
}

function merge<T>(a: Record<string, T> | undefined, b: Record<string, T> | undefined): Record<string, T> {
  return { ...(a ?? {}), ...(b ?? {}) };
}

function dataOf<T extends keyof typeof NODE_DATA_SCHEMAS>(node: WorkflowNode, type: T): NodeData<T> {
  return NODE_DATA_SCHEMAS[type].parse(node.data) as NodeData<T>;
}

function render(node: WorkflowNode, template: string, state: Record<string, unknown>): string {
  try {
    return renderPathTemplate(template, state);
  } catch (err) {
    throw new NodeFailure(node.id, err instanceof Error ? err.message : String(err));
  }
}

function expression(node: WorkflowNode, source: string, names: string[]): CompiledExpression {
  const compiled = compileExpression(source, names);
  if (!compiled.ok) throw new NodeFailure(node.id, compiled.message);
  return compiled.expression;
}

function test(node: WorkflowNode, expr: CompiledExpression, state: Record<string, unknown>): boolean {
  try {
    return evaluateCondition(expr, state);
  } catch (err) {
    throw new NodeFailure(node.id, err instanceof Error ? err.message : String(err));
  }
}

export interface CompileOptions {
  checkpointer: BaseCheckpointSaver;
  services: NodeServices;
}

/** Upper bound of LangGraph supersteps for a graph: every node once per loop iteration, and then some. */
export function recursionLimitOf(graph: WorkflowGraph): number {
  let iterations = 1;
  for (const node of graph.nodes)
    if (node.type === 'loop')
      iterations += Number((node.data as { maxIterations?: number }).maxIterations ?? 1);
  return Math.min(100_000, graph.nodes.length * (iterations + 1) + 25);
}

export function compileWorkflow(graph: WorkflowGraph, opts: CompileOptions) {
  const { services } = opts;
  const names = ['input', ...graph.nodes.map((n) => n.id)];
  const channels: Record<string, ReturnType<typeof Annotation<unknown>>> = {};
  for (const node of graph.nodes) channels[node.id] = Annotation<unknown>();
  const State = Annotation.Root({
    ...channels,
    input: Annotation<Record<string, unknown>>(),
    [VISITS]: Annotation<Record<string, number>>({ reducer: merge, default: () => ({}) }),
    [ROUTE]: Annotation<Record<string, string>>({ reducer: merge, default: () => ({}) }),
    // Two end nodes reached in one step (parallel branches): the last write wins.
    [OUTPUT]: Annotation<unknown>({ reducer: (_a: unknown, b: unknown) => b, default: () => null }),
  });

  const outgoing = new Map<string, { target: string; handle: string | null }[]>();
  const incoming = new Map<string, string[]>();
  for (const edge of graph.edges) {
    outgoing.set(edge.source, [
      ...(outgoing.get(edge.source) ?? []),
      { target: edge.target, handle: edge.sourceHandle ?? null },
    ]);
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge.source]);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));

  // Expressions compile once per graph, not once per visit.
  const conditions = new Map<string, { id: string; expr: CompiledExpression }[]>();
  const untils = new Map<string, CompiledExpression>();
  for (const node of graph.nodes) {
    if (node.type === 'condition')
      conditions.set(
        node.id,
        dataOf(node, 'condition').branches.map((b) => ({ id: b.id, expr: expression(node, b.when, names) })),
      );
    if (node.type === 'loop') untils.set(node.id, expression(node, dataOf(node, 'loop').until, names));
  }

  type Update = Record<string, unknown>;
  const run =
    (node: WorkflowNode) =>
    async (state: State, config: LangGraphRunnableConfig): Promise<Update> => {
      const iteration = (state[VISITS][node.id] ?? 0) + 1;
      const visits = { [node.id]: iteration };
      const view = visibleState(state);
      await services.stepStarted(node, iteration);
      try {
        const { output, route, extra } = await execute(node, state, view, iteration, config);
        await services.stepEnded(node, iteration, { status: 'succeeded', output, ...extra });
        const update: Update = { [node.id]: output, [VISITS]: visits };
        if (route !== undefined) update[ROUTE] = { [node.id]: route };
        if (node.type === 'end') update[OUTPUT] = output;
        return update;
      } catch (err) {
        // An interrupt is LangGraph pausing the run at a human node, not a failure.
        if (isInterrupt(err)) throw err;
        const message =
          err instanceof NodeFailure ? err.message.replace(/^Node "[^"]*": /, '') : errorText(err);
        await services.stepEnded(node, iteration, { status: 'failed', error: message });
        throw err instanceof NodeFailure ? err : new NodeFailure(node.id, message);
      }
    };

  async function execute(
    node: WorkflowNode,
    state: State,
    view: Record<string, unknown>,
    iteration: number,
    config: LangGraphRunnableConfig,
  ): Promise<{ output: unknown; route?: string; extra?: Partial<StepOutcome> }> {
    switch (node.type) {
      case 'start':
        return { output: state.input };
      case 'prompt': {
        const data = dataOf(node, 'prompt');
        const variables = Object.fromEntries(
          Object.entries(data.variables).map(([name, template]) => [name, render(node, template, view)]),
        );
        const called = await services.prompt(node, data, variables, config.signal);
        return {
          output: called.output,
          extra: {
            usage: called.output.usage,
            costUsd: called.output.costUsd,
            executionId: called.executionId,
          },
        };
      }
      case 'condition': {
        for (const branch of conditions.get(node.id)!)
          if (test(node, branch.expr, view)) return { output: { branch: branch.id }, route: branch.id };
        if (!(outgoing.get(node.id) ?? []).some((e) => e.handle === 'else'))
          throw new NodeFailure(node.id, 'No branch matched and there is no else edge');
        return { output: { branch: 'else' }, route: 'else' };
      }
      case 'loop': {
        const data = dataOf(node, 'loop');
        const previous = state[node.id] as { iteration?: number } | undefined;
        // A first entry, or a new entry after the loop finished (an outer loop came round again).
        const fresh = previous === undefined || state[ROUTE][node.id] === 'done';
        if (fresh) return { output: { iteration: 1 }, route: 'body' };
        const done = previous.iteration! >= data.maxIterations || test(node, untils.get(node.id)!, view);
        return done
          ? { output: { iteration: previous.iteration }, route: 'done' }
          : { output: { iteration: previous.iteration! + 1 }, route: 'body' };
      }
      case 'parallel':
      case 'join':
        return { output: {} };
      case 'human': {
        const message = render(node, dataOf(node, 'human').message, view);
        await services.stepEnded(node, iteration, { status: 'waiting', output: { message } });
        const decision = interrupt<{ nodeId: string; message: string }, WorkflowDecision>({
          nodeId: node.id,
          message,
        });
        return { output: decision };
      }
      case 'tool': {
        const data = dataOf(node, 'tool');
        if (data.kind === 'code')
          return { output: { output: await services.code(node, data.code, view, data.timeoutMs ?? 1_000) } };
        const headers = Object.fromEntries(
          Object.entries(data.headers ?? {}).map(([name, template]) => [name, render(node, template, view)]),
        );
        const result = await services.http(
          node,
          {
            method: data.method,
            url: render(node, data.url, view),
            headers,
            body: data.body === undefined ? undefined : render(node, data.body, view),
            timeoutMs: data.timeoutMs ?? 10_000,
          },
          config.signal,
        );
        return { output: result };
      }
      case 'end':
        return { output: render(node, dataOf(node, 'end').output, view) };
      default:
        throw new NodeFailure(node.id, `Unknown node type "${node.type}"`);
    }
  }

  const builder = new StateGraph(State);
  for (const node of graph.nodes) builder.addNode(nodeName(node.id), run(node) as never);
  const b = builder as unknown as {
    addEdge(from: string | string[], to: string): void;
    addConditionalEdges(from: string, route: (s: State) => string, targets: string[]): void;
  };
  for (const node of graph.nodes) {
    const edges = outgoing.get(node.id) ?? [];
    if (node.type === 'start') b.addEdge(START, nodeName(node.id));
    if (node.type === 'end') {
      b.addEdge(nodeName(node.id), END);
      continue;
    }
    if (node.type === 'condition' || node.type === 'loop') {
      const targets = new Map(edges.map((e) => [e.handle ?? '', nodeName(e.target)]));
      b.addConditionalEdges(
        nodeName(node.id),
        (s) => {
          const target = targets.get(s[ROUTE][node.id] ?? '');
          if (!target) throw new NodeFailure(node.id, `No edge for "${s[ROUTE][node.id]}"`);
          return target;
        },
        [...new Set(targets.values())],
      );
      continue;
    }
    for (const edge of edges) {
      const target = byId.get(edge.target);
      // A join waits for every incoming branch: one edge from all of its sources together.
      if (target?.type === 'join') continue;
      b.addEdge(nodeName(node.id), nodeName(edge.target));
    }
  }
  for (const node of graph.nodes)
    if (node.type === 'join')
      b.addEdge(
        (incoming.get(node.id) ?? []).map((source) => nodeName(source)),
        nodeName(node.id),
      );
  return builder.compile({ checkpointer: opts.checkpointer });
}

export type CompiledWorkflow = ReturnType<typeof compileWorkflow>;

/** The run's output: what its end node rendered. */
export function outputOf(state: Record<string, unknown>): unknown {
  return state[OUTPUT] ?? null;
}

function isInterrupt(err: unknown): boolean {
  return (
    err !== null &&
    typeof err === 'object' &&
    ((err as { name?: string }).name === 'GraphInterrupt' ||
      (err as { name?: string }).name === 'NodeInterrupt')
  );
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
