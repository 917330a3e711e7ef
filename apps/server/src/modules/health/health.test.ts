import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import type { OrgContext } from '../../platform/context.js';
import { JobRunner } from '../../platform/jobs/index.js';
import { healthCheckJob } from './health.jobs.js';
import {
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { checkProviderNow, latestHealth, runHealthChecks } from './health.service.js';

/** Waits for a condition the runners reach on their own (real time: Date may be faked). */
async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await ok())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let s: TestServer;
let mock: MockLlmServer;
let admin: Session;
let providerId: string;
let modelId: string;

async function createProvider(session: Session, name: string, baseUrl: string) {
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${session.orgId}/providers`,
    token: session.accessToken,
    payload: { name, type: 'openai-compatible', baseUrl, apiKey: 'sk-health-test' },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function createModel(session: Session, provider: string, name: string, active = true) {
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${session.orgId}/models`,
    token: session.accessToken,
    payload: { providerId: provider, name, inputPricePerMTok: '1', outputPricePerMTok: '2', active },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const adminCtx = (): OrgContext => ({
  orgId: admin.orgId,
  role: 'admin',
  actor: { type: 'user', id: admin.userId, email: admin.email },
  ip: null,
  userAgent: null,
});

const checkNow = (token = admin.accessToken, orgId = admin.orgId, id = providerId) =>
  api(s.app, { method: 'POST', url: `/api/v1/orgs/${orgId}/providers/${id}/health-check`, token });

const checksOf = (id: string) =>
  sql<{ status: string; latency_ms: number; error: string | null; model_id: string | null }>(
    s.ctx,
    'SELECT status, latency_ms, error, model_id FROM provider_health_checks WHERE provider_id = $1 ORDER BY checked_at',
    [id],
  );

beforeAll(async () => {
  s = await startTestServer();
  mock = await startMockLlm({ port: 0 });
  admin = await signup(s.app, 'Health Org');
  providerId = await createProvider(admin, 'Local vLLM', `${mock.url}/v1`);
  modelId = await createModel(admin, providerId, 'mock-gpt-4o');
});
afterEach(() => mock.reset());
afterAll(async () => {
  await mock?.close();
  await s?.close();
});

describe('manual health check', () => {
  it('reports a fast provider as healthy, stores the check and audits it', async () => {
    const res = await checkNow();
    expect(res.status).toBe(200);
    expect(res.body.health).toMatchObject({ status: 'healthy' });
    expect(res.body.health.latencyMs).toBeLessThan(2_000);
    expect(Date.now() - Date.parse(res.body.health.checkedAt)).toBeLessThan(10_000);
    expect(res.body.health.error).toBeUndefined();
    expect(mock.stats().byRoute['GET /v1/models']).toBe(1);
    const rows = await checksOf(providerId);
    expect(rows.at(-1)).toMatchObject({ status: 'healthy', error: null, model_id: null });
    const audit = await sql(
      s.ctx,
      `SELECT actor_id FROM audit_events WHERE action = 'provider.health_checked' AND resource_id = $1`,
      [providerId],
    );
    expect(audit).toEqual([{ actor_id: admin.userId }]);
  });

  it('with the completion probe, asks the first active model for one token', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}/health-check`,
      token: admin.accessToken,
      payload: { probe: 'completion' },
    });
    expect(res.status).toBe(200);
    expect(res.body.health.status).toBe('healthy');
    const [request] = mock.requests();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request!.body).toMatchObject({ model: 'mock-gpt-4o', max_tokens: 1 });
    expect((await checksOf(providerId)).at(-1)!.model_id).toBe(modelId);
  });

  it('reports a slow provider as degraded', async () => {
    mock.configure({ latencyMs: 300 });
    const health = await checkProviderNow(s.ctx, adminCtx(), providerId, { degradedAfterMs: 200 });
    expect(health.status).toBe('degraded');
    expect(health.latencyMs).toBeGreaterThanOrEqual(300);
    expect(health.error).toMatch(/slow/i);
  });

  it('reports a rate-limited provider (429) as degraded', async () => {
    mock.queueFault({ fail: 429, count: 1 });
    const health = await checkProviderNow(s.ctx, adminCtx(), providerId);
    expect(health.status).toBe('degraded');
    expect(health.error).toContain('Rate limit reached for requests');
  });

  it("reports a failing provider as down with the provider's error", async () => {
    mock.queueFault({ fail: 500, count: 1 });
    const res = await checkNow();
    expect(res.status).toBe(200);
    expect(res.body.health.status).toBe('down');
    expect(res.body.health.error).toBe(
      '500: The server had an error while processing your request. (injected by mock-llm)',
    );
    expect((await checksOf(providerId)).at(-1)).toMatchObject({ status: 'down' });
  });

  it('reports a hanging provider as down once the probe times out', async () => {
    mock.queueFault({ fail: 'hang', count: 1 });
    const started = performance.now();
    const health = await checkProviderNow(s.ctx, adminCtx(), providerId, { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(health).toMatchObject({ status: 'down', error: 'No answer within 300 ms' });
    expect(health.latencyMs).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('lets admins check (viewers get 403, other organizations 404) and stores nothing when refused', async () => {
    const before = (await checksOf(providerId)).length;
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    expect((await checkNow(viewer.accessToken)).status).toBe(403);
    const editor = await memberWithRole(s.app, admin, 'editor');
    expect((await checkNow(editor.accessToken)).status).toBe(403);
    const stranger = await signup(s.app);
    expect((await checkNow(stranger.accessToken)).status).toBe(404);
    expect((await checkNow(stranger.accessToken, stranger.orgId)).status).toBe(404);
    expect((await checkNow(admin.accessToken, admin.orgId, randomUUID())).status).toBe(404);
    expect((await checksOf(providerId)).length).toBe(before);
  });
});

describe('health history and latest health', () => {
  it('lists recent checks newest first, with the latest health; viewers may read it, strangers not', async () => {
    await checkNow();
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}/health?hours=1`,
      token: viewer.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body.health.status).toBe('healthy');
    expect(res.body.items.length).toBe((await checksOf(providerId)).length);
    const times = res.body.items.map((i: any) => Date.parse(i.checkedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(res.body.items[0]).toMatchObject({
      providerId,
      status: 'healthy',
      checkedAt: res.body.health.checkedAt,
    });

    const stranger = await signup(s.app);
    const foreign = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}/health`,
      token: stranger.accessToken,
    });
    expect(foreign.status).toBe(404);
  });

  it('latestHealth gives each provider its newest check, and unknown when never checked', async () => {
    const unchecked = await createProvider(admin, 'Never checked', `${mock.url}/v1`);
    const map = await latestHealth(s.ctx.db, admin.orgId, [providerId, unchecked], true);
    expect(map.get(providerId)!.status).toBe('healthy');
    expect(map.get(unchecked)).toEqual({ status: 'unknown', checkedAt: null, latencyMs: null });
    // Another organization's id is unknown here, never its health.
    const other = await latestHealth(s.ctx.db, (await signup(s.app)).orgId, [providerId], true);
    expect(other.get(providerId)!.status).toBe('unknown');
    await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/providers/${unchecked}`,
      token: admin.accessToken,
    });
  });
});

