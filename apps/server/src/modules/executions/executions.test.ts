import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import { costUsd } from '../../platform/decimal.js';
import {
  api,
  eventually,
  memberWithRole,
  signup,
  sql,
  sseEvents,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
let mock: MockLlmServer;
let admin: Session;
let baseUrl: string;
let modelId: string;
let anthropicModelId: string;
const providerIds: string[] = [];

interface SseEvent {
  event: string;
  data: any;
  at: number;
}

/** Reads a real HTTP SSE response as it arrives, stamping each event with its arrival time. */
async function streamRun(body: object, opts: { token?: string; abortAfterDeltas?: number } = {}) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/orgs/${admin.orgId}/executions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${opts.token ?? admin.accessToken}`,
    },
    body: JSON.stringify({ ...body, stream: true }),
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  if (!res.body || !res.headers.get('content-type')?.includes('text/event-stream')) {
    return { res, events, json: await res.json() };
  }
  try {
    for await (const { event, data } of sseEvents(res)) {
      events.push({ event, data, at: performance.now() });
      if (
        opts.abortAfterDeltas &&
        events.filter((e) => e.event === 'delta').length >= opts.abortAfterDeltas
      ) {
        controller.abort();
        break;
      }
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  }
  return { res, events, json: undefined };
}

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, key: 'sk-mock-secret-1234', chunkGapMs: 15, replyWords: 24 });
  s = await startTestServer();
  baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signup(s.app, 'Runs Org');
  const provider = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/providers`,
    token: admin.accessToken,
    payload: {
      name: 'Local OpenAI',
      type: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
      apiKey: 'sk-mock-secret-1234',
    },
  });
  expect(provider.status).toBe(201);
  providerIds.push(provider.body.id);
  const model = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
    payload: {
      providerId: provider.body.id,
      name: 'gpt-4o-mini',
      inputPricePerMTok: '0.15',
      outputPricePerMTok: '0.6',
    },
  });
  modelId = model.body.id;
  const anthropic = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/providers`,
    token: admin.accessToken,
    payload: { name: 'Local Anthropic', type: 'anthropic', baseUrl: mock.url, apiKey: 'sk-mock-secret-1234' },
  });
  const models = await api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
  });
  anthropicModelId = models.body.items.find(
    (m: any) => m.providerId === anthropic.body.id && m.name === 'claude-3-5-sonnet-latest',
  ).id;
  const prompt = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/prompts`,
    token: admin.accessToken,
    payload: {
      name: 'support/greeting',
      type: 'chat',
      messages: [
        { role: 'system', content: 'You are a helpful agent for {{company}}.' },
        { role: 'user', content: 'Say hello to {{customer}}.' },
      ],
      params: { temperature: 0.2 },
    },
  });
  expect(prompt.status).toBe(201);
}, 60_000);

afterAll(async () => {
  await s?.close();
  await mock?.close();
});

// Each test starts with a fresh simulator and closed circuits (failures in one test must not
// open the breaker for the next).
beforeEach(() => {
  mock.reset();
  for (const id of providerIds) s.ctx.llm.breakers.delete(id);
});

