import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import { AppError } from '../../platform/errors.js';
import type { AdmissionRequest } from '../../platform/llm/types.js';
import {
  api,
  apiKey,
  eventually,
  signup,
  sql,
  sseEvents,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import * as repo from './executions.repository.js';
import { pruneExecutions } from './executions.jobs.js';

/** The one LLM call path: runs recorded from their start, heartbeats, rollups, admission hooks. */
let s: TestServer;
let mock: MockLlmServer;
let admin: Session;
let baseUrl: string;
let slowModel: string;
let failingModel: string;

async function model(headers: Record<string, string>, name: string) {
  const p = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/providers`,
    token: admin.accessToken,
    payload: {
      name,
      type: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
      settings: { headers, maxRetries: 0 },
    },
  });
  expect(p.status).toBe(201);
  const m = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
    payload: { providerId: p.body.id, name: 'gpt-4o-mini', inputPricePerMTok: '3', outputPricePerMTok: '15' },
  });
  expect(m.status).toBe(201);
  return m.body.id as string;
}

const run = (payload: object, token = admin.accessToken) =>
  api(s.app, { method: 'POST', url: `/api/v1/orgs/${admin.orgId}/executions`, token, payload });

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, chunkGapMs: 1, replyWords: 8 });
  s = await startTestServer({ RUN_HEARTBEAT_MS: '100' });
  baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signup(s.app, 'Gateway Org');
  slowModel = await model({ 'x-mock-chunk-gap-ms': '80', 'x-mock-chunks': '12' }, 'slow');
  failingModel = await model({ 'x-mock-fail': '500' }, 'failing');
}, 60_000);
afterAll(async () => {
  await s?.close();
  await mock?.close();
});

describe('the gateway records every call', () => {
  it('stores a streamed run as running from its start, heartbeats its output, then finishes it', async () => {
    const res = await fetch(`${baseUrl}/api/v1/orgs/${admin.orgId}/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ template: 'Tell me a story', modelId: slowModel, stream: true }),
    });
    const events = sseEvents(res);
    const start = (await events.next()).value!;
    expect(start.event).toBe('start');
    const id = start.data.executionId as string;

    // While it streams: visible as running (from its first token), with the output of the last heartbeat.
    const inFlight = await eventually('a heartbeat with output', async () => {
      const got = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/executions/${id}`,
        token: admin.accessToken,
      });
      const e = got.body.execution;
      return e?.status === 'running' && e.output.length > 0 && e.usage.outputTokens > 0 && e;
    });
    expect(inFlight).toMatchObject({
      source: 'playground',
      finishedAt: null,
      parent: null,
      experiment: null,
    });

    let done;
    for await (const e of events) if (e.event === 'done') done = e.data.execution;
    expect(done).toMatchObject({ id, status: 'succeeded', source: 'playground' });
    expect(done.output.length).toBeGreaterThan(inFlight.output.length);
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
    const [row] = await sql<{ heartbeat_at: Date | null }>(
      s.ctx,
      'SELECT heartbeat_at FROM executions WHERE id = $1',
      [id],
    );
    expect(row!.heartbeat_at).toBeNull();
  });

  it('files API-key runs under source api with the prompt version id, and filters by source and status', async () => {
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: admin.accessToken,
      payload: { name: 'gateway-greeting', template: 'Hello {{name}}' },
    });
    expect(created.status).toBe(201);
    const key = await apiKey(s.app, admin, 'editor');
    const res = await run(
      { prompt: { name: 'gateway-greeting' }, variables: { name: 'Ada' }, modelId: slowModel },
      key,
    );
    expect(res.status).toBe(201);
    expect(res.body.execution).toMatchObject({
      source: 'api',
      promptName: 'gateway-greeting',
      promptVersion: 1,
      promptVersionId: created.body.id,
      status: 'succeeded',
    });
    const failed = await run({ template: 'Hi', modelId: failingModel });
    expect(failed.status).toBe(502);

    const list = (q: string) =>
      api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/executions?${q}`,
        token: admin.accessToken,
      });
    const apiRuns = await list('source=api');
    expect(apiRuns.body.items.map((e: { id: string }) => e.id)).toEqual([res.body.execution.id]);
    const failures = await list('status=failed');
    expect(failures.body.items.every((e: { status: string }) => e.status === 'failed')).toBe(true);
    expect(failures.body.items.map((e: { id: string }) => e.id)).toContain(failed.body.executionId);
    expect((await list('status=bogus')).status).toBe(400);
  });

  it('keeps the hourly rollups equal to the runs they sum, failures and latency histogram included', async () => {
    for (let i = 0; i < 3; i++)
      expect((await run({ template: `Count ${i}`, modelId: slowModel })).status).toBe(201);
    expect((await run({ template: 'Fail', modelId: failingModel })).status).toBe(502);
    const [fromRuns] = await sql<Record<string, string>>(
      s.ctx,
      `SELECT count(*)::int AS runs, count(*) FILTER (WHERE status = 'failed')::int AS failed,
              sum(input_tokens)::int AS input_tokens, sum(output_tokens)::int AS output_tokens,
              sum(cost_usd)::text AS cost, sum(latency_ms)::int AS latency
       FROM executions WHERE org_id = $1 AND status <> 'running'`,
      [admin.orgId],
    );
    const [fromRollups] = await sql<Record<string, string>>(
      s.ctx,
      `SELECT sum(runs)::int AS runs, sum(failed)::int AS failed, sum(input_tokens)::int AS input_tokens,
              sum(output_tokens)::int AS output_tokens, sum(cost_usd)::text AS cost,
              sum(latency_ms_sum)::int AS latency
       FROM execution_rollups_hourly WHERE org_id = $1`,
      [admin.orgId],
    );
    expect(fromRollups).toEqual(fromRuns);
    expect(Number(fromRuns!.runs)).toBeGreaterThanOrEqual(6);
    const rollups = await repo.listRollups(s.ctx.db, admin.orgId, {
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 3_600_000),
    });
    // The trigger's buckets (SQL) are the ones the code documents (LATENCY_BUCKETS_MS).
    const latencies = await sql<{ latency_ms: number }>(
      s.ctx,
      `SELECT latency_ms FROM executions WHERE org_id = $1 AND status <> 'running'`,
      [admin.orgId],
    );
    const expected = new Array<number>(rollups[0]!.latencyBuckets.length).fill(0);
    for (const r of latencies) expected[repo.latencyBucket(r.latency_ms)]! += 1;
    const histogram = expected.map((_, i) => rollups.reduce((n, r) => n + r.latencyBuckets[i]!, 0));
    expect(histogram).toEqual(expected);
    expect(repo.latencyBucket(2)).toBe(0);
    expect(repo.latencyBucket(3)).toBe(1);
    expect(repo.latencyBucket(1000)).toBe(26);
    expect(repo.latencyBucket(1001)).toBe(27);
    expect(repo.latencyBucket(680_001)).toBe(61);
    const byPrompt = rollups.find((r) => r.promptName === 'gateway-greeting');
    expect(byPrompt).toMatchObject({ source: 'api', promptVersion: 1, runs: 1 });
  });
});

