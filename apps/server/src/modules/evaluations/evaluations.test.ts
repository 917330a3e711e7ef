import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTer, rouge, sentenceBleu, sentenceChrf, sentenceTer } from '@promptops/metrics';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import { startBackgroundWork, type BackgroundWork } from '../../background.js';
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

/** Batch evaluations end to end: the API, the durable job, the gateway against mock-llm, scoring. */
let s: TestServer;
let bg: BackgroundWork;
let mock: MockLlmServer;
let admin: Session;
let baseUrl: string;
let fastModel: string;
let slowModel: string;
let judgeModel: string;
let pricedModel: string;
let datasetId: string;

// The shared fixtures folder sits next to the repository root.
const FIXTURES = fileURLToPath(new URL('../../../../../../shared/fixtures', import.meta.url));

const ITEMS = [
  { input: { question: 'What is the capital of France?' }, expected: 'Paris is the capital of France.' },
  { input: { question: 'Name a primary colour' }, expected: 'Red is a primary colour.' },
  { input: { question: 'How many legs has a spider?' }, expected: 'A spider has eight legs.' },
  { input: { question: 'What do bees make?' }, expected: 'Bees make honey.' },
  { input: { question: 'Which planet is largest?' }, expected: 'Jupiter is the largest planet.' },
];

const url = (path: string, session = admin) => `/api/v1/orgs/${session.orgId}${path}`;
const post = (path: string, payload: unknown, session = admin) =>
  api(s.app, {
    method: 'POST',
    url: url(path, session),
    token: session.accessToken,
    payload: payload as object,
  });
const get = (path: string, session = admin) =>
  api(s.app, { method: 'GET', url: url(path, session), token: session.accessToken });

async function model(name: string, headers: Record<string, string>, prices = { in: '0', out: '0' }) {
  const p = await post('/providers', {
    name,
    type: 'openai-compatible',
    baseUrl: `${mock.url}/v1`,
    settings: { headers, maxRetries: 0 },
  });
  expect(p.status).toBe(201);
  const m = await post('/models', {
    providerId: p.body.id,
    name: 'gpt-4o-mini',
    inputPricePerMTok: prices.in,
    outputPricePerMTok: prices.out,
  });
  expect(m.status).toBe(201);
  return m.body.id as string;
}

async function finished(id: string) {
  return eventually(`evaluation ${id} to end`, async () => {
    const res = await get(`/evaluations/${id}`);
    return res.body.evaluation.status !== 'queued' && res.body.evaluation.status !== 'running'
      ? res.body.evaluation
      : undefined;
  });
}

/** The evaluation.finished events of an evaluation, as stored in the outbox. */
const finishedEvents = (id: string) =>
  sql<{ payload: any }>(
    s.ctx,
    `SELECT payload FROM outbox WHERE type = 'evaluation.finished' AND payload->>'evaluationId' = $1`,
    [id],
  );

async function allResults(id: string) {
  const items = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/evaluations/${id}/results?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, chunkGapMs: 0, replyWords: 10 });
  s = await startTestServer({
    JOBS_POLL_INTERVAL_MS: '50',
    EMBEDDING_MODELS_DIR: FIXTURES,
    RUN_HEARTBEAT_MS: '200',
  });
  baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  bg = startBackgroundWork(s.ctx);
  admin = await signup(s.app, 'Evaluations Org');
  fastModel = await model('fast', {});
  slowModel = await model('slow', { 'x-mock-latency-ms': '400' });
  judgeModel = await model('judge', { 'x-mock-reply': '{"score": 0.75, "reason": "mostly right"}' });
  pricedModel = await model('priced', { 'x-mock-latency-ms': '30' }, { in: '1000', out: '1000' });
  for (const [name, template] of [
    ['qa', 'Answer briefly: {{question}}'],
    ['judge', 'Rate the answer {{output}} to {{input}} against {{expected}}'],
  ] as const) {
    const res = await post('/prompts', { name, template, modelId: fastModel });
    expect(res.status).toBe(201);
  }
  const v2 = await post('/prompts/qa/versions', { template: 'Reply in one sentence to {{question}}' });
  expect(v2.status).toBe(201);
  const label = await api(s.app, {
    method: 'PUT',
    url: url('/prompts/qa/labels/production'),
    token: admin.accessToken,
    payload: { version: 1 },
  });
  expect(label.status).toBe(200);
  const ds = await post('/datasets', { name: 'capitals and facts' });
  expect(ds.status).toBe(201);
  datasetId = ds.body.dataset.id;
  const added = await post(`/datasets/${datasetId}/items`, { items: ITEMS });
  expect(added.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await bg?.close();
  await s?.close();
  await mock?.close();
});

