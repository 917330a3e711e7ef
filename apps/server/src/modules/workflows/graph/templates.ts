import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from '@promptops/contracts';

/**
 * Starter workflows offered by the editor. They validate as they are; their prompt nodes name
 * prompts (`classify`, `draft`, …) that an organization creates before the first run.
 * Positions run left to right: one column per step, parallel branches above and below.
 */
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  graph: WorkflowGraph;
}

const COLUMN = 260;
const ROW = 140;

function node(
  id: string,
  type: string,
  column: number,
  row: number,
  data: Record<string, unknown>,
): WorkflowNode {
  return { id, type, position: { x: column * COLUMN, y: row * ROW }, data };
}

/** Edges from `[source, target, handle?]` triples, with ids `e1`, `e2`, … */
function edges(...pairs: [string, string, string?][]): WorkflowEdge[] {
  return pairs.map(([source, target, sourceHandle], i) => ({
    id: `e${i + 1}`,
    source,
    target,
    ...(sourceHandle !== undefined && { sourceHandle }),
  }));
}

const classifyAndRoute: WorkflowTemplate = {
  id: 'classify-and-route',
  name: 'Classify and route',
  description: 'Classify the question, then answer it with the prompt for its category.',
  graph: {
    nodes: [
      node('start', 'start', 0, 0, { inputs: ['question'] }),
      node('classify', 'prompt', 1, 0, {
        prompt: { name: 'classify' },
        variables: { question: '{{input.question}}' },
      }),
      node('route', 'condition', 2, 0, {
        branches: [{ id: 'billing', when: 'classify.output.trim().lowerAscii() == "billing"' }],
      }),
      node('answer_billing', 'prompt', 3, -0.5, {
        prompt: { name: 'answer-billing' },
        variables: { question: '{{input.question}}' },
      }),
      node('answer_general', 'prompt', 3, 0.5, {
        prompt: { name: 'answer-general' },
        variables: { question: '{{input.question}}', category: '{{classify.output}}' },
      }),
      node('end_billing', 'end', 4, -0.5, { output: '{{answer_billing.output}}' }),
      node('end_general', 'end', 4, 0.5, { output: '{{answer_general.output}}' }),
    ],
    edges: edges(
      ['start', 'classify'],
      ['classify', 'route'],
      ['route', 'answer_billing', 'billing'],
      ['route', 'answer_general', 'else'],
      ['answer_billing', 'end_billing'],
      ['answer_general', 'end_general'],
    ),
  },
};

// The critique reads the newest text: the draft on the first pass, the revision after that. A
// template cannot choose between two paths, so a small code step does.
const LATEST_TEXT = `function run(state) {
  return state.revise ? state.revise.output : state.draft.output;
}`;

const draftCritiqueRevise: WorkflowTemplate = {
  id: 'draft-critique-revise',
  name: 'Draft, critique, revise',
  description: 'Write a draft, then critique and revise it until the critique says LGTM (at most 3 rounds).',
  graph: {
    nodes: [
      node('start', 'start', 0, 0, { inputs: ['topic'] }),
      node('draft', 'prompt', 1, 0, { prompt: { name: 'draft' }, variables: { topic: '{{input.topic}}' } }),
      node('refine', 'loop', 2, 0, { maxIterations: 3, until: 'critique.output.contains("LGTM")' }),
      node('latest', 'tool', 3, 1, { kind: 'code', code: LATEST_TEXT }),
      node('critique', 'prompt', 4, 1, {
        prompt: { name: 'critique' },
        variables: { text: '{{latest.output}}' },
      }),
      node('revise', 'prompt', 5, 1, {
        prompt: { name: 'revise' },
        variables: {
          text: '{{latest.output}}',
          critique: '{{critique.output}}',
          round: '{{refine.iteration}}',
        },
      }),
      node('end', 'end', 6, 0, { output: '{{revise.output}}' }),
    ],
    edges: edges(
      ['start', 'draft'],
      ['draft', 'refine'],
      ['refine', 'latest', 'body'],
      ['latest', 'critique'],
      ['critique', 'revise'],
      ['revise', 'refine'],
      ['refine', 'end', 'done'],
    ),
  },
};

const parallelSummaries: WorkflowTemplate = {
  id: 'parallel-summaries',
  name: 'Parallel summaries',
  description: 'Summarize a document two ways at once, then merge the summaries into one.',
  graph: {
    nodes: [
      node('start', 'start', 0, 0, { inputs: ['document'] }),
      node('fan_out', 'parallel', 1, 0, {}),
      node('summary_short', 'prompt', 2, -0.5, {
        prompt: { name: 'summarize' },
        variables: { text: '{{input.document}}', style: 'one short paragraph' },
      }),
      node('summary_points', 'prompt', 2, 0.5, {
        prompt: { name: 'summarize' },
        variables: { text: '{{input.document}}', style: 'five bullet points' },
      }),
      node('both', 'join', 3, 0, {}),
      node('merge', 'prompt', 4, 0, {
        prompt: { name: 'merge' },
        variables: { short: '{{summary_short.output}}', points: '{{summary_points.output}}' },
      }),
      node('end', 'end', 5, 0, { output: '{{merge.output}}' }),
    ],
    edges: edges(
      ['start', 'fan_out'],
      ['fan_out', 'summary_short'],
      ['fan_out', 'summary_points'],
      ['summary_short', 'both'],
      ['summary_points', 'both'],
      ['both', 'merge'],
      ['merge', 'end'],
    ),
  },
};