describe('runs orphaned by a dead process', () => {
  async function orphan(heartbeatAgoMs: number) {
    const id = randomUUID();
    const [m] = await sql<{ id: string }>(s.ctx, 'SELECT id FROM models WHERE id = $1', [slowModel]);
    const at = new Date(Date.now() - heartbeatAgoMs - 2_000);
    await repo.insertRunning(s.ctx.db, {
      id,
      orgId: admin.orgId,
      modelId: m!.id,
      model: 'gpt-4o-mini',
      providerType: 'openai-compatible',
      status: 'running',
      source: 'evaluation',
      parentType: 'evaluation',
      parentId: randomUUID(),
      input: { variables: {}, messages: [{ role: 'user', content: 'x' }], params: {} },
      latencyMs: 0,
      actorType: 'system',
      createdAt: at,
      heartbeatAt: at,
    });
    await repo.heartbeat(s.ctx.db, [{ id, output: 'half an ans', inputTokens: 1000, outputTokens: 2000 }]);
    await sql(s.ctx, `UPDATE executions SET heartbeat_at = $2 WHERE id = $1`, [
      id,
      new Date(Date.now() - heartbeatAgoMs),
    ]);
    return id;
  }

  it('are marked interrupted with the tokens of their last heartbeat, costed, and counted once', async () => {
    const stale = await orphan(60_000);
    const alive = await orphan(0);
    const marked = await repo.interruptStale(s.ctx.db, new Date(Date.now() - 30_000), 100);
    expect(marked.map((r) => r.id)).toEqual([stale]);
    const got = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions/${stale}`,
      token: admin.accessToken,
    });
    expect(got.body.execution).toMatchObject({
      status: 'interrupted',
      output: 'half an ans',
      usage: { inputTokens: 1000, outputTokens: 2000 },
      // 1000 × $3/M + 2000 × $15/M
      costUsd: '0.033',
      source: 'evaluation',
      parent: { type: 'evaluation', id: expect.any(String) },
    });
    expect(got.body.execution.latencyMs).toBeGreaterThanOrEqual(2_000);
    expect(got.body.execution.error).toMatch(/stopped before it finished/);
    const rollup = async () =>
      (
        await sql<{ runs: number; interrupted: number }>(
          s.ctx,
          `SELECT sum(runs)::int AS runs, sum(interrupted)::int AS interrupted FROM execution_rollups_hourly
           WHERE org_id = $1 AND source = 'evaluation'`,
          [admin.orgId],
        )
      )[0]!;
    expect(await rollup()).toEqual({ runs: 1, interrupted: 1 });

    // The process was only stalled and finishes after all: its real ending replaces the mark.
    const [row] = await sql<Record<string, unknown>>(
      s.ctx,
      'SELECT created_at FROM executions WHERE id = $1',
      [stale],
    );
    const finished = await repo.finishExecution(s.ctx.db, {
      ...(await repo.findExecution(s.ctx.db, admin.orgId, stale))!,
      createdAt: row!.created_at as Date,
      status: 'succeeded',
      output: 'half an answer',
      error: null,
      finishedAt: new Date(),
    });
    expect(finished.status).toBe('succeeded');
    expect(await rollup()).toEqual({ runs: 1, interrupted: 0 });
    const still = await repo.findExecution(s.ctx.db, admin.orgId, alive);
    expect(still!.status).toBe('running');
  });

  it('retention deletes old runs in batches and keeps the rollups', async () => {
    const before = await sql<{ n: number }>(
      s.ctx,
      'SELECT sum(runs)::int AS n FROM execution_rollups_hourly WHERE org_id = $1',
      [admin.orgId],
    );
    const deleted = await pruneExecutions(s.ctx, new Date(Date.now() + 60_000));
    expect(deleted).toBeGreaterThan(0);
    const left = await sql<{ status: string }>(s.ctx, 'SELECT status FROM executions WHERE org_id = $1', [
      admin.orgId,
    ]);
    expect(left.every((r) => r.status === 'running')).toBe(true);
    const after = await sql<{ n: number }>(
      s.ctx,
      'SELECT sum(runs)::int AS n FROM execution_rollups_hourly WHERE org_id = $1',
      [admin.orgId],
    );
    expect(after).toEqual(before);
  });
});

describe('admission hooks', () => {
  it('refuse a call before it goes upstream, or rewrite what is sent and stored', async () => {
    const hook = {
      name: 'test-pii',
      admit: async (req: AdmissionRequest) => {
        if (req.messages.some((m) => m.content.includes('over budget')))
          throw new AppError(402, 'Payment Required', 'The monthly budget is spent');
        return {
          messages: req.messages.map((m) => ({ ...m, content: m.content.replaceAll('4111-1111', '[card]') })),
        };
      },
    };
    s.ctx.llm.addAdmissionHook(hook);
    try {
      mock.reset();
      const refused = await run({ template: 'This is over budget', modelId: slowModel });
      expect(refused.status).toBe(402);
      expect(refused.body.detail).toBe('The monthly budget is spent');
      const sent = (await (await fetch(`${mock.url}/_mock/requests`)).json()) as { requests: unknown[] };
      expect(sent.requests).toEqual([]);

      const masked = await run({ template: 'My card is 4111-1111', modelId: slowModel });
      expect(masked.status).toBe(201);
      expect(masked.body.execution.input.messages[0].content).toBe('My card is [card]');
      const recorded = (await (await fetch(`${mock.url}/_mock/requests?limit=1`)).json()) as any;
      expect(JSON.stringify(recorded)).toContain('My card is [card]');
      expect(JSON.stringify(recorded)).not.toContain('4111-1111');
      expect(() => s.ctx.llm.addAdmissionHook(hook)).toThrow(/twice/);
    } finally {
      s.ctx.llm.admissionHooks.splice(s.ctx.llm.admissionHooks.indexOf(hook), 1);
    }
  });
});
