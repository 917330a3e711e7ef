import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../src/mock-llm/index.js';
import { startTestServer, TEST_PASSWORD, uniqueEmail, type TestServer } from './harness.js';
import { listeningUrl, promptops, until } from './processes.js';

// A workflow run whose worker process is killed with SIGKILL in the middle of a loop: another
// worker (or the restarted process on the embedded database) continues it from the last LangGraph
// checkpoint. Every iteration is recorded once, and only the call cut off by the kill runs twice.
const ITERATIONS = 8;
const JOB_ENV = { JOBS_LEASE_MS: '1500', JOBS_POLL_INTERVAL_MS: '100', RUN_HEARTBEAT_MS: '200' };

interface Client {
  base: string;
  orgId: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

async function signUp(base: string): Promise<Client> {
  const res = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: uniqueEmail('wf-crash'),
      password: TEST_PASSWORD,
      name: 'Crash Tester',
      organizationName: 'Workflow Crash Org',
    }),
  });
  const session = (await res.json()) as { accessToken: string; organization: { id: string } };
  expect(res.status).toBe(201);
  const client: Client = {
    base,
    orgId: session.organization.id,
    async call(method, p, payload) {
      const r = await fetch(`${client.base}/api/v1/orgs/${client.orgId}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${session.accessToken}`,
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : undefined };
    },
  };
  return client;
}

/** A slow model, a prompt and a loop workflow of ITERATIONS slow calls; starts a run, returns its id. */
async function startRun(client: Client, mock: MockLlmServer): Promise<string> {
  const provider = await client.call('POST', '/providers', {
    name: 'slow mock',
    type: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    settings: { headers: { 'x-mock-latency-ms': '150' }, maxRetries: 0 },
  });
  expect(provider.status).toBe(201);
  const model = await client.call('POST', '/models', {
    providerId: provider.body.id,
    name: 'gpt-4o-mini',
    inputPricePerMTok: '1',
    outputPricePerMTok: '2',
  });
  expect(model.status).toBe(201);
  expect(
    (
      await client.call('POST', '/prompts', {
        name: 'draft',
        template: 'Draft {{n}}',
        modelId: model.body.id,
      })
    ).status,
  ).toBe(201);
  const created = await client.call('POST', '/workflows', {
    name: 'long-loop',
    graph: {
      nodes: [
        { id: 'start', type: 'start', data: {} },
        { id: 'rounds', type: 'loop', data: { maxIterations: ITERATIONS, until: 'false' } },
        {
          id: 'draft',
          type: 'prompt',
          data: { prompt: { name: 'draft' }, variables: { n: '{{rounds.iteration}}' } },
        },
        { id: 'end', type: 'end', data: { output: 'last: {{draft.output}}' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'rounds' },
        { id: 'e2', source: 'rounds', target: 'draft', sourceHandle: 'body' },
        { id: 'e3', source: 'draft', target: 'rounds' },
        { id: 'e4', source: 'rounds', target: 'end', sourceHandle: 'done' },
      ],
    },
  });
  expect(created.status).toBe(201);
  const run = await client.call('POST', '/workflows/long-loop/runs', { input: {} });
  expect(run.status).toBe(201);
  return run.body.run.id;
}

/** Finished visits of the loop's prompt node so far. */
async function draftsDone(client: Client, id: string): Promise<number> {
  const res = await client.call('GET', `/workflow-runs/${id}`);
  if (res.status !== 200) throw new Error(`GET workflow run: ${res.status} ${JSON.stringify(res.body)}`);
  const steps = res.body.run.steps as { nodeId: string; status: string }[];
  return steps.filter((s) => s.nodeId === 'draft' && s.status === 'succeeded').length;
}

async function expectFinishedOnce(client: Client, id: string) {
  const run = (await client.call('GET', `/workflow-runs/${id}`)).body.run;
  expect(run.status).toBe('succeeded');
  expect(run.output).toMatch(new RegExp(`^last: Mock reply to: Draft ${ITERATIONS}\\b`));
  const drafts = run.steps.filter((s: { nodeId: string }) => s.nodeId === 'draft');
  expect(drafts.map((s: { iteration: number }) => s.iteration)).toEqual(
    Array.from({ length: ITERATIONS }, (_, i) => i + 1),
  );
  expect(drafts.every((s: { status: string }) => s.status === 'succeeded')).toBe(true);
  // The calls of the run: one per iteration, plus at most the one the kill cut off (which a
  // later attempt ran again from the last checkpoint).
  const calls = (await client.call('GET', '/executions?source=workflow&limit=50')).body.items as {
    status: string;
  }[];
  expect(calls.filter((c) => c.status === 'succeeded').length).toBeGreaterThanOrEqual(ITERATIONS);
  expect(calls.filter((c) => c.status === 'succeeded').length).toBeLessThanOrEqual(ITERATIONS + 1);
}

describe.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres' && process.env.TEST_REDIS_URL)(
  'a workflow run whose worker is killed (PostgreSQL + Redis, two `promptops worker` processes)',
  () => {
    let s: TestServer;
    let mock: MockLlmServer;
    afterAll(async () => {
      await s?.close();
      await mock?.close();
    });

    it('is continued by the other worker from the last checkpoint', async () => {
      mock = await startMockLlm({ port: 0, chunkGapMs: 0 });
      s = await startTestServer();
      const base = await s.app.listen({ port: 0, host: '127.0.0.1' });
      const env = {
        ...JOB_ENV,
        DATABASE_URL: s.ctx.config.DATABASE_URL!,
        REDIS_URL: s.ctx.config.REDIS_URL!,
        REDIS_PREFIX: s.ctx.config.REDIS_PREFIX,
        PROMPTOPS_MASTER_KEY: s.ctx.config.PROMPTOPS_MASTER_KEY!,
      };
      const workers = [promptops('worker', env), promptops('worker', env)];
      for (const w of workers)
        await until('a worker to start', () => w.output().includes('PromptOps worker is running'));
      const client = await signUp(base);
      const id = await startRun(client, mock);
      await until('a few iterations', async () => (await draftsDone(client, id)) >= 3);
      const [owner] = (
        await s.ctx.database.pool.query<{ lease_owner: string | null }>(
          'SELECT j.lease_owner FROM jobs j JOIN workflow_runs r ON r.job_id = j.id WHERE r.id = $1',
          [id],
        )
      ).rows;
      const victim = workers.find((w) => owner?.lease_owner?.includes(`:${w.proc.pid}:`))!;
      expect(victim).toBeDefined();
      victim.proc.kill('SIGKILL');
      await victim.exited;
      expect(await draftsDone(client, id)).toBeLessThan(ITERATIONS);

      await until('the other worker to finish it', async () => {
        const run = (await client.call('GET', `/workflow-runs/${id}`)).body.run;
        return run.status !== 'running' && run.status !== 'queued';
      });
      await expectFinishedOnce(client, id);
      const survivor = workers.find((w) => w !== victim)!;
      survivor.proc.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);
    }, 300_000);
  },
);

