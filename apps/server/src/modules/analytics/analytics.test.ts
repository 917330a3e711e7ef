import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import {
  insertEvaluation,
  insertRuns,
  seededRandom,
  type SeedEvaluation,
  type SeedRun,
} from '../../../test/seed-runs.js';
import { NO_MODEL_ID } from '../../platform/db/schema.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import { readCsvRecords } from '../datasets/csv-parser.js';
import { latencyBucket } from '../executions/executions.repository.js';
import { bucketRange } from './latency-histogram.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The dashboard range: D0 to D0 + 5 days. Runs are seeded from D0 − 4 days to D0 + 4 days, so the
// previous period (D0 − 5 days to D0) has runs and the range's last day has none.
const D0 = Math.floor(Date.now() / DAY) * DAY - 12 * DAY;
const QUOTED_MODEL = 'eu "turbo", large';

let s: TestServer;
let admin: Session;
let other: Session;
const models = { fast: '', smart: '', quoted: '' };

beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app);
  other = await signup(s.app);
  const list = await api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
  });
  const byName = (n: string) => list.body.items.find((m: { name: string }) => m.name === n);
  models.fast = byName('mock-fast').id;
  models.smart = byName('mock-smart').id;
  const created = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/models`,
    token: admin.accessToken,
    payload: {
      providerId: byName('mock-fast').providerId,
      name: QUOTED_MODEL,
      inputPricePerMTok: '1',
      outputPricePerMTok: '2',
    },
  });
  expect(created.status).toBe(201);
  models.quoted = created.body.id;
  await insertRuns(s.ctx, admin.orgId, seedRuns(1_500, 7));
  // Another organization's runs in the same hours never show.
  await insertRuns(s.ctx, other.orgId, seedRuns(200, 8));
}, 120_000);
afterAll(async () => s?.close());

function pick<T>(rand: () => number, weighted: [T, number][]): T {
  let x = rand() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/** Varied runs: prompts and versions, models (one without an id), statuses, sources, costs, latencies. */
function seedRuns(count: number, seed: number): SeedRun[] {
  const rand = seededRandom(seed);
  const runs: SeedRun[] = [];
  for (let i = 0; i < count; i++) {
    const prompt = pick<[string | null, number | null]>(rand, [
      [['support/reply', 1], 3],
      [['support/reply', 2], 4],
      [['summarize', 1], 2],
      // A draft: run under the prompt's name without a version.
      [['support/reply', null], 0.5],
      [[null, null], 1],
    ]);
    const model = pick<[string | null, string]>(rand, [
      [[models.fast, 'mock-fast'], 5],
      [[models.smart, 'mock-smart'], 3],
      [[models.quoted, QUOTED_MODEL], 1],
      [[null, 'legacy-model'], 1],
    ]);
    const latency =
      rand() < 0.005
        ? 700_000 + Math.floor(rand() * 100_000)
        : Math.floor(Math.exp(rand() * Math.log(200_000)));
    const picoDollars = Math.floor(rand() * 5e9);
    runs.push({
      promptName: prompt[0],
      promptVersion: prompt[1],
      modelId: model[0],
      model: model[1],
      status: pick(rand, [
        ['succeeded', 80],
        ['failed', 10],
        ['cancelled', 5],
        ['interrupted', 3],
        ['running', 2],
      ]),
      source: pick(rand, [
        ['api', 6],
        ['playground', 3],
        ['evaluation', 1],
      ]),
      inputTokens: Math.floor(rand() * 5000),
      outputTokens: Math.floor(rand() * 2000),
      costUsd: `0.${String(picoDollars).padStart(12, '0')}`,
      latencyMs: latency,
      createdAt: new Date(D0 - 4 * DAY + Math.floor(rand() * 8 * DAY)),
    });
  }
  return runs;
}

const iso = (ms: number) => new Date(ms).toISOString();

async function analytics(query: Record<string, string | number>, session = admin, orgId = session.orgId) {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${orgId}/analytics?${qs}`,
    token: session.accessToken,
  });
}

interface Exact {
  executions: number;
  failed: number;
  cancelled: number;
  interrupted: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: string;
  p50: number | null;
  p95: number | null;
  mean: number | null;
}

