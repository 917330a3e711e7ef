// Workflow throughput and paused runs, against `promptops mock-llm` at 0 ms latency.
//
// 1. Runs per second of a 5-node workflow (start → classify prompt → condition → answer prompt →
//    end): N runs submitted by C clients, timed from the first submission to the last run's end.
//    Baseline in the same run: the same two LLM calls per run made straight to the mock with the
//    OpenAI SDK at the worker's concurrency (what the workflow engine adds is the difference).
// 2. Paused runs: P runs of start → human → end, all waiting at approval, then all resumed —
//    time to pause and to finish, server RSS per paused run, checkpoint bytes per paused run.
//   npm run bench:workflows [-- --runs 2000 --paused 1000 --clients 50 --database postgres://…/bench_workflows]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import pg from 'pg';
import { startProcess, stopProcess } from '../process.js';
import { json } from '../support.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    paused: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '50' },
    database: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const PAUSED = Number(values.paused);
const CLIENTS = Number(values.clients);
/** The workflow queue's concurrency per worker process (workflows.jobs.ts). */
const WORKER_CONCURRENCY = 20;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function pool<T>(count: number, clients: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

async function directCalls(mockUrl: string, calls: number): Promise<number> {
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: `${mockUrl}/v1`, maxRetries: 0 });
  const t0 = performance.now();
  await pool(calls, WORKER_CONCURRENCY, async (i) => {
    const s = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: `Classify: question ${i}` }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const _ of s);
  });
  return performance.now() - t0;
}

