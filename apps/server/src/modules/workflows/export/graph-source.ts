import type { WorkflowEdge } from '@promptops/contracts';
import { canonicalJson } from './canonical-json.js';
import type { GraphPlan, PlannedNode } from './graph-plan.js';

/**
 * Writes src/graph.ts of an exported workflow: the state (`input` and one channel per node id),
 * one LangGraph node per workflow node (two for a loop: entered, and back from its body), and the
 * edges. Every string from the graph enters the code through JSON.stringify, as a literal; node
 * ids, which match [A-Za-z_][A-Za-z0-9_]*, are the only graph text in comments.
 */

/** A JSON literal; `indent` continues the lines of a multi-line object. */
const lit = (value: unknown, indent = '') => canonicalJson(value, indent);
const str = (value: string) => JSON.stringify(value);
const list = (values: readonly string[]) => `[${values.map(str).join(', ')}]`;

// LangGraph refuses a node named like a state channel, so nodes are `node.<id>`.
const nodeName = (id: string) => `node.${id}`;
const repeatName = (id: string) => `node.${id}.repeat`;

const CHANNEL_TYPES: Record<PlannedNode['type'], string> = {
  start: 'Record<string, unknown>',
  prompt: 'PromptOutput',
  condition: '{ branch: string }',
  loop: '{ iteration: number }',
  parallel: 'Record<string, never>',
  join: 'Record<string, never>',
  human: 'HumanDecision',
  tool: 'ToolOutput',
  end: 'string',
};

export interface GraphSourceInput {
  name: string;
  version: number;
  orgId: string;
  plan: GraphPlan;
}

/** How a node's edges are wired, for the nodes that route by themselves (condition, loop). */
interface Routing {
  edges: readonly WorkflowEdge[];
  /** The LangGraph node an edge leads to; null for a join, which its barrier edge triggers. */
  targetOf: (e: WorkflowEdge) => string | null;
}

function loopRepeatCode(node: PlannedNode & { type: 'loop' }, { edges, targetOf }: Routing): string[] {
  const body = edges.find((e) => e.sourceHandle === 'body')!;
  const done = edges.find((e) => e.sourceHandle === 'done')!;
  const goto = (e: WorkflowEdge) => {
    const target = targetOf(e);
    return target === null ? '[]' : str(target);
  };
  const ends = [targetOf(done), targetOf(body)].filter((t): t is string => t !== null);
  const settings = { maxIterations: node.data.maxIterations, until: node.data.until };
  return [
    `  // loop "${node.id}" back from its body: done once \`until\` holds or after maxIterations, else again`,
    `  .addNode(`,
    `    ${str(repeatName(node.id))},`,
    `    (state) => {`,
    `      const next = repeatLoop(state, ${str(node.id)}, ${lit(settings, '      ')});`,
    `      return new Command({`,
    `        update: { ${str(node.id)}: { iteration: next.iteration } },`,
    `        goto: next.done ? ${goto(done)} : ${goto(body)},`,
    `      });`,
    `    },`,
    `    { ends: ${list(ends)} },`,
    `  )`,
  ];
}

