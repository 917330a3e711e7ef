import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import {
  api,
  signup,
  startTestServer,
  withinOneLimitWindow,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

/** Each fault scenario of the model-operations issue, against mock-llm over real HTTP. */
let s: TestServer;
let mock: MockLlmServer;
let admin: Session;

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, chunkGapMs: 5, replyWords: 12 });
  s = await startTestServer();
  admin = await signup(s.app, 'Resilience Org');
}, 60_000);
afterAll(async () => {
  await s?.close();
  await mock?.close();
});
beforeEach(() => mock.reset());

async function providerWithModel(settings: object, modelSettings: object = {}) {
  const p = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/providers`,
    token: admin.accessToken,
    payload: {
      name: `p-${Math.random().toString(36).slice(2)}`,
      type: 'openai-compatible',
      baseUrl: `${mock.url}/v1`,
      settings,
    },
  });
  expect(p.status).toBe(201);
  const m = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
    payload: {
      providerId: p.body.id,
      name: 'gpt-4o-mini',
      inputPricePerMTok: '1',
      outputPricePerMTok: '2',
      settings: modelSettings,
    },
  });
  expect(m.status).toBe(201);
  return { providerId: p.body.id as string, modelId: m.body.id as string };
}

const run = (modelId: string, extra: object = {}) =>
  api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/executions`,
    token: admin.accessToken,
    payload: { template: 'Hello there', modelId, params: { temperature: 0.5 }, ...extra },
  });

describe('resilience against a misbehaving provider', () => {
  it('retries a 429 after the Retry-After delay and succeeds', async () => {
    const { modelId } = await providerWithModel({ maxRetries: 2 });
    mock.queueFault({ fail: '429', count: 1, retryAfter: 1 });
    const t0 = performance.now();
    const res = await run(modelId);
    const elapsed = performance.now() - t0;
    expect(res.status).toBe(201);
    expect(res.body.execution).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(3000);
    expect(mock.stats().total).toBe(2);
    console.log(`429 + Retry-After: 1 s → succeeded on attempt 2 after ${Math.round(elapsed)} ms`);
  });

  it('gives up after maxRetries and records every attempt', async () => {
    const { modelId } = await providerWithModel({ maxRetries: 2, breaker: { consecutiveFailures: 50 } });
    mock.queueFault({ fail: '503', count: 5 });
    const res = await run(modelId);
    expect(res.status).toBe(502);
    const stored = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions/${res.body.executionId}`,
      token: admin.accessToken,
    });
    expect(stored.body.execution).toMatchObject({ status: 'failed', attempts: 3 });
    expect(mock.stats().total).toBe(3);
  });

  it('opens the circuit after a burst of 500s, fails fast while open, and closes after a good half-open probe', async () => {
    const { providerId, modelId } = await providerWithModel({
      maxRetries: 0,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 600 },
    });
    mock.queueFault({ fail: '500', count: 3 });
    for (let i = 0; i < 3; i++) expect((await run(modelId)).status).toBe(502);
    const provider = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}`,
      token: admin.accessToken,
    });
    expect(provider.body.breaker.state).toBe('open');
    expect(provider.body.breaker.openedAt).toBeTruthy();
    const metrics = await api(s.app, { method: 'GET', url: '/metrics' });
    expect(metrics.raw.body).toContain(`promptops_provider_circuits{state="open"} 1`);
    expect(metrics.raw.body).not.toContain(providerId);

    const before = mock.stats().total;
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fast = await run(modelId);
      expect(fast.status).toBe(503);
      expect(fast.body.detail).toMatch(/circuit breaker/);
      const stored = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/executions/${fast.body.executionId}`,
        token: admin.accessToken,
      });
      latencies.push(stored.body.execution.latencyMs);
      // Never sent: no tokens and no cost are charged for a fail-fast run.
      expect(stored.body.execution.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
      expect(stored.body.execution.costUsd).toBe('0');
    }
    // The median, so one scheduling hiccup on a busy machine doesn't decide the test.
    const median = [...latencies].sort((a, b) => a - b)[1]!;
    expect(median).toBeLessThan(5);
    expect(mock.stats().total).toBe(before);

    await new Promise((r) => setTimeout(r, 700));
    const probe = await run(modelId);
    expect(probe.status).toBe(201);
    const closed = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}`,
      token: admin.accessToken,
    });
    expect(closed.body.breaker.state).toBe('closed');
    console.log(
      `breaker: open after 3 × 500, fail-fast latencies ${latencies.join('/')} ms, closed after half-open probe`,
    );
  });

  it('stores a mid-stream disconnect as failed with the partial output, without retrying', async () => {
    const { modelId } = await providerWithModel({ maxRetries: 3 });
    mock.queueFault({ fail: 'disconnect', count: 1, afterChunks: 4 });
    const res = await run(modelId);
    expect(res.status).toBe(502);
    const stored = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions/${res.body.executionId}`,
      token: admin.accessToken,
    });
    expect(stored.body.execution).toMatchObject({ status: 'failed', attempts: 1 });
    expect(stored.body.execution.output.length).toBeGreaterThan(0);
    expect(mock.stats().total).toBe(1);
  });

  it('times out a hanging provider at the configured time-to-first-token limit', async () => {
    const { modelId } = await providerWithModel({ maxRetries: 0, timeoutMs: { ttft: 400 } });
    mock.queueFault({ fail: 'hang', count: 1 });
    const t0 = performance.now();
    const res = await run(modelId);
    const elapsed = performance.now() - t0;
    expect(res.status).toBe(504);
    expect(res.body.detail).toContain('400 ms');
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1500);
    console.log(`hang with ttft limit 400 ms → 504 after ${Math.round(elapsed)} ms`);
  });

  it('times out a stream that stalls after the first tokens at the total limit', async () => {
    const { modelId } = await providerWithModel({ maxRetries: 2, timeoutMs: { total: 600 } });
    mock.queueFault({ fail: 'stall', count: 1, afterChunks: 2 });
    const res = await run(modelId);
    expect(res.status).toBe(504);
    const stored = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions/${res.body.executionId}`,
      token: admin.accessToken,
    });
    expect(stored.body.execution.attempts).toBe(1);
    expect(stored.body.execution.output.length).toBeGreaterThan(0);
  });
});