describe('health job', () => {
  it('probes every provider with an active model in every organization and prunes week-old history', async () => {
    const other = await signup(s.app);
    const down = await startMockLlm({ port: 0 });
    try {
      const otherProvider = await createProvider(other, 'Other org vLLM', `${down.url}/v1`);
      await createModel(other, otherProvider, 'm1');
      const idle = await createProvider(admin, 'No active models', `${mock.url}/v1`);
      await createModel(admin, idle, 'inactive', false);
      down.queueFault({ fail: 503, count: 1 });
      await sql(
        s.ctx,
        `INSERT INTO provider_health_checks (org_id, provider_id, status, latency_ms, checked_at) VALUES
         ($1, $2, 'healthy', 5, now() - interval '8 days'), ($1, $2, 'down', 5, now() - interval '6 days')`,
        [admin.orgId, providerId],
      );
      const before = (await checksOf(providerId)).length;
      // Every organization also has the built-in mock provider, which answers healthy.
      const [builtIn] = await sql<{ n: number }>(
        s.ctx,
        `SELECT count(*)::int AS n FROM providers WHERE type = 'mock'`,
      );
      expect(builtIn!.n).toBeGreaterThanOrEqual(2);

      const summary = await runHealthChecks(s.ctx);

      expect(summary).toMatchObject({
        checked: 2 + builtIn!.n,
        healthy: 1 + builtIn!.n,
        down: 1,
        pruned: 1,
      });
      const rows = await checksOf(providerId);
      expect(rows.length).toBe(before - 1 + 1);
      expect(rows.at(-1)!.status).toBe('healthy');
      expect((await checksOf(otherProvider)).map((r) => r.status)).toEqual(['down']);
      expect(await checksOf(idle)).toEqual([]);
      const old = await sql(
        s.ctx,
        `SELECT 1 FROM provider_health_checks WHERE checked_at < now() - interval '7 days'`,
      );
      expect(old).toEqual([]);
      const week = await sql(
        s.ctx,
        `SELECT 1 FROM provider_health_checks WHERE provider_id = $1 AND checked_at < now() - interval '5 days'`,
        [providerId],
      );
      expect(week.length).toBe(1);
    } finally {
      await down.close();
    }
  });

  it('exposes the latest status and latency as Prometheus gauges', async () => {
    mock.queueFault({ fail: 500, count: 1 });
    await checkNow();
    const res = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    // Counts per provider type (other tests' providers of this type count too): no provider or
    // organization id in any label.
    const labels = `provider_type="openai-compatible"`;
    const gauge = (body: string, status: string) =>
      Number(
        new RegExp(`promptops_provider_health\\{${labels},status="${status}"\\} (\\d+)`).exec(body)?.[1],
      );
    const down = gauge(res.body, 'down');
    const healthy = gauge(res.body, 'healthy');
    expect(down).toBeGreaterThanOrEqual(1);
    expect(res.body).toMatch(new RegExp(`promptops_provider_health_latency_ms\\{${labels}\\} \\d+`));
    expect(res.body).not.toContain(providerId);
    await checkNow();
    const after = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(gauge(after.body, 'healthy')).toBe(healthy + 1);
    expect(gauge(after.body, 'down')).toBe(down - 1);
  });

  async function runTwoWorkers(redis?: { url: string; prefix: string }) {
    const interval = 300;
    const intervals = 4;
    const before = (await checksOf(providerId)).length;
    const since = new Date();
    // Only Date is faked: the runners place intervals on the wall-clock grid, and the test moves
    // that clock one interval at a time instead of waiting for it. Their timers, the database
    // and Redis run in real time.
    vi.useFakeTimers({ toFake: ['Date'] });
    const make = () =>
      new JobRunner(s.ctx, [], [{ job: healthCheckJob, everyMs: interval }], {
        leaseMs: 5_000,
        pollMs: 40,
        ...(redis ? { redis } : {}),
      });
    const a = make();
    const b = make();
    const runsSince = () =>
      sql<{ scheduled_at: Date; status: string; attempts: number }>(
        s.ctx,
        `SELECT scheduled_at, status, attempts FROM jobs WHERE kind = $1 AND created_at >= $2 ORDER BY scheduled_at`,
        [healthCheckJob.name, since],
      );
    try {
      const first = Math.ceil(Date.now() / interval) * interval;
      vi.setSystemTime(first);
      a.start();
      b.start();
      for (let i = 0; i < intervals; i++) {
        vi.setSystemTime(first + i * interval + 1);
        // Both runners look at the clock at once, as their poll timers do.
        await Promise.all([a.poll(), b.poll()]);
        await until(`interval ${i} to run`, async () => {
          const runs = await runsSince();
          return runs.length >= i + 1 && runs.every((r) => r.status === 'succeeded');
        });
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
      vi.useRealTimers();
    }
    const runs = await runsSince();
    const slots = runs.map((r) => new Date(r.scheduled_at).getTime());
    // One row per interval (none twice, none lost), on the interval grid, each run once.
    expect(new Set(slots).size).toBe(intervals);
    for (const slot of slots) expect(slot % interval).toBe(0);
    expect(runs.map((r) => [r.status, r.attempts])).toEqual(runs.map(() => ['succeeded', 1]));
    // Each run probed the provider once: no run was lost or doubled on the way to the database.
    expect((await checksOf(providerId)).length - before).toBe(intervals);
    await sql(s.ctx, `DELETE FROM jobs WHERE kind = $1`, [healthCheckJob.name]);
  }

  it('runs once per interval with two in-process runners on one database', async () => {
    await runTwoWorkers();
  });

  it.runIf(process.env.TEST_REDIS_URL)('runs once per interval with two workers on one Redis', async () => {
    await runTwoWorkers({ url: process.env.TEST_REDIS_URL!, prefix: s.ctx.config.REDIS_PREFIX });
  });
});
