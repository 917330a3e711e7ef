import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../src/mock-llm/index.js';
import { startTestServer, sql, sseEvents, TEST_PASSWORD, uniqueEmail, type TestServer } from './harness.js';
import { listeningUrl, promptops, until, type Child } from './processes.js';

// Streams in flight when the server is killed with SIGKILL: every one was recorded `running` when
// it started, and the next process to run background work marks it `interrupted` with the output
// and tokens of its last heartbeat, instead of the run vanishing.
const RUNS = 6;
const HEARTBEAT_ENV = { RUN_HEARTBEAT_MS: '200', JOBS_POLL_INTERVAL_MS: '100' };

let mock: MockLlmServer | undefined;
afterAll(async () => mock?.close());

async function call(base: string, pathname: string, body?: object, token?: string) {
  const res = await fetch(`${base}${pathname}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${pathname}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Signs up, adds a provider whose answers take ~30 s, and starts RUNS streams; resolves once each has output. */
async function startRunsAndWaitForHeartbeats(base: string, mockUrl: string) {
  const signup = await call(base, '/api/v1/auth/signup', {
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    name: 'Crash Tester',
    organizationName: 'Crash Org',
  });
  const token = signup.accessToken as string;
  const orgId = signup.organization.id as string;
  const provider = await call(
    base,
    `/api/v1/orgs/${orgId}/providers`,
    {
      name: 'slow',
      type: 'openai-compatible',
      baseUrl: `${mockUrl}/v1`,
      settings: { headers: { 'x-mock-chunk-gap-ms': '100', 'x-mock-chunks': '300' } },
    },
    token,
  );
  const model = await call(
    base,
    `/api/v1/orgs/${orgId}/models`,
    { providerId: provider.id, name: 'gpt-4o-mini', inputPricePerMTok: '1', outputPricePerMTok: '2' },
    token,
  );
  const aborts: AbortController[] = [];
  const ids = await Promise.all(
    Array.from({ length: RUNS }, async (_, i) => {
      const abort = new AbortController();
      aborts.push(abort);
      const res = await fetch(`${base}/api/v1/orgs/${orgId}/executions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ template: `Long story ${i}`, modelId: model.id, stream: true }),
        signal: abort.signal,
      });
      const events = sseEvents(res);
      const start = (await events.next()).value!;
      expect(start.event).toBe('start');
      // Keep reading in the background so the server is never held back by this client.
      void (async () => {
        try {
          for await (const _ of events);
        } catch {
          // the server was killed
        }
      })();
      return start.data.executionId as string;
    }),
  );
  // Every run has been heartbeaten with some output.
  // (A run is recorded from its first token: until then its id answers 404.)
  await until('heartbeats with output for every run', async () => {
    const runs = await Promise.all(
      ids.map(async (id) => {
        const res = await fetch(`${base}/api/v1/orgs/${orgId}/executions/${id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return res.ok
          ? ((await res.json()) as { execution: { status: string; usage: { outputTokens: number } } })
          : null;
      }),
    );
    return runs.every((r) => r?.execution.status === 'running' && r.execution.usage.outputTokens > 0);
  });
  return { ids, aborts };
}

interface RunRow {
  id: string;
  status: string;
  output: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: string;
  finished_at: Date | null;
}

function expectInterrupted(rows: RunRow[], ids: string[]) {
  expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  for (const r of rows) {
    expect(r.status).toBe('interrupted');
    expect(r.output.length).toBeGreaterThan(0);
    expect(r.input_tokens).toBeGreaterThan(0);
    expect(r.output_tokens).toBeGreaterThan(0);
    expect(Number(r.cost_usd)).toBeGreaterThan(0);
    expect(r.finished_at).not.toBeNull();
  }
}

async function kill(child: Child) {
  child.proc.kill('SIGKILL');
  await child.exited;
}

describe.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres')(
  'runs in flight when the API process dies (PostgreSQL + Redis)',
  () => {
    let s: TestServer;
    afterAll(async () => s?.close());

    it('are marked interrupted by a worker with what their heartbeats saved', async () => {
      mock ??= await startMockLlm({ port: 0 });
      s = await startTestServer();
      const env = {
        ...HEARTBEAT_ENV,
        DATABASE_URL: s.ctx.config.DATABASE_URL!,
        ...(s.ctx.config.REDIS_URL ? { REDIS_URL: s.ctx.config.REDIS_URL } : {}),
        REDIS_PREFIX: s.ctx.config.REDIS_PREFIX,
        PROMPTOPS_MASTER_KEY: s.ctx.config.PROMPTOPS_MASTER_KEY!,
        PORT: '0',
        PROMPTOPS_WEB_DIR: path.join(tmpdir(), 'promptops-no-web'),
      };
      const server = promptops('server', env);
      const { ids, aborts } = await startRunsAndWaitForHeartbeats(await listeningUrl(server), mock.url);
      await kill(server);
      aborts.forEach((a) => a.abort());

      const worker = promptops('worker', env);
      const rows = await until('the worker to mark the runs interrupted', async () => {
        const r = await sql<RunRow>(s.ctx, `SELECT * FROM executions WHERE id = ANY($1::uuid[])`, [ids]);
        return r.every((x) => x.status === 'interrupted') && r;
      });
      expectInterrupted(rows, ids);
      const [rollup] = await sql<{ interrupted: number }>(
        s.ctx,
        'SELECT sum(interrupted)::int AS interrupted FROM execution_rollups_hourly',
      );
      expect(rollup!.interrupted).toBe(RUNS);
      worker.proc.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    }, 240_000);
  },
);

describe.runIf(process.env.PROMPTOPS_TEST_DB !== 'postgres')(
  'runs in flight when the embedded server dies',
  () => {
    it('are marked interrupted after the restart, with what their heartbeats saved', async () => {
      mock ??= await startMockLlm({ port: 0 });
      const dir = await mkdtemp(path.join(tmpdir(), 'promptops-runs-'));
      const env = {
        ...HEARTBEAT_ENV,
        PROMPTOPS_DATA_DIR: path.join(dir, 'data'),
        PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
        PORT: '0',
        PROMPTOPS_WEB_DIR: path.join(dir, 'no-web'),
      };
      const first = promptops('start', env);
      const base = await listeningUrl(first);
      const { ids, aborts } = await startRunsAndWaitForHeartbeats(base, mock.url);
      const firstLog = first.output();
      await kill(first);
      aborts.forEach((a) => a.abort());
      expect(firstLog).toContain('background work started');

      const second = promptops('start', env);
      await until('the restarted process to mark the runs interrupted', () =>
        second.output().includes('marked runs of a stopped process as interrupted'),
      );
      second.proc.kill('SIGTERM');
      expect(await second.exited).toBe(0);

      // Read what the restarted process wrote, from the database files it left.
      const { loadConfig } = await import('../src/config.js');
      const { createAppContext, closeAppContext } = await import('../src/bootstrap.js');
      const ctx = await createAppContext(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
      try {
        const rows = await sql<RunRow>(ctx, `SELECT * FROM executions WHERE id = ANY($1::uuid[])`, [ids]);
        expectInterrupted(rows, ids);
      } finally {
        await closeAppContext(ctx);
        await rm(dir, { recursive: true, force: true });
      }
    }, 240_000);
  },
);