const approvalBeforePublish: WorkflowTemplate = {
  id: 'approval-before-publish',
  name: 'Approval before publishing',
  description: 'Draft a post, wait for a person to approve it, then send it to a publishing endpoint.',
  graph: {
    nodes: [
      node('start', 'start', 0, 0, { inputs: ['topic'] }),
      node('draft', 'prompt', 1, 0, { prompt: { name: 'draft' }, variables: { topic: '{{input.topic}}' } }),
      node('approval', 'human', 2, 0, { message: 'Publish this post?\n\n{{draft.output}}' }),
      node('decision', 'condition', 3, 0, { branches: [{ id: 'approved', when: 'approval.approved' }] }),
      node('publish', 'tool', 4, -0.5, {
        kind: 'http',
        method: 'POST',
        url: 'https://example.com/api/posts',
        headers: { 'content-type': 'application/json' },
        // Objects are inserted as JSON, so this body is valid JSON whatever the text holds.
        body: '{"post": {{draft}}, "review": {{approval}}}',
      }),
      node('published', 'end', 5, -0.5, {
        output: 'Published (HTTP {{publish.status}}):\n\n{{draft.output}}',
      }),
      node('declined', 'end', 4, 0.5, { output: 'Not published: the reviewer declined.' }),
    ],
    edges: edges(
      ['start', 'draft'],
      ['draft', 'approval'],
      ['approval', 'decision'],
      ['decision', 'publish', 'approved'],
      ['decision', 'declined', 'else'],
      ['publish', 'published'],
    ),
  },
};

const httpLookupAnswer: WorkflowTemplate = {
  id: 'http-lookup-answer',
  name: 'Look up, then answer',
  description: 'Fetch background from an HTTP API and answer the question with it.',
  graph: {
    nodes: [
      node('start', 'start', 0, 0, { inputs: ['topic', 'question'] }),
      node('lookup', 'tool', 1, 0, {
        kind: 'http',
        method: 'GET',
        url: 'https://en.wikipedia.org/api/rest_v1/page/summary/{{input.topic}}',
        headers: { accept: 'application/json' },
        timeoutMs: 10_000,
      }),
      node('answer', 'prompt', 2, 0, {
        prompt: { name: 'answer' },
        variables: { question: '{{input.question}}', context: '{{lookup.output}}' },
      }),
      node('end', 'end', 3, 0, { output: '{{answer.output}}' }),
    ],
    edges: edges(['start', 'lookup'], ['lookup', 'answer'], ['answer', 'end']),
  },
};

export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  classifyAndRoute,
  draftCritiqueRevise,
  parallelSummaries,
  approvalBeforePublish,
  httpLookupAnswer,
];

/** Starter texts of the prompts the templates name, with the variables their nodes fill in. */
const STARTER_PROMPTS: Record<string, string> = {
  classify:
    'Classify this customer question as "billing" or "general". Answer with the one word only.\n\nQuestion: {{question}}',
  'answer-billing':
    'You answer billing questions for our customers, briefly and kindly.\n\nQuestion: {{question}}',
  'answer-general':
    'Answer this {{category}} question from a customer in two or three sentences.\n\nQuestion: {{question}}',
  draft: 'Write a short first draft about: {{topic}}',
  critique: 'Critique this text in three bullet points. If it needs no changes, answer LGTM.\n\n{{text}}',
  revise:
    'Revise the text (round {{round}}) following the critique.\n\nText:\n{{text}}\n\nCritique:\n{{critique}}',
  summarize: 'Summarize the text as {{style}}.\n\n{{text}}',
  merge: 'Combine these two summaries into one.\n\nShort:\n{{short}}\n\nPoints:\n{{points}}',
  answer: 'Answer the question using the context.\n\nContext: {{context}}\n\nQuestion: {{question}}',
};

/** The starter prompts a graph's prompt nodes name (each once, in graph order). */
export function starterPromptsFor(graph: WorkflowGraph): { name: string; template: string }[] {
  const names = new Set<string>();
  for (const node of graph.nodes) {
    const name = (node.data as { prompt?: { name?: string } }).prompt?.name;
    if (node.type === 'prompt' && name && STARTER_PROMPTS[name]) names.add(name);
  }
  return [...names].map((name) => ({ name, template: STARTER_PROMPTS[name]! }));
}