/** The truth, from the raw runs: finished runs of [from, to) matching `where`, by `groupBy`. */
async function exact(
  from: number,
  to: number,
  where = 'true',
  params: unknown[] = [],
  groupBy = "'all'",
): Promise<Map<string, Exact>> {
  const rows = await sql<Exact & { k: string }>(
    s.ctx,
    `SELECT ${groupBy} AS k, count(*)::int AS executions, count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE status = 'interrupted')::int AS interrupted,
            sum(input_tokens)::int AS "inputTokens", sum(output_tokens)::int AS "outputTokens",
            sum(cost_usd)::text AS "costUsd",
            percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
            percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
            avg(latency_ms)::float8 AS mean
     FROM executions
     WHERE org_id = $1 AND status <> 'running' AND created_at >= $2 AND created_at < $3 AND ${where}
     GROUP BY 1`,
    [admin.orgId, iso(from), iso(to), ...params],
  );
  return new Map(rows.map((r) => [r.k, { ...r, costUsd: normalizeDecimal(r.costUsd) }]));
}

/** A percentile from the histogram lies in the bucket that holds the exact (nearest-rank) one. */
function expectInBucketOf(actual: number | null, exactMs: number | null) {
  expect(exactMs).not.toBeNull();
  const { lower, upper } = bucketRange(latencyBucket(exactMs!));
  if (upper === null) expect(actual).toBe(lower);
  else {
    expect(actual).toBeGreaterThanOrEqual(lower);
    expect(actual).toBeLessThanOrEqual(upper);
  }
}

function expectTotals(totals: any, truth: Exact | undefined) {
  expect(truth).toBeDefined();
  expect(totals).toMatchObject({
    executions: truth!.executions,
    failed: truth!.failed,
    cancelled: truth!.cancelled,
    interrupted: truth!.interrupted,
    inputTokens: truth!.inputTokens,
    outputTokens: truth!.outputTokens,
    costUsd: truth!.costUsd,
  });
  expect(totals.errorRate).toBeCloseTo(truth!.failed / truth!.executions, 12);
  expect(totals.latencyMs.mean).toBeCloseTo(truth!.mean!, 1);
  expectInBucketOf(totals.latencyMs.p50, truth!.p50);
  expectInBucketOf(totals.latencyMs.p95, truth!.p95);
}

/** Sum of a series' points, costs added exactly. */
function sumPoints(points: any[]) {
  let cost = 0n;
  for (const p of points) {
    const [int, frac = ''] = (p.costUsd as string).split('.');
    cost += BigInt(int! + frac.padEnd(12, '0'));
  }
  const c = cost.toString().padStart(13, '0');
  return {
    executions: points.reduce((a, p) => a + p.executions, 0),
    failed: points.reduce((a, p) => a + p.failed, 0),
    inputTokens: points.reduce((a, p) => a + p.inputTokens, 0),
    outputTokens: points.reduce((a, p) => a + p.outputTokens, 0),
    costUsd: normalizeDecimal(`${c.slice(0, -12)}.${c.slice(-12)}`),
  };
}

const RANGE = { from: iso(D0 + 5 * HOUR), to: iso(D0 + 5 * DAY - 2 * HOUR) };