const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${sourceHandle ?? 'out'}-${target}`,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

async function main() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptops-bench-workflows-'));
  const mock = await startProcess(
    [
      'apps/server/dist/main.js',
      'mock-llm',
      '--port',
      '0',
      '--latency',
      '0',
      '--chunk-gap',
      '0',
      '--rpm',
      '100000000',
    ],
    {},
    /listening on (http:\/\/[\d.:]+)/,
  );
  const mockUrl = /http:\/\/[\d.:]+/.exec(mock.line)![0];
  const server = await startProcess(
    ['apps/server/dist/main.js', 'start'],
    {
      PORT: '0',
      PROMPTOPS_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      PROMPTOPS_WEB_DIR: path.join(dataDir, 'no-web'),
      JOBS_POLL_INTERVAL_MS: '50',
      ...(values.database
        ? {
            DATABASE_URL: values.database,
            DATABASE_POOL_SIZE: '20',
            PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
          }
        : {}),
    },
    /"url":"(http:\/\/[\d.:]+)"/,
  );
  const base = /http:\/\/[\d.:]+/.exec(server.line)![0];
  try {
    const session = await json(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      body: JSON.stringify({
        email: `bench-${randomBytes(4).toString('hex')}@example.com`,
        password: 'correct horse battery staple',
        name: 'Bench',
        organizationName: 'Bench',
      }),
    });
    const token = session.accessToken as string;
    const org = `${base}/api/v1/orgs/${session.organization.id}`;
    const post = (url: string, body: unknown) =>
      json(url, { method: 'POST', token, body: JSON.stringify(body) });
    const provider = await post(`${org}/providers`, {
      name: 'mock',
      type: 'openai-compatible',
      baseUrl: `${mockUrl}/v1`,
      settings: { maxRetries: 0 },
    });
    const model = await post(`${org}/models`, {
      providerId: provider.id,
      name: 'gpt-4o-mini',
      inputPricePerMTok: '0.15',
      outputPricePerMTok: '0.6',
    });
    await post(`${org}/prompts`, { name: 'classify', template: 'Classify: {{question}}', modelId: model.id });
    await post(`${org}/prompts`, { name: 'answer', template: 'Answer: {{question}}', modelId: model.id });
    await post(`${org}/workflows`, {
      name: 'five-nodes',
      graph: {
        nodes: [
          { id: 'start', type: 'start', data: {} },
          {
            id: 'classify',
            type: 'prompt',
            data: { prompt: { name: 'classify' }, variables: { question: '{{input.q}}' } },
          },
          {
            id: 'route',
            type: 'condition',
            data: { branches: [{ id: 'mock', when: 'classify.output.startsWith("Mock")' }] },
          },
          {
            id: 'answer',
            type: 'prompt',
            data: { prompt: { name: 'answer' }, variables: { question: '{{input.q}}' } },
          },
          { id: 'end', type: 'end', data: { output: '{{answer.output}}' } },
        ],
        edges: [
          edge('start', 'classify'),
          edge('classify', 'route'),
          edge('route', 'answer', 'mock'),
          edge('route', 'end', 'else'),
          edge('answer', 'end'),
        ],
      },
    });
    await post(`${org}/workflows`, {
      name: 'approval',
      graph: {
        nodes: [
          { id: 'start', type: 'start', data: {} },
          { id: 'approve', type: 'human', data: { message: 'Approve {{input.q}}?' } },
          { id: 'end', type: 'end', data: { output: 'approved={{approve.approved}}' } },
        ],
        edges: [edge('start', 'approve'), edge('approve', 'end')],
      },
    });

    const db = values.database ? 'PostgreSQL' : 'embedded database';
    console.log(
      `workflows against mock-llm at 0 ms (${db}); ${CLIENTS} clients; worker concurrency ${WORKER_CONCURRENCY}`,
    );

    // Warm-up: code paths, connections, the provider client.
    await pool(20, 10, (i) => post(`${org}/workflows/five-nodes/runs`, { input: { q: `warm ${i}` } }));
    await waitFor(org, token, 'five-nodes', 20);

    const directMs = await directCalls(mockUrl, RUNS * 2);
    const t0 = performance.now();
    await pool(RUNS, CLIENTS, (i) =>
      post(`${org}/workflows/five-nodes/runs`, { input: { q: `question ${i}` } }),
    );
    const submitMs = performance.now() - t0;
    await waitFor(org, token, 'five-nodes', RUNS + 20);
    const ms = performance.now() - t0;
    console.log(
      [
        `5-node workflow: ${RUNS} runs in ${(ms / 1000).toFixed(1)} s → ${((RUNS / ms) * 1000).toFixed(0)} runs/s`,
        `(submitted in ${(submitMs / 1000).toFixed(1)} s)`,
        `same ${RUNS * 2} LLM calls direct with the SDK: ${(directMs / 1000).toFixed(1)} s → ${((RUNS / directMs) * 1000).toFixed(0)} "runs"/s`,
        `ratio ${(directMs / ms).toFixed(2)}× direct`,
        `n8n single instance ≈ 220 executions/s → ${(((RUNS / ms) * 1000) / 220).toFixed(2)}×`,
      ].join(' · '),
    );

    const rssBefore = rssMiB(server.proc.pid!);
    const p0 = performance.now();
    const ids = await pool(
      PAUSED,
      CLIENTS,
      async (i) =>
        (await post(`${org}/workflows/approval/runs`, { input: { q: `item ${i}` } })).run.id as string,
    );
    await waitForStatus(org, token, 'waiting', PAUSED);
    const pauseMs = performance.now() - p0;
    const rssPaused = rssMiB(server.proc.pid!);
    let checkpointBytes = '';
    if (values.database) {
      const client = new pg.Client({ connectionString: values.database });
      await client.connect();
      const { rows } = await client.query(
        `select sum(pg_total_relation_size(t))::bigint as bytes from unnest(array['checkpoints','checkpoint_blobs','checkpoint_writes']::regclass[]) t`,
      );
      await client.end();
      checkpointBytes = ` · checkpoint tables ${(Number(rows[0].bytes) / PAUSED / 1024).toFixed(1)} KiB per paused run`;
    }
    console.log(
      `${PAUSED} runs paused at approval in ${(pauseMs / 1000).toFixed(1)} s · server RSS ${rssBefore.toFixed(0)} → ${rssPaused.toFixed(0)} MiB (${(((rssPaused - rssBefore) * 1024) / PAUSED).toFixed(1)} KiB per paused run)${checkpointBytes}`,
    );
    const r0 = performance.now();
    await pool(ids.length, CLIENTS, (i) =>
      post(`${org}/workflow-runs/${ids[i]}/resume`, { decision: { approved: true } }),
    );
    await waitForStatus(org, token, 'waiting', 0);
    await waitFor(org, token, 'approval', PAUSED);
    const resumeMs = performance.now() - r0;
    console.log(
      `${PAUSED} resumed and finished in ${(resumeMs / 1000).toFixed(1)} s → ${((PAUSED / resumeMs) * 1000).toFixed(0)} resumes/s`,
    );
  } finally {
    await stopProcess(server.proc);
    await stopProcess(mock.proc);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Waits until `count` runs of the workflow have ended; throws if any failed. */
async function waitFor(org: string, token: string, workflowName: string, count: number): Promise<void> {
  for (;;) {
    let ended = 0;
    let cursor: string | null = null;
    let open = false;
    do {
      const page: { items: { status: string; error: string | null }[]; nextCursor: string | null } =
        await json(
          `${org}/workflow-runs?workflowName=${workflowName}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          { token },
        );
      for (const run of page.items) {
        if (run.status === 'failed') throw new Error(`a run failed: ${run.error}`);
        if (run.status === 'succeeded') ended += 1;
        else open = true;
      }
      cursor = page.nextCursor;
    } while (cursor && !open);
    if (!open && ended >= count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForStatus(org: string, token: string, status: string, count: number): Promise<void> {
  for (;;) {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = await json(
        `${org}/workflow-runs?status=${status}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    if (n === count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

await main();