function nodeCode(node: PlannedNode, routing: Routing): string[] {
  const id = str(node.id);
  const name = str(nodeName(node.id));
  const comment = (text: string) => `  // ${node.type} "${node.id}": ${text}`;
  /** A node function `(state) => ({ <id>: <expr> })`, the expression on a line of its own. */
  const returning = (args: string, expr: string) => [
    `  .addNode(${name}, ${args} => ({`,
    `    ${id}: ${expr},`,
    `  }))`,
  ];
  switch (node.type) {
    case 'start':
      return [comment("its output is the run's input"), ...returning('(state)', 'state.input')];
    case 'prompt':
      return [
        comment('runs the stored prompt through the PromptOps API'),
        ...returning(
          'async (state)',
          `await runPrompt(state, ${id}, ${lit(node.data, '    ')}, connection())`,
        ),
      ];
    case 'condition': {
      const hasElse = routing.edges.some((e) => e.sourceHandle === 'else');
      const branches = lit(node.data.branches, '    ');
      return [
        comment(`the first branch whose expression holds${hasElse ? ', else "else"' : ''}`),
        ...returning('(state)', `chooseBranch(state, ${id}, ${branches}, /* has an else edge */ ${hasElse})`),
      ];
    }
    case 'loop':
      return [
        comment('entered, iteration 1, then its body'),
        ...returning('()', '{ iteration: 1 }'),
        ...loopRepeatCode(node, routing),
      ];
    case 'parallel':
      return [comment('its outgoing edges run at once'), ...returning('()', '{}')];
    case 'join':
      return [comment('runs once all its incoming edges have arrived'), ...returning('()', '{}')];
    case 'human':
      return [
        comment('pauses the run until it is resumed with a decision'),
        `  .addNode(${name}, (state) => {`,
        `    const message = renderTemplate(${str(node.data.message)}, state, ${id}, "message");`,
        `    return { ${id}: checkDecision(${id}, interrupt({ nodeId: ${id}, message })) };`,
        `  })`,
      ];
    case 'tool': {
      const { kind, ...settings } = node.data;
      return kind === 'http'
        ? [
            comment('an HTTP request'),
            ...returning('async (state)', `await runHttpTool(state, ${id}, ${lit(settings, '    ')})`),
          ]
        : [
            comment('JavaScript, run in a node:vm context here (PromptOps runs it in QuickJS)'),
            ...returning('(state)', `runCodeTool(state, ${id}, ${lit(settings, '    ')})`),
          ];
    }
    case 'end':
      return [
        comment("its output is the run's output"),
        ...returning('(state)', `renderTemplate(${str(node.data.output)}, state, ${id}, "output")`),
      ];
  }
}

/** The step limit PromptOps gives a run of the graph (LangGraph's default of 25 is too low for loops). */
export function recursionLimit(nodes: readonly PlannedNode[]): number {
  let iterations = 1;
  for (const node of nodes) if (node.type === 'loop') iterations += node.data.maxIterations;
  return Math.min(100_000, nodes.length * (iterations + 1) + 25);
}

/** What src/graph.ts imports from LangGraph: only what its nodes use. */
function langGraphImports(nodes: readonly PlannedNode[]): string[] {
  const has = (type: PlannedNode['type']) => nodes.some((n) => n.type === type);
  return [
    'Annotation',
    ...(has('loop') ? ['Command'] : []),
    'END',
    'START',
    'StateGraph',
    ...(has('human') ? ['interrupt'] : []),
  ];
}

/** What src/graph.ts imports from its runtime: only what its nodes use. */
function runtimeImports(nodes: readonly PlannedNode[]): string[] {
  const names = new Set<string>();
  for (const n of nodes) {
    if (n.type === 'prompt') names.add('runPrompt').add('connectionFromEnv').add('type PromptOutput');
    if (n.type === 'condition') names.add('chooseBranch');
    if (n.type === 'loop') names.add('repeatLoop');
    if (n.type === 'human') names.add('checkDecision').add('renderTemplate').add('type HumanDecision');
    if (n.type === 'tool') names.add(n.data.kind === 'http' ? 'runHttpTool' : 'runCodeTool');
    if (n.type === 'end') names.add('renderTemplate');
  }
  // Values first, then types, each alphabetically: the same graph always imports in the same order.
  const sorted = [...names].sort();
  return [...sorted.filter((n) => !n.startsWith('type ')), ...sorted.filter((n) => n.startsWith('type '))];
}

