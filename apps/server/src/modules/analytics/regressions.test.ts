import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  builtInMockModelId,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { insertEvaluation, insertRuns, seededRandom, type SeedRun } from '../../../test/seed-runs.js';
import { analyticsJobs } from './analytics.jobs.js';
import { detectRegressions } from './regressions.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let s: TestServer;
let org: Session;
let fast = '';
let smart = '';
let datasetId = '';

beforeAll(async () => {
  s = await startTestServer();
  org = await signup(s.app);
  fast = await builtInMockModelId(s.app, org, 'mock-fast');
  smart = await builtInMockModelId(s.app, org, 'mock-smart');
  const dataset = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${org.orgId}/datasets`,
    token: org.accessToken,
    payload: { name: 'regression checks' },
  });
  datasetId = dataset.body.dataset.id;
});
afterAll(async () => s?.close());

/**
 * `count` runs of a prompt version over the last few days: `failed` of them failed, latencies
 * drawn from [minMs, maxMs) (log-uniform) with a fixed seed, so two versions given the same seed
 * and range have the very same latencies.
 */
function runs(
  prompt: string,
  version: number,
  o: { count: number; failed: number; minMs?: number; maxMs?: number; seed?: number; daysAgo?: number },
): SeedRun[] {
  const rand = seededRandom(o.seed ?? 1);
  const min = o.minMs ?? 100;
  const max = o.maxMs ?? 2000;
  const start = Date.now() - (o.daysAgo ?? 3) * DAY;
  return Array.from({ length: o.count }, (_, i) => ({
    promptName: prompt,
    promptVersion: version,
    modelId: fast,
    model: 'mock-fast',
    status: i < o.failed ? 'failed' : i % 25 === 24 ? 'cancelled' : 'succeeded',
    source: 'api',
    inputTokens: 10,
    outputTokens: 10,
    costUsd: '0.0001',
    latencyMs: Math.floor(min * Math.exp(rand() * Math.log(max / min))),
    createdAt: new Date(start + Math.floor((i / o.count) * 2 * DAY)),
  }));
}

const alertsOf = (orgId: string) =>
  sql<{ prompt_name: string; version: number; previous_version: number; metric: string }>(
    s.ctx,
    `SELECT prompt_name, version, previous_version, metric FROM regression_alerts WHERE org_id = $1
     ORDER BY prompt_name, metric`,
    [orgId],
  );
const eventsOf = (orgId: string) =>
  sql<{ payload: Record<string, unknown> }>(
    s.ctx,
    `SELECT payload FROM outbox WHERE org_id = $1 AND type = 'analytics.regression_detected' ORDER BY id`,
    [orgId],
  );

describe('regression detection', () => {
  it('flags a newer version that fails more, once, with exactly one event', async () => {
    await insertRuns(s.ctx, org.orgId, [
      ...runs('checkout', 1, { count: 200, failed: 4 }),
      ...runs('checkout', 2, { count: 200, failed: 60 }),
    ]);
    const created = await detectRegressions(s.ctx, { orgId: org.orgId });
    expect(created).toHaveLength(1);
    const [alert] = created;
    expect(alert).toMatchObject({
      promptName: 'checkout',
      version: 2,
      previousVersion: 1,
      metric: 'failure_rate',
    });
    expect(alert!.probability).toBeGreaterThan(0.99);
    // Cancelled runs say nothing about the prompt: 6 of version 2's runs, 8 of version 1's.
    expect(alert!.current).toBeCloseTo(60 / 194, 12);
    expect(alert!.previous).toBeCloseTo(4 / 192, 12);
    expect(alert!.detail).toContain('failed 60 of 194 runs');
    const events = await eventsOf(org.orgId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      regressionId: alert!.id,
      promptName: 'checkout',
      version: 2,
      previousVersion: 1,
      metric: 'failure_rate',
      probability: alert!.probability,
      current: alert!.current,
      previous: alert!.previous,
      detail: alert!.detail,
    });

    // The next pass finds the same regression and stores nothing new.
    expect(await detectRegressions(s.ctx, { orgId: org.orgId })).toEqual([]);
    expect(await alertsOf(org.orgId)).toHaveLength(1);
    expect(await eventsOf(org.orgId)).toHaveLength(1);
  });

  it('leaves alone a version that is not worse, too few runs, and versions outside the window', async () => {
    const fresh = await signup(s.app);
    const same = { count: 300, failed: 15, seed: 5 };
    await insertRuns(s.ctx, fresh.orgId, [
      // The same failures and the very same latencies.
      ...runs('faq', 1, same),
      ...runs('faq', 2, same),
      // Better on every count.
      ...runs('billing', 3, { count: 300, failed: 30, minMs: 500, maxMs: 5000 }),
      ...runs('billing', 4, { count: 300, failed: 3, minMs: 100, maxMs: 1000 }),
      // Clearly worse, but 20 runs each are too few to tell.
      ...runs('tiny', 1, { count: 20, failed: 0 }),
      ...runs('tiny', 2, { count: 20, failed: 10, minMs: 5000, maxMs: 9000 }),
      // Version 2 ran only before the 7-day window: version 1 has no predecessor in it.
      ...runs('stale', 1, { count: 200, failed: 0 }),
      ...runs('stale', 2, { count: 200, failed: 150, daysAgo: 10 }),
      // One version only.
      ...runs('single', 1, { count: 200, failed: 100 }),
    ]);
    expect(await detectRegressions(s.ctx, { orgId: fresh.orgId })).toEqual([]);
    expect(await alertsOf(fresh.orgId)).toEqual([]);
    expect(await eventsOf(fresh.orgId)).toEqual([]);
  });

  it("flags a newer version whose runs often take longer than the previous version's p95", async () => {
    const fresh = await signup(s.app);
    await insertRuns(s.ctx, fresh.orgId, [
      ...runs('search', 1, { count: 300, failed: 3, minMs: 100, maxMs: 1000 }),
      ...runs('search', 2, { count: 300, failed: 3, minMs: 300, maxMs: 3000 }),
    ]);
    const created = await detectRegressions(s.ctx, { orgId: fresh.orgId });
    expect(created.map((r) => [r.promptName, r.version, r.previousVersion, r.metric])).toEqual([
      ['search', 2, 1, 'latency_p95'],
    ]);
    const [alert] = created;
    expect(alert!.probability).toBeGreaterThanOrEqual(0.95);
    // p95 of log-uniform latencies over [100, 1000) is about 890 ms, over [300, 3000) about 2,670.
    expect(alert!.previous).toBeGreaterThan(700);
    expect(alert!.previous).toBeLessThan(1000);
    expect(alert!.current).toBeGreaterThan(2000);
    expect(alert!.detail).toContain(`p95 of version 1 (${alert!.previous} ms`);
    expect(await eventsOf(fresh.orgId)).toHaveLength(1);
  });

  it('flags a newer version an evaluation of both found worse, respecting which one was the baseline', async () => {
    const fresh = await signup(s.app);
    const ok = { count: 100, failed: 0, seed: 9 };
    await insertRuns(s.ctx, fresh.orgId, [
      ...runs('writer', 1, ok),
      ...runs('writer', 2, ok),
      ...runs('editor', 1, ok),
      ...runs('editor', 2, ok),
      ...runs('critic', 1, ok),
      ...runs('critic', 2, ok),
    ]);
    const variant = (prompt: string, version: number, modelId = fast) => ({
      prompt,
      version,
      modelId,
      model: modelId === fast ? 'mock-fast' : 'mock-smart',
    });
    const recently = new Date(Date.now() - DAY);
    // writer: v1 is the baseline; v2 is better with probability 0.01 on bleu.
    await insertEvaluation(s.ctx, fresh.orgId, datasetId, {
      name: 'writer v1 vs v2',
      finishedAt: recently,
      variants: [variant('writer', 1), variant('writer', 2)],
      metrics: [{ bleu: { mean: 41.5, n: 50 } }, { bleu: { mean: 30.25, n: 50 } }],
      comparisons: [
        { metric: 'bleu', variant: 1, probabilityBetter: 0.01 },
        // Latency and cost are not quality scores: never an evaluation regression.
        { metric: 'latency_ms', variant: 1, probabilityBetter: 0 },
      ],
    });
    // editor: v2 is the baseline and v1 (the older) is better with probability 0.3: v2 is not worse.
    await insertEvaluation(s.ctx, fresh.orgId, datasetId, {
      finishedAt: recently,
      variants: [variant('editor', 2), variant('editor', 1)],
      metrics: [{ ter: { mean: 40, n: 50 } }, { ter: { mean: 42, n: 50 } }],
      comparisons: [{ metric: 'ter', variant: 1, probabilityBetter: 0.3 }],
    });
    // critic: the newest evaluation ran v1 on another model (not comparable); an older one
    // compared v2 as the baseline with v1 better with probability 0.97: v2 is worse.
    await insertEvaluation(s.ctx, fresh.orgId, datasetId, {
      finishedAt: new Date(Date.now() - 2 * DAY),
      variants: [variant('critic', 2), variant('critic', 1)],
      metrics: [{ exact_match: { mean: 0.6, n: 40 } }, { exact_match: { mean: 0.8, n: 40 } }],
      comparisons: [{ metric: 'exact_match', variant: 1, probabilityBetter: 0.97 }],
    });
    await insertEvaluation(s.ctx, fresh.orgId, datasetId, {
      finishedAt: recently,
      variants: [variant('critic', 2), variant('critic', 1, smart)],
      metrics: [{ exact_match: { mean: 0.6, n: 40 } }, { exact_match: { mean: 0.1, n: 40 } }],
      comparisons: [{ metric: 'exact_match', variant: 1, probabilityBetter: 1 }],
    });

    const created = await detectRegressions(s.ctx, { orgId: fresh.orgId });
    const byPrompt = Object.fromEntries(created.map((r) => [r.promptName, r]));
    expect(Object.keys(byPrompt).sort()).toEqual(['critic', 'writer']);
    expect(byPrompt.writer).toMatchObject({
      version: 2,
      previousVersion: 1,
      metric: 'evaluation_score',
      current: 30.25,
      previous: 41.5,
    });
    expect(byPrompt.writer!.probability).toBeCloseTo(0.99, 12);
    expect(byPrompt.writer!.detail).toContain('Evaluation "writer v1 vs v2" on mock-fast: bleu');
    expect(byPrompt.critic).toMatchObject({ metric: 'evaluation_score', current: 0.6, previous: 0.8 });
    expect(byPrompt.critic!.probability).toBeCloseTo(0.97, 12);
    expect(await eventsOf(fresh.orgId)).toHaveLength(2);
  });

  it('runs for every organization from the hourly job, each alert in its own organization', async () => {
    const a = await signup(s.app);
    const b = await signup(s.app);
    await insertRuns(s.ctx, a.orgId, [
      ...runs('shared-name', 1, { count: 100, failed: 0 }),
      ...runs('shared-name', 2, { count: 100, failed: 50 }),
    ]);
    await insertRuns(s.ctx, b.orgId, [
      ...runs('shared-name', 1, { count: 100, failed: 0 }),
      ...runs('shared-name', 2, { count: 100, failed: 0 }),
    ]);
    const { jobs, repeating } = analyticsJobs(s.ctx);
    expect(jobs[0].name).toBe('analytics-regressions');
    expect(repeating).toEqual([{ job: jobs[0], everyMs: 3_600_000 }]);
    const created = await detectRegressions(s.ctx);
    expect(created.filter((r) => r.promptName === 'shared-name')).toHaveLength(1);
    expect(await alertsOf(a.orgId)).toEqual([
      { prompt_name: 'shared-name', version: 2, previous_version: 1, metric: 'failure_rate' },
    ]);
    expect(await alertsOf(b.orgId)).toEqual([]);
  });
});

describe('regression list', () => {
  it('lists alerts newest first, by prompt, on the dashboard too, never another organization’s', async () => {
    const fresh = await signup(s.app);
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    await sql(
      s.ctx,
      `INSERT INTO regression_alerts (org_id, prompt_name, version, previous_version, metric, probability, current,
         previous, detail, detected_at)
       VALUES ($1, 'a', 2, 1, 'failure_rate', 0.99, 0.3, 0.01, 'a failed more', $2),
              ($1, 'b', 5, 3, 'latency_p95', 0.97, 1500, 900, 'b is slower', $3),
              ($1, 'a', 2, 1, 'latency_p95', 0.96, 800, 700, 'a is slower', $4)`,
      [fresh.orgId, at(30), at(10), at(20)],
    );
    const list = (session: Session, query = '', orgId = fresh.orgId) =>
      api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${orgId}/analytics/regressions${query}`,
        token: session.accessToken,
      });
    const all = await list(fresh);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: any) => r.detail)).toEqual(['b is slower', 'a is slower', 'a failed more']);
    expect(all.body.items[0]).toEqual({
      id: expect.any(String),
      promptName: 'b',
      version: 5,
      previousVersion: 3,
      metric: 'latency_p95',
      probability: 0.97,
      current: 1500,
      previous: 900,
      detail: 'b is slower',
      detectedAt: at(10),
    });
    expect((await list(fresh, '?promptName=a')).body.items.map((r: any) => r.detail)).toEqual([
      'a is slower',
      'a failed more',
    ]);
    expect((await list(fresh, '?limit=1')).body.items).toHaveLength(1);
    expect((await list(fresh, '?limit=0')).status).toBe(400);
    expect((await list(org, '', fresh.orgId)).status).toBe(404);
    expect((await list(org, '', org.orgId)).body.items.every((r: any) => r.promptName !== 'b')).toBe(true);

    const dashboard = (query: string) =>
      api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${fresh.orgId}/analytics?from=${at(60 * 24)}&to=${at(0)}${query}`,
        token: fresh.accessToken,
      });
    expect((await dashboard('')).body.regressions.map((r: any) => r.detail)).toEqual([
      'b is slower',
      'a is slower',
      'a failed more',
    ]);
    expect((await dashboard('&promptName=b')).body.regressions.map((r: any) => r.detail)).toEqual([
      'b is slower',
    ]);
  });
});
