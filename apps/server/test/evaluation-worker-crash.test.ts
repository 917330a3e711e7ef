import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../src/mock-llm/index.js';
import { sql, startTestServer, type TestServer } from './harness.js';
import { listeningUrl, promptops, signUp, until, type Client } from './processes.js';

// An evaluation whose worker process is killed with SIGKILL mid-run: the run resumes elsewhere
// (another worker, or the restarted process on the embedded database) and ends with exactly one
// result per (item, variant, repetition), none lost and none stored twice.
const ITEMS = 16;
const VARIANTS = 2;
const TOTAL = ITEMS * VARIANTS;
const JOB_ENV = { JOBS_LEASE_MS: '1500', JOBS_POLL_INTERVAL_MS: '100', RUN_HEARTBEAT_MS: '200' };

/** A slow model on the mock, a prompt and a dataset; starts the evaluation and returns its id. */
async function startEvaluation(client: Client, mock: MockLlmServer): Promise<string> {
  const provider = await client.call('POST', '/providers', {
    name: 'slow mock',
    type: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    settings: { headers: { 'x-mock-latency-ms': '120' }, maxRetries: 0 },
  });
  expect(provider.status).toBe(201);
  const model = await client.call('POST', '/models', {
    providerId: provider.body.id,
    name: 'gpt-4o-mini',
    inputPricePerMTok: '1',
    outputPricePerMTok: '2',
  });
  expect(model.status).toBe(201);
  const prompt = await client.call('POST', '/prompts', {
    name: 'qa',
    template: 'Answer {{question}}',
    modelId: model.body.id,
  });
  expect(prompt.status).toBe(201);
  expect(
    (
      await client.call('POST', '/prompts/qa/versions', {
        template: 'Reply to {{question}}',
        modelId: model.body.id,
      })
    ).status,
  ).toBe(201);
  const dataset = await client.call('POST', '/datasets', { name: 'crash items' });
  expect(dataset.status).toBe(201);
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    input: { question: `question ${i}` },
    expected: `answer ${i}`,
  }));
  expect((await client.call('POST', `/datasets/${dataset.body.dataset.id}/items`, { items })).status).toBe(
    201,
  );
  const created = await client.call('POST', '/evaluations', {
    datasetId: dataset.body.dataset.id,
    variants: [{ prompt: { name: 'qa', version: 1 } }, { prompt: { name: 'qa', version: 2 } }],
    evaluators: [{ type: 'bleu' }, { type: 'exact-match' }],
    concurrency: 3,
  });
  expect(created.status).toBe(202);
  return created.body.evaluation.id;
}

async function expectEveryResultOnce(client: Client, id: string) {
  const evaluation = (await client.call('GET', `/evaluations/${id}`)).body.evaluation;
  expect(evaluation).toMatchObject({
    status: 'succeeded',
    progress: { total: TOTAL, done: TOTAL, failed: 0 },
  });
  const results = (await client.call('GET', `/evaluations/${id}/results?limit=500`)).body.items as {
    itemId: string;
    variant: number;
    repetition: number;
    executionId: string;
    error: string | null;
  }[];
  expect(results).toHaveLength(TOTAL);
  expect(new Set(results.map((r) => `${r.itemId}:${r.variant}:${r.repetition}`)).size).toBe(TOTAL);
  expect(results.every((r) => r.error === null)).toBe(true);
  // Each result points at its own successful call; the calls cut off by the kill are extra runs
  // that end interrupted, never results.
  expect(new Set(results.map((r) => r.executionId)).size).toBe(TOTAL);
  const runs = (await client.call('GET', `/executions?source=evaluation&limit=50`)).body.items as {
    id: string;
    status: string;
  }[];
  const byId = new Map(runs.map((r) => [r.id, r.status]));
  for (const r of results) if (byId.has(r.executionId)) expect(byId.get(r.executionId)).toBe('succeeded');
  expect(evaluation.summary).toHaveLength(VARIANTS);
  expect(evaluation.summary[0].metrics.bleu.n).toBe(ITEMS);
}

describe.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres' && process.env.TEST_REDIS_URL)(
  'an evaluation whose worker is killed (PostgreSQL + Redis, two `promptops worker` processes)',
  () => {
    let s: TestServer;
    let mock: MockLlmServer;
    afterAll(async () => {
      await s?.close();
      await mock?.close();
    });

    it('is finished by the other worker: every result exactly once', async () => {
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
      const id = await startEvaluation(client, mock);

      await until('some results', async () => {
        const e = (await client.call('GET', `/evaluations/${id}`)).body.evaluation;
        return e.progress.done >= 6;
      });
      const owner = await until('the job owner', async () => {
        const [row] = await sql<{ lease_owner: string | null }>(
          s.ctx,
          `SELECT j.lease_owner FROM jobs j JOIN evaluations e ON e.job_id = j.id WHERE e.id = $1`,
          [id],
        );
        return row?.lease_owner ?? undefined;
      });
      const victim = workers.find((w) => owner.includes(`:${w.proc.pid}:`))!;
      expect(victim).toBeDefined();
      victim.proc.kill('SIGKILL');
      await victim.exited;
      const doneAtKill = (await client.call('GET', `/evaluations/${id}`)).body.evaluation.progress.done;
      expect(doneAtKill).toBeLessThan(TOTAL);

      await until('the other worker to finish it', async () => {
        const e = (await client.call('GET', `/evaluations/${id}`)).body.evaluation;
        return e.status !== 'running' && e.status !== 'queued';
      });
      await expectEveryResultOnce(client, id);

      const survivor = workers.find((w) => w !== victim)!;
      survivor.proc.kill('SIGTERM');
      expect(await survivor.exited).toBe(0);
    }, 300_000);
  },
);

describe.runIf(process.env.PROMPTOPS_TEST_DB !== 'postgres')(
  'an evaluation on the embedded database, the process killed mid-run and started again',
  () => {
    let mock: MockLlmServer;
    afterAll(async () => mock?.close());

    it('finishes after the restart: every result exactly once', async () => {
      mock = await startMockLlm({ port: 0, chunkGapMs: 0 });
      const dir = await mkdtemp(path.join(tmpdir(), 'promptops-eval-'));
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
        const id = await startEvaluation(client, mock);
        await until('some results', async () => {
          const e = (await client.call('GET', `/evaluations/${id}`)).body.evaluation;
          return e.progress.done >= 6;
        });
        first.proc.kill('SIGKILL');
        await first.exited;

        const second = promptops('start', env);
        // The same account, through the restarted server.
        client.base = await listeningUrl(second);
        const again = client;
        await until('the restarted process to finish it', async () => {
          const e = (await again.call('GET', `/evaluations/${id}`)).body?.evaluation;
          return e && e.status !== 'running' && e.status !== 'queued';
        });
        await expectEveryResultOnce(again, id);
        second.proc.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 300_000);
  },
);