/** Writes the code of one graph; see the file comment. */
export function generateGraphSource({ name, version, orgId, plan }: GraphSourceInput): string {
  const { nodes, byId, outgoing, incoming, backEdges } = plan;
  const out = (id: string) => outgoing.get(id) ?? [];
  const isJoin = (id: string) => byId.get(id)?.type === 'join';
  const targetOf = (e: WorkflowEdge): string | null => {
    if (isJoin(e.target)) return null;
    if (byId.get(e.target)?.type === 'loop' && backEdges.has(e)) return repeatName(e.target);
    return nodeName(e.target);
  };
  /** The LangGraph node an edge leaves from (a loop's `done` edge leaves once it is back from its body). */
  const sourceOf = (e: WorkflowEdge): string =>
    byId.get(e.source)?.type === 'loop' && e.sourceHandle === 'done'
      ? repeatName(e.source)
      : nodeName(e.source);

  const lines: string[] = [
    `// The workflow below, exported from PromptOps as a LangGraph.js graph. This file is generated:`,
    `// change the workflow in PromptOps and export it again rather than editing it here.`,
    `import { ${langGraphImports(nodes).join(', ')} } from '@langchain/langgraph';`,
    `import {`,
    ...runtimeImports(nodes).map((name) => `  ${name},`),
    `} from './runtime.js';`,
    ``,
    `export const WORKFLOW = { name: ${str(name)}, version: ${version}, orgId: ${str(orgId)} } as const;`,
    ``,
    `/** Most LangGraph steps a run may take: every node once per loop iteration, and then some. */`,
    `export const RECURSION_LIMIT = ${recursionLimit(nodes)};`,
    ``,
    `/** The end nodes in graph order: the run's output is the output of the one that ran. */`,
    `export const END_NODES: readonly string[] = ${list(nodes.filter((n) => n.type === 'end').map((n) => n.id))};`,
    ``,
    ...(nodes.some((n) => n.type === 'tool')
      ? [`type ToolOutput = { output: unknown; status?: number };`, ``]
      : []),
    ...(nodes.some((n) => n.type === 'prompt')
      ? [
          `/** PROMPTOPS_URL, PROMPTOPS_API_KEY and PROMPTOPS_ORG_ID, read when a prompt node runs. */`,
          `const connection = () => connectionFromEnv(WORKFLOW.orgId);`,
          ``,
        ]
      : []),
    `/** The run's state: \`input\` and, per node id, that node's output (the last visit wins). */`,
    `const State = Annotation.Root({`,
    `  input: Annotation<Record<string, unknown>>(),`,
    ...nodes.map((n) => `  ${str(n.id)}: Annotation<${CHANNEL_TYPES[n.type]}>(), // ${n.type}`),
    `});`,
    ``,
    `/** The graph before compiling: src/main.ts compiles it with an in-memory checkpointer. */`,
    `export const workflow = new StateGraph(State)`,
  ];

  for (const node of nodes) lines.push(...nodeCode(node, { edges: out(node.id), targetOf }));

  lines.push(`  // edges`, `  .addEdge(START, ${str(nodeName(plan.start.id))})`);
  for (const node of nodes) {
    const edges = out(node.id);
    const name = str(nodeName(node.id));
    if (node.type === 'join') {
      const sources = [...new Set((incoming.get(node.id) ?? []).map(sourceOf))];
      lines.push(
        `  // join "${node.id}" waits for all of its incoming edges`,
        `  .addEdge(${list(sources)}, ${name})`,
      );
    }
    if (node.type === 'condition') {
      const routes = edges.map((e) => {
        const target = targetOf(e);
        // A join counts this node as arrived through its barrier edge, whichever branch is taken.
        return `    ${str(e.sourceHandle ?? '')}: ${target === null ? 'END' : str(target)},`;
      });
      lines.push(
        `  .addConditionalEdges(${name}, (state) => state[${str(node.id)}].branch, {`,
        ...routes,
        `  })`,
      );
    } else if (node.type === 'loop') {
      const body = edges.find((e) => e.sourceHandle === 'body')!;
      const target = targetOf(body);
      if (target !== null) lines.push(`  .addEdge(${name}, ${str(target)})`);
    } else if (node.type === 'end') {
      lines.push(`  .addEdge(${name}, END)`);
    } else {
      for (const e of edges) {
        const target = targetOf(e);
        if (target !== null) lines.push(`  .addEdge(${name}, ${str(target)})`);
      }
    }
  }
  lines[lines.length - 1] += ';';
  lines.push(
    ``,
    `/** The compiled graph that \`langgraph dev\` and LangGraph Platform serve, with their own persistence. */`,
    `export const graph = workflow.compile().withConfig({ recursionLimit: RECURSION_LIMIT });`,
    ``,
  );
  return lines.join('\n');
}