describe('executions', () => {
  it('runs a stored prompt with variables; usage comes from the provider and cost is exact', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: {
        prompt: { name: 'support/greeting' },
        modelId,
        variables: { company: 'Acme', customer: 'Dana' },
      },
    });
    expect(res.status).toBe(201);
    const e = res.body.execution;
    expect(e).toMatchObject({
      status: 'succeeded',
      promptName: 'support/greeting',
      promptVersion: 1,
      model: 'gpt-4o-mini',
      attempts: 1,
    });
    expect(e.input.messages[1].content).toBe('Say hello to Dana.');
    expect(e.input.params).toEqual({ temperature: 0.2 });
    const recorded = (await (await fetch(`${mock.url}/_mock/requests?limit=1`)).json()) as any;
    expect(recorded.requests[0].body.messages[0].content).toBe('You are a helpful agent for Acme.');
    expect(e.usage.inputTokens).toBeGreaterThan(10);
    expect(e.usage.outputTokens).toBeGreaterThan(10);
    expect(e.costUsd).toBe(costUsd(e.usage.inputTokens, e.usage.outputTokens, '0.15', '0.6'));
    const [row] = await sql<{ cost_usd: string }>(
      s.ctx,
      'SELECT cost_usd::text FROM executions WHERE id = $1',
      [e.id],
    );
    expect(Number(row!.cost_usd)).toBe(Number(e.costUsd));
  });

  it('streams every chunk before done, spread over time, and the deltas add up to the output', async () => {
    const { res, events } = await streamRun({
      template: 'Tell me about {{topic}}',
      modelId,
      variables: { topic: 'otters' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-cache');
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(events.at(-1)!.event).toBe('done');
    expect(events[0]!.event).toBe('start');
    expect(events.slice(1, -1).every((e) => e.event === 'delta')).toBe(true);
    const execution = events.at(-1)!.data.execution;
    expect(events[0]!.data.executionId).toBe(execution.id);
    // The template as written comes back, so the run can be reopened with its {{variables}}.
    expect(execution.input.source).toEqual({ template: 'Tell me about {{topic}}' });
    expect(deltas.map((d) => d.data.text).join('')).toBe(execution.output);
    // The mock waits 15 ms between chunks: if anything buffered, they would arrive together.
    expect(deltas.at(-1)!.at - deltas[0]!.at).toBeGreaterThan(deltas.length * 8);
    expect(execution.ttftMs).toBeLessThan(execution.latencyMs);
  });

  it('reports missing variables by name and stores nothing', async () => {
    const before = await sql(s.ctx, 'SELECT 1 FROM executions');
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { prompt: { name: 'support/greeting' }, modelId, variables: {} },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path).sort()).toEqual([
      'variables.company',
      'variables.customer',
    ]);
    expect(await sql(s.ctx, 'SELECT 1 FROM executions')).toHaveLength(before.length);
    expect(mock.stats().total).toBe(0);
  });

  it('cancels the upstream call when the client disconnects and stores the run as cancelled', async () => {
    mock.configure({ chunkGapMs: 150 });
    const { events } = await streamRun(
      { template: 'A long story about {{x}}', modelId, variables: { x: 'ships' } },
      { abortAfterDeltas: 1 },
    );
    expect(events.filter((e) => e.event === 'delta')).toHaveLength(1);
    const startedId = events.find((e) => e.event === 'start')!.data.executionId;
    const run = await eventually('the cancelled run', async () => {
      const [r] = await sql<any>(
        s.ctx,
        `SELECT * FROM executions WHERE status = 'cancelled' ORDER BY created_at DESC LIMIT 1`,
      );
      return r;
    });
    // The id announced at the start is the stored run's: a client that stopped can fetch it.
    expect(run.id).toBe(startedId);
    expect(run.output.length).toBeGreaterThan(0);
    expect(run.output.length).toBeLessThan(100);
    // The upstream response was cut off, not completed.
    await eventually('the upstream response to be dropped', () => (mock.stats().byStatus.dropped ?? 0) > 0);
  });

  it('stores a provider error as failed and sends an error event', async () => {
    // Three failures: the first call and both retries.
    mock.queueFault({ fail: '500', count: 3 });
    const { events } = await streamRun({ template: 'Hi {{x}}', modelId, variables: { x: 'there' } });
    expect(events.map((e) => e.event)).toEqual(['start', 'error']);
    const { problem, execution } = events[1]!.data;
    expect(problem.status).toBe(502);
    expect(execution.status).toBe('failed');
    expect(execution.error).toMatch(/mock/i);

    // Six failures in a row would open the circuit (default threshold 5): start afresh.
    for (const id of providerIds) s.ctx.llm.breakers.delete(id);
    mock.queueFault({ fail: '500', count: 3 });
    const plain = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { template: 'Hi', modelId },
    });
    expect(plain.status).toBe(502);
    expect(plain.body.executionId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions/${plain.body.executionId}`,
      token: admin.accessToken,
    });
    expect(stored.body.execution).toMatchObject({
      status: 'failed',
      error: plain.body.detail.replace('The provider failed: ', ''),
    });
  });

  it('keeps the partial output when the provider drops the stream mid-way', async () => {
    mock.queueFault({ fail: 'disconnect', count: 1, afterChunks: 3 });
    const { events } = await streamRun({ template: 'Hi {{x}}', modelId, variables: { x: 'there' } });
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(events.filter((e) => e.event === 'delta').length).toBe(3);
    expect(last.data.execution.status).toBe('failed');
    expect(last.data.execution.output.length).toBeGreaterThan(0);
  });

  it('runs Anthropic models through the Messages API with their usage', async () => {
    const { events } = await streamRun({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello {{n}}' },
      ],
      modelId: anthropicModelId,
      variables: { n: 'Claude' },
    });
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    const e = done.data.execution;
    expect(e.usage.outputTokens).toBeGreaterThan(5);
    expect(e.costUsd).toBe(costUsd(e.usage.inputTokens, e.usage.outputTokens, '3', '15'));
    const tok = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/tokenize`,
      token: admin.accessToken,
      payload: {
        modelId: anthropicModelId,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hello Claude' },
        ],
      },
    });
    expect(tok.body).toMatchObject({
      tokens: e.usage.inputTokens,
      exact: true,
      method: 'anthropic-count-tokens',
    });
  });

  it('counts tokens exactly for OpenAI-family models, matching the usage a run reports', async () => {
    const messages = [{ role: 'user', content: 'Count me: the quick brown fox.' }];
    const run = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { messages, modelId },
    });
    const tok = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/tokenize`,
      token: admin.accessToken,
      payload: { modelId, messages },
    });
    expect(tok.body.exact).toBe(false);
    expect(tok.body.tokens).toBe(run.body.execution.usage.inputTokens);
    expect(tok.body.estimatedInputCostUsd).toBe(costUsd(tok.body.tokens, 0, '0.15', '0'));
  });

  it('lists history newest first per prompt with cursor pagination', async () => {
    for (const customer of ['A', 'B', 'C']) {
      await api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/executions`,
        token: admin.accessToken,
        payload: { prompt: { name: 'support/greeting' }, modelId, variables: { company: 'Acme', customer } },
      });
    }
    const page1 = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions?promptName=support%2Fgreeting&limit=2`,
      token: admin.accessToken,
    });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0].input.variables.customer).toBe('C');
    const page2 = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions?promptName=support%2Fgreeting&limit=2&cursor=${page1.body.nextCursor}`,
      token: admin.accessToken,
    });
    expect(page2.body.items[0].input.variables.customer).toBe('A');
    expect(page2.body.items.every((e: any) => e.promptName === 'support/greeting')).toBe(true);
  });

  it("files an unsaved draft of a prompt in that prompt's history", async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: {
        prompt: { name: 'support/greeting' },
        messages: [{ role: 'user', content: 'Draft for {{customer}}' }],
        modelId,
        variables: { customer: 'Eve' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.execution).toMatchObject({ promptName: 'support/greeting', promptVersion: null });
    expect(res.body.execution.input.messages).toEqual([{ role: 'user', content: 'Draft for Eve' }]);
    const both = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { prompt: { name: 'support/greeting', version: 1 }, template: 'x', modelId },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].path).toBe('prompt');
    const missing = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { prompt: { name: 'no/such' }, template: 'x', modelId },
    });
    expect(missing.status).toBe(404);
  });

  it('does not let a viewer run, and hides runs from other organizations', async () => {
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    const denied = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: viewer.accessToken,
      payload: { template: 'x', modelId },
    });
    expect(denied.status).toBe(403);
    const list = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: viewer.accessToken,
    });
    expect(list.status).toBe(200);
    const other = await signup(s.app);
    const someId = list.body.items[0].id;
    expect(
      (
        await api(s.app, {
          method: 'GET',
          url: `/api/v1/orgs/${other.orgId}/executions/${someId}`,
          token: other.accessToken,
        })
      ).status,
    ).toBe(404);
    const foreignModel = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${other.orgId}/executions`,
      token: other.accessToken,
      payload: { template: 'x', modelId },
    });
    expect(foreignModel.status).toBe(400);
    expect(foreignModel.body.errors[0].path).toBe('modelId');
  });
});