describe.runIf(process.env.PROMPTOPS_TEST_DB !== 'postgres')(
  'workflow runs on the embedded database, the process killed mid-run and started again',
  () => {
    let mock: MockLlmServer;
    afterAll(async () => mock?.close());

    it('finishes a running loop from the last checkpoint and keeps a waiting approval', async () => {
      mock = await startMockLlm({ port: 0, chunkGapMs: 0 });
      const dir = await mkdtemp(path.join(tmpdir(), 'promptops-wf-'));
      const env = {
        ...JOB_ENV,
        PROMPTOPS_DATA_DIR: path.join(dir, 'data'),
        PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
        PORT: '0',
        PROMPTOPS_WEB_DIR: path.join(dir, 'no-web'),
      };
      try {
        const first = promptops('start', env);
        const client = await signUp(await listeningUrl(first));
        const id = await startRun(client, mock);
        // A second run waits for approval when the process dies.
        const approval = await client.call('POST', '/workflows', {
          name: 'approve-then-end',
          graph: {
            nodes: [
              { id: 'start', type: 'start', data: {} },
              { id: 'ask', type: 'human', data: { message: 'Ship {{input.what}}?' } },
              { id: 'end', type: 'end', data: { output: '{{ask.approved}}: {{ask.comment}}' } },
            ],
            edges: [
              { id: 'e1', source: 'start', target: 'ask' },
              { id: 'e2', source: 'ask', target: 'end' },
            ],
          },
        });
        expect(approval.status).toBe(201);
        const waitingId = (
          await client.call('POST', '/workflows/approve-then-end/runs', { input: { what: 'v2' } })
        ).body.run.id as string;
        await until('the approval to wait', async () => {
          const run = (await client.call('GET', `/workflow-runs/${waitingId}`)).body.run;
          return run.status === 'waiting';
        });
        await until('a few iterations', async () => (await draftsDone(client, id)) >= 3);
        first.proc.kill('SIGKILL');
        await first.exited;

        const second = promptops('start', env);
        client.base = await listeningUrl(second);
        await until('the restarted process to finish it', async () => {
          const run = (await client.call('GET', `/workflow-runs/${id}`)).body?.run;
          return run && run.status !== 'running' && run.status !== 'queued';
        });
        await expectFinishedOnce(client, id);
        // The approval survived the restart: answering it now finishes the run.
        const resumed = await client.call('POST', `/workflow-runs/${waitingId}/resume`, {
          decision: { approved: true, comment: 'after the restart' },
        });
        expect(resumed.status).toBe(200);
        const approved = await until('the approved run to end', async () => {
          const run = (await client.call('GET', `/workflow-runs/${waitingId}`)).body.run;
          return run.status === 'succeeded' || run.status === 'failed' ? run : undefined;
        });
        expect(approved).toMatchObject({ status: 'succeeded', output: 'true: after the restart' });
        second.proc.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 300_000);
  },
);