describe('rate limits', () => {
  it("records the provider's rate-limit headers on the provider", async () => {
    const { providerId, modelId } = await providerWithModel({});
    expect((await run(modelId)).status).toBe(201);
    const p = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}`,
      token: admin.accessToken,
    });
    expect(p.body.rateLimits.requests).toMatchObject({ limit: 10000, remaining: expect.any(Number) });
    expect(p.body.rateLimits.requests.remaining).toBeLessThan(10000);
    expect(p.body.rateLimits.tokens.limit).toBeGreaterThan(0);
    expect(Date.parse(p.body.rateLimits.requests.resetAt)).toBeGreaterThan(Date.now() - 1000);
  });

  it('enforces per-model request limits before calling the provider, with a clear 429', async () => {
    const { modelId } = await providerWithModel({}, { limits: { requestsPerMinute: 2 } });
    await withinOneLimitWindow();
    expect((await run(modelId)).status).toBe(201);
    expect((await run(modelId)).status).toBe(201);
    const before = mock.stats().total;
    const limited = await run(modelId);
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/2 requests per minute/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(mock.stats().total).toBe(before);
    const models = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
    });
    const m = models.body.items.find((x: any) => x.id === modelId);
    // The refused third request is not counted as usage.
    expect(m.usage.requests).toMatchObject({ used: 2, limit: 2 });
    expect(m.usage.tokens.used).toBeGreaterThan(0);
  });

  it('enforces per-model token limits', async () => {
    const { modelId } = await providerWithModel({}, { limits: { tokensPerMinute: 10 } });
    await withinOneLimitWindow();
    expect((await run(modelId)).status).toBe(201);
    const limited = await run(modelId);
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatch(/10 tokens per minute/);
  });
});

describe('custom models', () => {
  it('sends configured headers, no key, and leaves out parameters a model does not support', async () => {
    const { modelId } = await providerWithModel(
      { headers: { 'x-team': 'ml-platform' } },
      { unsupportedParams: ['temperature'] },
    );
    const res = await run(modelId);
    expect(res.status).toBe(201);
    expect(res.body.execution.input.params).toEqual({});
    const recorded = (await (await fetch(`${mock.url}/_mock/requests?limit=1`)).json()) as any;
    const req = recorded.requests[0];
    expect(req.headers['x-team']).toBe('ml-platform');
    expect(req.body.temperature).toBeUndefined();
  });
});

describe('health on providers and models', () => {
  it('is unknown until checked, then shows the latest check on the provider and its models', async () => {
    const { providerId, modelId } = await providerWithModel({});
    const before = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}`,
      token: admin.accessToken,
    });
    expect(before.body.health).toEqual({ status: 'unknown', checkedAt: null, latencyMs: null });
    const check = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}/health-check`,
      token: admin.accessToken,
    });
    expect(check.status).toBe(200);
    expect(check.body.health.status).toBe('healthy');
    const after = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}`,
      token: admin.accessToken,
    });
    expect(after.body.health).toMatchObject({ status: 'healthy', latencyMs: expect.any(Number) });
    const models = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
    });
    expect(models.body.items.find((m: any) => m.id === modelId).health.status).toBe('healthy');
  });
});