describe('an evaluation', () => {
  it('runs every item × variant × repetition once through the gateway and scores it', async () => {
    const created = await post('/evaluations', {
      name: 'two prompt versions',
      datasetId,
      variants: [
        { name: 'production', prompt: { name: 'qa', label: 'production' } },
        { prompt: { name: 'qa', version: 2 }, modelId: fastModel },
      ],
      evaluators: [
        { type: 'exact-match' },
        { type: 'contains', config: { pattern: 'mock', ignoreCase: true } },
        { type: 'bleu' },
        { type: 'chrf' },
        { type: 'ter' },
        { type: 'rouge', config: { types: ['rouge1', 'rougeL'] } },
        { type: 'levenshtein' },
        { type: 'regex', config: { pattern: '^Mock reply' } },
        { type: 'json-schema', config: { schema: { type: 'object' } } },
        { type: 'custom', name: 'short', config: { code: '(output) => output.length < 500' } },
        { type: 'latency' },
        { type: 'cost' },
        { type: 'llm-judge', config: { prompt: { name: 'judge' }, modelId: judgeModel } },
      ],
      repetitions: 2,
      concurrency: 4,
    });
    expect(created.status).toBe(202);
    const evaluation = created.body.evaluation;
    expect(evaluation).toMatchObject({ status: 'queued', datasetVersion: 1, repetitions: 2 });
    expect(evaluation.variants[0]).toMatchObject({
      name: 'production',
      prompt: { name: 'qa', version: 1, label: 'production' },
    });
    expect(evaluation.variants[1].name).toContain('qa v2');
    // The judge is pinned to the version it resolved to.
    expect(evaluation.evaluators.at(-1).config.prompt).toEqual({ name: 'judge', version: 1 });

    const done = await finished(evaluation.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progress: { total: 20, done: 20, failed: 0 },
      error: null,
    });
    // The final status and its event commit together: each score's mean per variant.
    const finishedOnce = await finishedEvents(evaluation.id);
    expect(finishedOnce).toHaveLength(1);
    expect(finishedOnce[0]!.payload).toMatchObject({
      name: 'two prompt versions',
      status: 'succeeded',
      datasetId,
    });
    expect(finishedOnce[0]!.payload.summary.map((v: { variant: number }) => v.variant)).toEqual([0, 1]);
    expect(finishedOnce[0]!.payload.summary[1].metrics.exact_match).toBe(
      done.summary[1].metrics.exact_match.mean,
    );
    expect(finishedOnce[0]!.payload.summary[1].metrics.contains).toBe(1);

    const results = await allResults(evaluation.id);
    expect(results).toHaveLength(20);
    expect(new Set(results.map((r) => `${r.itemId}:${r.variant}:${r.repetition}`)).size).toBe(20);
    // Dataset order, then variant, then repetition.
    expect(results.slice(0, 4).map((r) => [r.variant, r.repetition])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    for (const r of results) {
      expect(r.error).toBeNull();
      expect(r.output).toMatch(/^Mock reply to: /);
      expect(r.scores.exact_match).toBe(0);
      expect(r.scores.contains).toBe(1);
      expect(r.scores.regex).toBe(1);
      expect(r.scores.json_schema).toBe(0);
      expect(r.scores.short).toBe(1);
      expect(r.scores.llm_judge).toBe(0.75);
      expect(r.scores.bleu).toBeCloseTo(sentenceBleu(r.output, [r.expected]).score, 10);
      expect(r.scores.chrf).toBeCloseTo(sentenceChrf(r.output, [r.expected]).score, 10);
      expect(r.scores.ter).toBeCloseTo(sentenceTer(r.output, [r.expected]).score, 10);
      const ref = rouge(r.expected, r.output, { types: ['rouge1', 'rougeL'] });
      expect(r.scores.rouge1).toBeCloseTo(ref.rouge1.fmeasure, 12);
      expect(r.scores.rougeL).toBeCloseTo(ref.rougeL.fmeasure, 12);
      expect(r.scores.levenshtein).toBeGreaterThan(0);
      expect(r.scores.levenshtein).toBeLessThan(1);
      expect(r.scores.latency_ms).toBe(r.latencyMs);
      expect(r.scoreErrors).toEqual({});
    }
    // The same prompt and input give the same output on both repetitions (the mock is deterministic).
    expect(results[0].output).toBe(results[1].output);

    // The summary: per variant, every score key, t intervals, corpus BLEU; comparisons with the baseline.
    expect(done.summary).toHaveLength(2);
    const [base, other] = done.summary;
    expect(base.variant).toBe(0);
    expect(Object.keys(base.metrics).sort()).toEqual(
      [
        'bleu',
        'chrf',
        'ter',
        'contains',
        'cost_usd',
        'exact_match',
        'json_schema',
        'latency_ms',
        'levenshtein',
        'llm_judge',
        'regex',
        'rouge1',
        'rougeL',
        'short',
      ].sort(),
    );
    expect(base.metrics.bleu.n).toBe(10);
    const bleus = results.filter((r) => r.variant === 0).map((r) => r.scores.bleu);
    expect(base.metrics.bleu.mean).toBeCloseTo(bleus.reduce((a, b) => a + b, 0) / bleus.length, 10);
    expect(base.metrics.bleu.ci95[0]).toBeLessThanOrEqual(base.metrics.bleu.mean);
    expect(base.metrics.bleu.ci95[1]).toBeGreaterThanOrEqual(base.metrics.bleu.mean);
    expect(base.metrics.bleu.corpus).toBeGreaterThanOrEqual(0);
    const baseResults = results.filter((r) => r.variant === 0);
    expect(base.metrics.ter.corpus).toBeCloseTo(
      corpusTer(
        baseResults.map((r) => r.output),
        [baseResults.map((r) => r.expected)],
      ).score,
      10,
    );
    expect(base.metrics.bleu.itemStd).toBe(0);
    expect(base.failed).toBe(0);
    expect(base.latencyMs.p50).not.toBeNull();
    expect(other.variant).toBe(1);
    const bleuComparison = done.comparisons.find(
      (c: { metric: string; variant: number }) => c.metric === 'bleu' && c.variant === 1,
    );
    expect(bleuComparison.meanDifference).toBeCloseTo(other.metrics.bleu.mean - base.metrics.bleu.mean, 10);
    expect(bleuComparison.probabilityBetter).toBeGreaterThanOrEqual(0);
    expect(bleuComparison.probabilityBetter).toBeLessThanOrEqual(1);

    // Every call went through the gateway: recorded with the evaluation as parent (20 runs + 20 judge calls).
    const runs = await sql<{ n: number; source: string }>(
      s.ctx,
      `SELECT count(*)::int AS n, min(source) AS source FROM executions WHERE parent_type = 'evaluation' AND parent_id = $1`,
      [evaluation.id],
    );
    expect(runs[0]).toEqual({ n: 40, source: 'evaluation' });
    const linked = await get(`/executions/${results[0].executionId}`);
    expect(linked.status).toBe(200);
    expect(linked.body.execution).toMatchObject({
      source: 'evaluation',
      parent: { type: 'evaluation', id: evaluation.id },
      promptName: 'qa',
      promptVersion: 1,
    });

    // CSV: one row per result, a column per score key.
    const csv = await api(s.app, {
      method: 'GET',
      url: url(`/evaluations/${evaluation.id}/results.csv`),
      token: admin.accessToken,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = (csv.raw.body as string).trim().split('\r\n');
    expect(lines[0]).toContain('llm_judge');
    expect(lines[0]!.startsWith('item_id,variant,variant_name,repetition,input,expected,output')).toBe(true);
    expect(lines).toHaveLength(21);

    // Listed, and the stream of an ended evaluation sends its end at once.
    const list = await get('/evaluations');
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(evaluation.id);
    const res = await fetch(`${baseUrl}${url(`/evaluations/${evaluation.id}/events`)}`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    const events = [];
    for await (const e of sseEvents(res)) events.push(e);
    expect(events.filter((e) => e.event === 'result')).toHaveLength(20);
    expect(events.at(-1)).toMatchObject({
      event: 'done',
      data: { evaluation: { id: evaluation.id, status: 'succeeded' } },
    });
  }, 60_000);

  it('streams progress and results while it runs, then done', async () => {
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: slowModel }],
      evaluators: [{ type: 'exact-match' }],
      concurrency: 2,
    });
    expect(created.status).toBe(202);
    const res = await fetch(`${baseUrl}${url(`/evaluations/${created.body.evaluation.id}/events`)}`, {
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    const events = [];
    for await (const e of sseEvents(res)) events.push(e);
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.done as number);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(5);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(events.filter((e) => e.event === 'result')).toHaveLength(5);
    expect(events.at(-1)!.event).toBe('done');
  }, 60_000);

  it('keeps an unparseable judge reply as an error on that score, never a zero', async () => {
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
      // The fast model answers in prose, not with a score.
      evaluators: [
        { type: 'llm-judge', config: { prompt: { name: 'judge' }, modelId: fastModel } },
        { type: 'bleu' },
      ],
    });
    expect(created.status).toBe(202);
    const done = await finished(created.body.evaluation.id);
    expect(done.status).toBe('succeeded');
    const results = await allResults(done.id);
    for (const r of results) {
      expect(r.scores.llm_judge).toBeUndefined();
      expect(r.scoreErrors.llm_judge).toMatch(/neither JSON nor a number/);
      expect(typeof r.scores.bleu).toBe('number');
    }
    expect(done.summary[0].metrics.llm_judge).toBeUndefined();
  }, 60_000);

  it('scores semantic similarity with a local sentence-transformers model', async () => {
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
      evaluators: [{ type: 'semantic-similarity', config: { embedder: 'tiny-sentence-model' } }],
    });
    expect(created.status).toBe(202);
    const done = await finished(created.body.evaluation.id);
    expect(done.status).toBe('succeeded');
    for (const r of await allResults(done.id)) {
      expect(r.scores.semantic_similarity).toBeGreaterThan(-1);
      expect(r.scores.semantic_similarity).toBeLessThanOrEqual(1);
    }
  }, 60_000);

  it("scores semantic similarity with an embeddings model of the organization's provider", async () => {
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
      evaluators: [{ type: 'semantic-similarity', config: { embedder: pricedModel } }, { type: 'cost' }],
    });
    expect(created.status).toBe(202);
    const done = await finished(created.body.evaluation.id);
    expect(done.status).toBe('succeeded');
    for (const r of await allResults(done.id)) {
      expect(r.scoreErrors).toEqual({});
      expect(r.scores.semantic_similarity).toBeGreaterThan(-1);
      expect(r.scores.semantic_similarity).toBeLessThanOrEqual(1);
      // The call itself is free; the embeddings are priced at the embeddings model's input price.
      expect(r.scores.cost_usd).toBe(0);
      expect(Number(r.costUsd)).toBeGreaterThan(0);
    }
  }, 60_000);

  it('stops starting calls at the cost cap and ends failed, saying so', async () => {
    // Each call costs about (20 + 10 tokens) × $1000 / 1M ≈ $0.03.
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: pricedModel }],
      evaluators: [{ type: 'cost' }],
      repetitions: 4,
      concurrency: 1,
      maxCostUsd: 0.07,
    });
    expect(created.status).toBe(202);
    const done = await finished(created.body.evaluation.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/cost cap of \$0\.07 was reached/);
    expect(done.progress.done).toBeGreaterThanOrEqual(2);
    expect(done.progress.done).toBeLessThan(20);
    const calls = await sql<{ n: number }>(
      s.ctx,
      `SELECT count(*)::int AS n FROM executions WHERE parent_id = $1`,
      [done.id],
    );
    expect(calls[0]!.n).toBe(done.progress.done);
    // At most one call (the one that crossed it) beyond the cap.
    const perCall = Number(done.costUsd) / done.progress.done;
    expect(Number(done.costUsd)).toBeLessThan(0.07 + perCall + 1e-12);
    expect(done.summary[0].metrics.cost_usd.n).toBe(done.progress.done);
    const events = await finishedEvents(done.id);
    expect(events.map((e) => e.payload.status)).toEqual(['failed']);
    expect(events[0]!.payload.summary[0].metrics.cost_usd).toBe(done.summary[0].metrics.cost_usd.mean);
  }, 60_000);

  it('cancels: calls in flight are aborted, finished results stay, nothing starts afterwards', async () => {
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: slowModel }],
      evaluators: [{ type: 'exact-match' }],
      repetitions: 4,
      concurrency: 2,
    });
    const id = created.body.evaluation.id as string;
    await eventually(
      'a first result',
      async () => (await get(`/evaluations/${id}`)).body.evaluation.progress.done >= 1,
    );
    const cancelled = await post(`/evaluations/${id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.evaluation.status).toBe('cancelled');
    // Its calls stop: the in-flight ones end cancelled, no new ones start.
    await eventually('no call running', async () => {
      const [row] = await sql<{ n: number }>(
        s.ctx,
        `SELECT count(*)::int AS n FROM executions WHERE parent_id = $1 AND status = 'running'`,
        [id],
      );
      return row!.n === 0;
    });
    const job = await sql<{ status: string }>(
      s.ctx,
      `SELECT j.status FROM jobs j JOIN evaluations e ON e.job_id = j.id WHERE e.id = $1`,
      [id],
    );
    await eventually('the job to end', async () => {
      const [row] = await sql<{ status: string }>(
        s.ctx,
        `SELECT status FROM jobs WHERE id = (SELECT job_id FROM evaluations WHERE id = $1)`,
        [id],
      );
      return row!.status === 'cancelled';
    });
    expect(job).toHaveLength(1);
    const after = (await get(`/evaluations/${id}`)).body.evaluation;
    expect(after.status).toBe('cancelled');
    expect(after.progress.done).toBeLessThan(20);
    const calls = await sql<{ status: string; n: number }>(
      s.ctx,
      `SELECT status, count(*)::int AS n FROM executions WHERE parent_id = $1 GROUP BY status`,
      [id],
    );
    const succeeded = calls.find((c) => c.status === 'succeeded')?.n ?? 0;
    expect(succeeded).toBe(after.progress.done);
    expect(calls.filter((c) => c.status !== 'succeeded' && c.status !== 'cancelled')).toEqual([]);
    expect((await allResults(id)).length).toBe(after.progress.done);
    expect(after.summary[0].metrics.exact_match.n).toBe(after.progress.done);
    // Cancelling again changes nothing.
    const again = await post(`/evaluations/${id}/cancel`, {});
    expect(again.body.evaluation.status).toBe('cancelled');
    // One evaluation.finished, from the cancel (the worker stopping afterwards emits none).
    const events = await finishedEvents(id);
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ evaluationId: id, status: 'cancelled', datasetId }),
    ]);
  }, 60_000);
});

describe('bad requests', () => {
  const valid = () => ({
    datasetId,
    variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
    evaluators: [{ type: 'exact-match' }],
  });
  it.each<[string, (v: ReturnType<typeof valid>) => unknown, string]>([
    ['an unknown dataset', (v) => ({ ...v, datasetId: '00000000-0000-4000-8000-000000000000' }), 'datasetId'],
    ['a dataset version from the future', (v) => ({ ...v, datasetVersion: 99 }), 'datasetVersion'],
    ['an unknown prompt', (v) => ({ ...v, variants: [{ prompt: { name: 'nope' } }] }), 'variants.0.prompt'],
    [
      'an unknown label',
      (v) => ({ ...v, variants: [{ prompt: { name: 'qa', label: 'nope' } }] }),
      'variants.0.prompt',
    ],
    [
      'an unknown model',
      (v) => ({
        ...v,
        variants: [{ prompt: { name: 'qa' }, modelId: '00000000-0000-4000-8000-000000000000' }],
      }),
      'variants.0.modelId',
    ],
    [
      'a prompt version without a model, and no modelId',
      (v) => ({ ...v, variants: [{ prompt: { name: 'qa', version: 2 } }] }),
      'variants.0.modelId',
    ],
    ['nine variants', (v) => ({ ...v, variants: Array(9).fill({ prompt: { name: 'qa' } }) }), 'variants'],
    [
      'a regex that does not compile',
      (v) => ({ ...v, evaluators: [{ type: 'regex', config: { pattern: '(' } }] }),
      'evaluators.0.config.pattern',
    ],
    [
      'a regex with exponential backtracking',
      (v) => ({ ...v, evaluators: [{ type: 'regex', config: { pattern: '(a+)+$' } }] }),
      'evaluators.0.config.pattern',
    ],
    [
      'a JSON schema that does not compile',
      (v) => ({ ...v, evaluators: [{ type: 'json-schema', config: { schema: { type: 'nonsense' } } }] }),
      'evaluators.0.config.schema',
    ],
    [
      'a custom evaluator without a name',
      (v) => ({ ...v, evaluators: [{ type: 'custom', config: { code: '() => 1' } }] }),
      'evaluators.0.name',
    ],
    [
      'two evaluators with one score key',
      (v) => ({ ...v, evaluators: [{ type: 'bleu' }, { type: 'bleu' }] }),
      'evaluators.1.name',
    ],
    [
      'an unknown embedding model',
      (v) => ({ ...v, evaluators: [{ type: 'semantic-similarity', config: { embedder: '../../etc' } }] }),
      'evaluators.0.config.embedder',
    ],
    [
      'an unknown embeddings model',
      (v) => ({
        ...v,
        evaluators: [
          { type: 'semantic-similarity', config: { embedder: '00000000-0000-4000-8000-000000000000' } },
        ],
      }),
      'evaluators.0.config.embedder',
    ],
    [
      'an unknown judge prompt',
      (v) => ({
        ...v,
        evaluators: [{ type: 'llm-judge', config: { prompt: { name: 'nope' }, modelId: judgeModel } }],
      }),
      'evaluators.0.config.prompt',
    ],
    ['eleven repetitions', (v) => ({ ...v, repetitions: 11 }), 'repetitions'],
    ['an unknown evaluator type', (v) => ({ ...v, evaluators: [{ type: 'vibes' }] }), 'evaluators.0.type'],
  ])('%s → 400 naming %s, nothing stored', async (_name, change, path) => {
    const before = await sql<{ n: number }>(s.ctx, `SELECT count(*)::int AS n FROM evaluations`);
    const res = await post('/evaluations', change(valid()));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await sql(s.ctx, `SELECT count(*)::int AS n FROM evaluations`)).toEqual(before);
  });
});

describe('tenancy and roles', () => {
  it("hides another organization's evaluation and lets viewers read but not run", async () => {
    const created = await post('/evaluations', {
      datasetId,
      variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
      evaluators: [{ type: 'exact-match' }],
    });
    const id = created.body.evaluation.id as string;
    await finished(id);
    const other = await signup(s.app, 'Other Org');
    for (const path of [
      `/evaluations/${id}`,
      `/evaluations/${id}/results`,
      `/evaluations/${id}/results.csv`,
      `/evaluations/${id}/events`,
    ]) {
      const res = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${other.orgId}${path}`,
        token: other.accessToken,
      });
      expect(res.status).toBe(404);
    }
    expect((await post(`/evaluations/${id}/cancel`, {}, other)).status).toBe(404);
    // Another organization's dataset is not a dataset here.
    const foreign = await post(
      '/evaluations',
      {
        datasetId,
        variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
        evaluators: [{ type: 'bleu' }],
      },
      other,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe('datasetId');

    const viewer = await memberWithRole(s.app, admin, 'viewer');
    expect((await get(`/evaluations/${id}`, viewer)).status).toBe(200);
    expect((await get(`/evaluations/${id}/results`, viewer)).status).toBe(200);
    const refused = await post(
      '/evaluations',
      {
        datasetId,
        variants: [{ prompt: { name: 'qa' }, modelId: fastModel }],
        evaluators: [{ type: 'bleu' }],
      },
      viewer,
    );
    expect(refused.status).toBe(403);
    expect((await post(`/evaluations/${id}/cancel`, {}, viewer)).status).toBe(403);
  }, 60_000);
});