describe('analytics', () => {
  it('sums the rollups exactly: totals, dense daily points, latency percentiles, the period before', async () => {
    const res = await analytics(RANGE);
    expect(res.status).toBe(200);
    const body = res.body;
    // Rounded out to whole days.
    expect(body).toMatchObject({ from: iso(D0), to: iso(D0 + 5 * DAY), interval: 'day', groupBy: null });
    const truth = await exact(D0, D0 + 5 * DAY);
    expectTotals(body.totals, truth.get('all'));
    expectTotals(body.previousTotals, (await exact(D0 - 5 * DAY, D0)).get('all'));

    expect(body.series).toHaveLength(1);
    const [all] = body.series;
    expect(all).toMatchObject({ key: 'all', label: 'All runs' });
    expect(all.totals).toEqual(body.totals);
    expect(all.points.map((p: any) => p.t)).toEqual([0, 1, 2, 3, 4].map((d) => iso(D0 + d * DAY)));
    expect(sumPoints(all.points)).toEqual({
      executions: body.totals.executions,
      failed: body.totals.failed,
      inputTokens: body.totals.inputTokens,
      outputTokens: body.totals.outputTokens,
      costUsd: body.totals.costUsd,
    });
    for (let d = 0; d < 4; d++) {
      const day = (await exact(D0 + d * DAY, D0 + (d + 1) * DAY)).get('all')!;
      const point = all.points[d];
      expect(point).toMatchObject({
        executions: day.executions,
        failed: day.failed,
        inputTokens: day.inputTokens,
        outputTokens: day.outputTokens,
        costUsd: day.costUsd,
        evaluationScore: null,
      });
      expectInBucketOf(point.latencyMs.p50, day.p50);
      expectInBucketOf(point.latencyMs.p95, day.p95);
    }
    // Nothing ran on the last day: a point of zeros all the same.
    expect(all.points[4]).toEqual({
      t: iso(D0 + 4 * DAY),
      executions: 0,
      failed: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: '0',
      latencyMs: { p50: null, p95: null },
      evaluationScore: null,
    });
  });

  it('has one dense point per hour with interval=hour', async () => {
    const from = D0 + DAY;
    const res = await analytics({ from: iso(from), to: iso(from + DAY), interval: 'hour' });
    expect(res.status).toBe(200);
    const points = res.body.series[0].points;
    expect(points).toHaveLength(24);
    const perHour = await sql<{ h: Date; n: number; cost: string }>(
      s.ctx,
      `SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS h, count(*)::int AS n,
              sum(cost_usd)::text AS cost
       FROM executions WHERE org_id = $1 AND status <> 'running' AND created_at >= $2 AND created_at < $3 GROUP BY 1`,
      [admin.orgId, iso(from), iso(from + DAY)],
    );
    const truth = new Map(perHour.map((r) => [new Date(r.h).getTime(), r]));
    points.forEach((p: any, i: number) => {
      expect(p.t).toBe(iso(from + i * HOUR));
      expect(p.executions).toBe(truth.get(from + i * HOUR)?.n ?? 0);
      expect(p.costUsd).toBe(normalizeDecimal(truth.get(from + i * HOUR)?.cost ?? '0'));
    });
  });

  it('groups by prompt, prompt version and model, most runs first', async () => {
    const byPrompt = await analytics({ ...RANGE, groupBy: 'prompt' });
    const truth = await exact(D0, D0 + 5 * DAY, 'true', [], "coalesce(prompt_name, '')");
    expect(byPrompt.body.groupBy).toBe('prompt');
    expect(byPrompt.body.series.map((x: any) => x.key).sort()).toEqual([...truth.keys()].sort());
    for (const series of byPrompt.body.series) {
      expectTotals(series.totals, truth.get(series.key));
      expect(sumPoints(series.points).costUsd).toBe(series.totals.costUsd);
      expect(series.points).toHaveLength(5);
      expect(series.label).toBe(series.key === '' ? '(no prompt)' : series.key);
    }
    const counts = byPrompt.body.series.map((x: any) => x.totals.executions);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const byVersion = await analytics({ ...RANGE, groupBy: 'version' });
    const versions = await exact(
      D0,
      D0 + 5 * DAY,
      'true',
      [],
      "CASE WHEN prompt_name IS NULL THEN '' ELSE prompt_name || '@' || coalesce(prompt_version, 0) END",
    );
    expect(
      Object.fromEntries(byVersion.body.series.map((x: any) => [x.key, [x.label, x.totals.executions]])),
    ).toEqual({
      'support/reply@1': ['support/reply v1', versions.get('support/reply@1')!.executions],
      'support/reply@2': ['support/reply v2', versions.get('support/reply@2')!.executions],
      'summarize@1': ['summarize v1', versions.get('summarize@1')!.executions],
      'support/reply@0': ['support/reply (drafts)', versions.get('support/reply@0')!.executions],
      '': ['(no prompt)', versions.get('')!.executions],
    });

    const byModel = await analytics({ ...RANGE, groupBy: 'model' });
    const perModel = await exact(D0, D0 + 5 * DAY, 'true', [], `coalesce(model_id::text, '${NO_MODEL_ID}')`);
    expect(
      Object.fromEntries(byModel.body.series.map((x: any) => [x.key, [x.label, x.totals.costUsd]])),
    ).toEqual({
      [models.fast]: ['mock-fast', perModel.get(models.fast)!.costUsd],
      [models.smart]: ['mock-smart', perModel.get(models.smart)!.costUsd],
      [models.quoted]: [QUOTED_MODEL, perModel.get(models.quoted)!.costUsd],
      [NO_MODEL_ID]: ['legacy-model', perModel.get(NO_MODEL_ID)!.costUsd],
    });
    // However grouped, the series add up to the same totals.
    for (const grouped of [byPrompt, byVersion, byModel])
      expect(grouped.body.totals).toEqual(byPrompt.body.totals);
  });

  it('filters by prompt, version, model and source, in totals and in the period before', async () => {
    const cases: [Record<string, string | number>, string, unknown[]][] = [
      [{ promptName: 'support/reply' }, 'prompt_name = $4', ['support/reply']],
      [
        { promptName: 'support/reply', promptVersion: 2 },
        'prompt_name = $4 AND prompt_version = $5',
        ['support/reply', 2],
      ],
      [{ modelId: models.smart }, 'model_id = $4', [models.smart]],
      [{ source: 'playground' }, 'source = $4', ['playground']],
      [
        { promptName: 'summarize', modelId: models.quoted, source: 'api' },
        'prompt_name = $4 AND model_id = $5 AND source = $6',
        ['summarize', models.quoted, 'api'],
      ],
    ];
    for (const [filter, where, params] of cases) {
      const res = await analytics({ ...RANGE, ...filter });
      expect(res.status).toBe(200);
      expectTotals(res.body.totals, (await exact(D0, D0 + 5 * DAY, where, params)).get('all'));
      expectTotals(res.body.previousTotals, (await exact(D0 - 5 * DAY, D0, where, params)).get('all'));
    }
    // A prompt nobody ran: zeros, not an error.
    const none = await analytics({ ...RANGE, promptName: 'never-ran' });
    expect(none.body.totals).toMatchObject({ executions: 0, costUsd: '0', errorRate: 0 });
    expect(none.body.totals.latencyMs).toEqual({ p50: null, p95: null, mean: null });
    expect(none.body.series[0].points).toHaveLength(5);
  });

  it('adds costs exactly, to the last of 12 decimals', async () => {
    const fresh = await signup(s.app);
    const at = new Date(D0 + HOUR);
    const base = {
      promptName: 'p',
      promptVersion: 1,
      modelId: null,
      model: 'm',
      status: 'succeeded' as const,
      source: 'api' as const,
      inputTokens: 1,
      outputTokens: 1,
      latencyMs: 5,
      createdAt: at,
    };
    await insertRuns(s.ctx, fresh.orgId, [
      { ...base, costUsd: '0.000000000001' },
      { ...base, costUsd: '0.1' },
      { ...base, costUsd: '1.999999999999' },
      { ...base, costUsd: '0.2' },
    ]);
    const res = await analytics({ from: iso(D0), to: iso(D0 + DAY) }, fresh);
    // In floating point 0.1 + 0.2 is not 0.3; the sum here is exact.
    expect(res.body.totals.costUsd).toBe('2.3');
  });

  it('folds the least-run series past 19 into one "(other)" series', async () => {
    const fresh = await signup(s.app);
    const runs: SeedRun[] = [];
    for (let p = 0; p < 22; p++)
      for (let i = 0; i <= p; i++)
        runs.push({
          promptName: `prompt-${String(p).padStart(2, '0')}`,
          promptVersion: 1,
          modelId: null,
          model: 'm',
          status: i === 0 ? 'failed' : 'succeeded',
          source: 'api',
          inputTokens: 10,
          outputTokens: 20,
          costUsd: '0.000000000001',
          latencyMs: 100,
          createdAt: new Date(D0 + p * HOUR),
        });
    await insertRuns(s.ctx, fresh.orgId, runs);
    const res = await analytics(
      { from: iso(D0), to: iso(D0 + DAY), interval: 'hour', groupBy: 'prompt' },
      fresh,
    );
    const series = res.body.series;
    expect(series).toHaveLength(20);
    expect(series.slice(0, 19).map((x: any) => x.key)).toEqual(
      Array.from({ length: 19 }, (_, i) => `prompt-${String(21 - i).padStart(2, '0')}`),
    );
    const folded = series[19];
    expect(folded).toMatchObject({ key: '(other)', label: 'Other (3 more)' });
    // prompt-00, -01 and -02: 1 + 2 + 3 runs, one failure each.
    expect(folded.totals).toMatchObject({ executions: 6, failed: 3, costUsd: '0.000000000006' });
    expect(folded.points.slice(0, 4).map((p: any) => [p.executions, p.failed])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [0, 0],
    ]);
    expect(series.reduce((a: number, x: any) => a + x.totals.executions, 0)).toBe(res.body.totals.executions);
    expect(res.body.totals.executions).toBe((22 * 23) / 2);
  });

  it('answers 400 naming the field for a bad range or query', async () => {
    const cases: [Record<string, string | number>, string][] = [
      [{ from: iso(D0 + DAY), to: iso(D0) }, 'query.to'],
      [{ from: iso(D0), to: iso(D0) }, 'query.to'],
      [{ from: iso(D0), to: iso(D0 + 32 * DAY), interval: 'hour' }, 'query.to'],
      [{ from: iso(D0), to: iso(D0 + 401 * DAY) }, 'query.to'],
      [{ ...RANGE, promptVersion: 2 }, 'query.promptVersion'],
      [{ to: iso(D0) }, 'query.from'],
      [{ ...RANGE, from: 'yesterday' }, 'query.from'],
      [{ ...RANGE, groupBy: 'team' }, 'query.groupBy'],
      [{ ...RANGE, interval: 'week' }, 'query.interval'],
      [{ ...RANGE, modelId: 'not-a-uuid' }, 'query.modelId'],
    ];
    for (const [query, path] of cases) {
      const res = await analytics(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0].path).toBe(path);
    }
    // The limits themselves are allowed: 31 days by the hour, 400 by the day.
    expect((await analytics({ from: iso(D0), to: iso(D0 + 31 * DAY), interval: 'hour' })).status).toBe(200);
    expect((await analytics({ from: iso(D0), to: iso(D0 + 400 * DAY) })).status).toBe(200);
  });

  it('is readable by viewers, hidden from other organizations, closed to anonymous callers', async () => {
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    const asViewer = await analytics(RANGE, viewer, admin.orgId);
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.totals.executions).toBeGreaterThan(0);
    expect((await analytics(RANGE, other, admin.orgId)).status).toBe(404);
    const qs = new URLSearchParams(RANGE).toString();
    for (const url of ['analytics', 'analytics.csv', 'analytics/regressions']) {
      const anonymous = await api(s.app, { method: 'GET', url: `/api/v1/orgs/${admin.orgId}/${url}?${qs}` });
      expect(anonymous.status).toBe(401);
      const foreign = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/${url}?${qs}`,
        token: other.accessToken,
      });
      expect(foreign.status).toBe(404);
    }
    // The other organization sees only its own runs.
    const own = await analytics(RANGE, other);
    const [truth] = await sql<{ n: number }>(
      s.ctx,
      `SELECT count(*)::int AS n FROM executions WHERE org_id = $1 AND status <> 'running' AND created_at >= $2 AND created_at < $3`,
      [other.orgId, iso(D0), iso(D0 + 5 * DAY)],
    );
    expect(own.body.totals.executions).toBe(truth!.n);
  });
});

describe('evaluation scores', () => {
  let org: Session;
  const RANGE3 = { from: iso(D0), to: iso(D0 + 3 * DAY) };
  beforeAll(async () => {
    org = await signup(s.app);
    const dataset = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/datasets`,
      token: org.accessToken,
      payload: { name: 'questions' },
    });
    const datasetId = dataset.body.dataset.id;
    const run = (promptName: string, modelId: string, model: string): SeedRun => ({
      promptName,
      promptVersion: 1,
      modelId,
      model,
      status: 'succeeded',
      source: 'evaluation',
      inputTokens: 1,
      outputTokens: 1,
      costUsd: '0.01',
      latencyMs: 100,
      createdAt: new Date(D0 + DAY + HOUR),
    });
    await insertRuns(s.ctx, org.orgId, [
      run('qa', models.fast, 'mock-fast'),
      { ...run('qa', models.fast, 'mock-fast'), promptVersion: 2 },
      { ...run('qa', models.fast, 'mock-fast'), promptVersion: 2 },
      // Named like the overall total, which must not be mixed up with it.
      run('total', models.smart, 'mock-smart'),
    ]);
    const qa = (version: number) => ({ prompt: 'qa', version, modelId: models.fast, model: 'mock-fast' });
    const seeds: SeedEvaluation[] = [
      {
        finishedAt: new Date(D0 + DAY + 3 * HOUR),
        variants: [qa(1), qa(2)],
        metrics: [
          { bleu: { mean: 40, n: 10 }, exact_match: { mean: 0.5, n: 10 } },
          { bleu: { mean: 50, n: 30 } },
        ],
      },
      {
        finishedAt: new Date(D0 + 2 * DAY + HOUR),
        variants: [qa(2)],
        metrics: [{ bleu: { mean: 60, n: 20 } }],
      },
      // Before the range: the previous period's score.
      { finishedAt: new Date(D0 - DAY), variants: [qa(1)], metrics: [{ bleu: { mean: 10, n: 5 } }] },
      // Not succeeded, or after the range: never counted.
      {
        status: 'failed' as const,
        finishedAt: new Date(D0 + DAY),
        variants: [qa(1)],
        metrics: [{ bleu: { mean: 1000, n: 100 } }],
      },
      { finishedAt: new Date(D0 + 4 * DAY), variants: [qa(1)], metrics: [{ bleu: { mean: 1000, n: 100 } }] },
      {
        finishedAt: new Date(D0 + DAY + 5 * HOUR),
        variants: [{ prompt: 'total', version: 1, modelId: models.smart, model: 'mock-smart' }],
        metrics: [{ rouge1: { mean: 0.3, n: 8 } }],
      },
    ];
    for (const e of seeds) await insertEvaluation(s.ctx, org.orgId, datasetId, e);
  });

  const scoresOf = (series: any) => series.points.map((p: any) => p.evaluationScore);

  it('averages the score over the variants finished in each interval, weighted by their results', async () => {
    const res = await analytics(RANGE3, org);
    expect(res.body.scoreKeys).toEqual(['bleu', 'exact_match', 'rouge1']);
    expect(res.body.scoreKey).toBe('bleu');
    // Day 1: (40·10 + 50·30) / 40; day 2: 60.
    expect(scoresOf(res.body.series[0])).toEqual([null, 47.5, 60]);
    expect(res.body.totals.evaluationScore).toBeCloseTo(3100 / 60, 12);
    expect(res.body.series[0].totals.evaluationScore).toBeCloseTo(3100 / 60, 12);
    expect(res.body.previousTotals.evaluationScore).toBe(10);

    const byVersion = await analytics({ ...RANGE3, groupBy: 'version' }, org);
    const series = Object.fromEntries(byVersion.body.series.map((x: any) => [x.key, x]));
    expect(scoresOf(series['qa@1'])).toEqual([null, 40, null]);
    expect(scoresOf(series['qa@2'])).toEqual([null, 50, 60]);
    expect(series['qa@2'].totals.evaluationScore).toBe(54);
    expect(scoresOf(series['total@1'])).toEqual([null, null, null]);
    expect(series['total@1'].totals.evaluationScore).toBeNull();

    const bleu = await analytics({ ...RANGE3, groupBy: 'prompt' }, org);
    const bleuByPrompt = Object.fromEntries(
      bleu.body.series.map((x: any) => [x.key, x.totals.evaluationScore]),
    );
    expect(bleuByPrompt.total).toBeNull();
    expect(bleuByPrompt.qa).toBeCloseTo(3100 / 60, 12);

    const rouge = await analytics({ ...RANGE3, groupBy: 'prompt', scoreKey: 'rouge1' }, org);
    expect(rouge.body.scoreKey).toBe('rouge1');
    const byPrompt = Object.fromEntries(rouge.body.series.map((x: any) => [x.key, x.totals.evaluationScore]));
    expect(byPrompt).toEqual({ total: 0.3, qa: null });
    expect(rouge.body.totals.evaluationScore).toBe(0.3);
  });

  it('follows the prompt, model and source filters', async () => {
    const qa = await analytics({ ...RANGE3, promptName: 'qa' }, org);
    expect(qa.body.scoreKeys).toEqual(['bleu', 'exact_match']);
    expect(qa.body.totals.evaluationScore).toBeCloseTo(3100 / 60, 12);
    const v1 = await analytics(
      { ...RANGE3, promptName: 'qa', promptVersion: 1, scoreKey: 'exact_match' },
      org,
    );
    expect(scoresOf(v1.body.series[0])).toEqual([null, 0.5, null]);
    const smart = await analytics({ ...RANGE3, modelId: models.smart }, org);
    expect(smart.body).toMatchObject({ scoreKeys: ['rouge1'], scoreKey: 'rouge1' });
    expect(smart.body.totals.evaluationScore).toBe(0.3);
    // Evaluations run as source `evaluation`: other sources have no scores.
    const api = await analytics({ ...RANGE3, source: 'api' }, org);
    expect(api.body).toMatchObject({ scoreKeys: [], scoreKey: null });
    expect(api.body.totals.evaluationScore).toBeNull();
    const evaluation = await analytics({ ...RANGE3, source: 'evaluation' }, org);
    expect(scoresOf(evaluation.body.series[0])).toEqual([null, 47.5, 60]);
  });

  it('fills the evaluation_score column of the CSV', async () => {
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/analytics.csv?${new URLSearchParams(RANGE3).toString()}`,
      token: org.accessToken,
    });
    // Four runs of 100 ms in the bucket (82, 100]: p50 at 82 + 18 · 2/4, p95 at 82 + 18 · 3.8/4.
    const lines = res.raw.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(`all,All runs,${iso(D0 + DAY)},4,0,4,4,0.04,91,99.1,47.5`);
  });
});

describe('analytics CSV', () => {
  it('has one row per series and interval, quoted as RFC 4180 says, equal to the JSON', async () => {
    const query = new URLSearchParams({ ...RANGE, groupBy: 'model' }).toString();
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/analytics.csv?${query}`,
      token: admin.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="analytics-${iso(D0).slice(0, 16).replace(/[-:]/g, '')}-${iso(D0 + 5 * DAY)
        .slice(0, 16)
        .replace(/[-:]/g, '')}.csv"`,
    );
    const text = res.raw.body;
    expect(text).toContain(`"eu ""turbo"", large"`);
    const records: string[][] = [];
    const chunks = (async function* () {
      yield new TextEncoder().encode(text);
    })();
    for await (const r of readCsvRecords(chunks)) records.push(r.fields);
    expect(records[0]).toEqual([
      'key',
      'label',
      't',
      'executions',
      'failed',
      'input_tokens',
      'output_tokens',
      'cost_usd',
      'latency_p50_ms',
      'latency_p95_ms',
      'evaluation_score',
    ]);
    const json = (await analytics({ ...RANGE, groupBy: 'model' })).body;
    const expected = json.series.flatMap((x: any) =>
      x.points.map((p: any) => [
        x.key,
        x.label,
        p.t,
        String(p.executions),
        String(p.failed),
        String(p.inputTokens),
        String(p.outputTokens),
        p.costUsd,
        p.latencyMs.p50 === null ? '' : String(p.latencyMs.p50),
        p.latencyMs.p95 === null ? '' : String(p.latencyMs.p95),
        '',
      ]),
    );
    expect(records.slice(1)).toEqual(expected);
    expect(records.slice(1).map((r) => r[1])).toContain(QUOTED_MODEL);
  });

  it('refuses the same bad queries as the JSON route', async () => {
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/analytics.csv?from=${iso(D0)}&to=${iso(D0 + 40 * DAY)}&interval=hour`,
      token: admin.accessToken,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('query.to');
  });
});
