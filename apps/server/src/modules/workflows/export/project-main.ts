/**
 * src/main.ts of an exported workflow: one run from the command line. It depends on nothing of the
 * graph but the names src/graph.ts exports, so it is the same text in every export.
 */
export const PROJECT_MAIN_SOURCE = `// Runs the workflow once: npm start -- '{"input": {...}}', or the same JSON on stdin.
// Prints {"status": "succeeded", "output": ...}; {"status": "waiting", "waiting": {nodeId, message}}
// when a human node has no decision; {"status": "failed", "error": ...} with exit code 1.
// Decisions for human nodes: {"input": {...}, "decisions": {"<nodeId>": {"approved": true}}}; a
// node that a loop visits several times takes a list, one decision per visit.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Command, MemorySaver } from '@langchain/langgraph';
import { END_NODES, RECURSION_LIMIT, workflow } from './graph.js';

interface RunRequest {
  input?: Record<string, unknown>;
  decisions?: Record<string, unknown>;
}

interface Waiting {
  id?: string;
  value?: { nodeId?: string; message?: string };
}

function readRequest(): RunRequest {
  const text = process.argv[2] ?? (process.stdin.isTTY ? '' : readFileSync(0, 'utf8'));
  if (!text.trim()) throw new Error('Give the run as JSON: npm start -- \\'{"input": {"question": "..."}}\\'');
  const request = JSON.parse(text) as RunRequest;
  if (request === null || typeof request !== 'object' || Array.isArray(request))
    throw new Error('The run must be a JSON object: {"input": {...}, "decisions"?: {...}}');
  if (request.input !== undefined && (typeof request.input !== 'object' || Array.isArray(request.input)))
    throw new Error('"input" must be a JSON object');
  return request;
}

/** The next decision given for a human node, one per visit. */
function nextDecision(request: RunRequest, nodeId: string, visits: Map<string, number>): unknown {
  const given = request.decisions?.[nodeId];
  const visit = visits.get(nodeId) ?? 0;
  visits.set(nodeId, visit + 1);
  return Array.isArray(given) ? given[visit] : visit === 0 ? given : undefined;
}

async function main(): Promise<Record<string, unknown>> {
  const envFile = new URL('../.env', import.meta.url);
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const request = readRequest();
  const graph = workflow.compile({ checkpointer: new MemorySaver() });
  const config = { configurable: { thread_id: randomUUID() }, recursionLimit: RECURSION_LIMIT };
  const visits = new Map<string, number>();
  let next: unknown = { input: request.input ?? {} };
  for (;;) {
    await graph.invoke(next as Parameters<typeof graph.invoke>[0], config);
    const snapshot = await graph.getState(config);
    const waiting = snapshot.tasks.flatMap((t) => t.interrupts as Waiting[]);
    if (waiting.length === 0) {
      const values = snapshot.values as Record<string, unknown>;
      const end = END_NODES.find((id) => values[id] !== undefined);
      if (end === undefined) throw new Error('The run finished without reaching an end node');
      return { status: 'succeeded', output: values[end] };
    }
    const resume: Record<string, unknown> = {};
    for (const w of waiting) {
      const decision = nextDecision(request, w.value?.nodeId ?? '', visits);
      if (decision === undefined || w.id === undefined)
        return { status: 'waiting', waiting: { nodeId: w.value?.nodeId, message: w.value?.message } };
      resume[w.id] = decision;
    }
    next = new Command({ resume });
  }
}

main().then(
  (result) => console.log(JSON.stringify(result, null, 2)),
  (err: unknown) => {
    console.log(JSON.stringify({ status: 'failed', error: err instanceof Error ? err.message : String(err) }, null, 2));
    process.exitCode = 1;
  },
);
`;
