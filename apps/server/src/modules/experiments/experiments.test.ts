import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackgroundWork, type BackgroundWork } from '../../background.js';
import {
  api,
  apiKey,
  builtInMockModelId,
  eventually,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
let bg: BackgroundWork;
beforeAll(async () => {
  // Background work runs the offline evaluation a test links.
  s = await startTestServer({ JOBS_POLL_INTERVAL_MS: '50' });
  bg = startBackgroundWork(s.ctx);
});
afterAll(async () => {
  await bg?.close();
  await s?.close();
});

const base = (u: Session) => `/api/v1/orgs/${u.orgId}`;

/** A prompt with versions 1..n ("v1: …", "v2: …") and `production` on version 1. */
async function promptWithVersions(u: Session, name: string, n = 2) {
  const modelId = await builtInMockModelId(s.app, u);
  const created = await api(s.app, {
    method: 'POST',
    url: `${base(u)}/prompts`,
    token: u.accessToken,
    payload: { name, template: 'v1: hello {{who}}', modelId },
  });
  expect(created.status).toBe(201);
  for (let v = 2; v <= n; v++) {
    const res = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/prompts/${encodeURIComponent(name)}/versions`,
      token: u.accessToken,
      payload: { template: `v${v}: hello {{who}}`, modelId },
    });
    expect(res.status).toBe(201);
  }
  const label = await api(s.app, {
    method: 'PUT',
    url: `${base(u)}/prompts/${encodeURIComponent(name)}/labels/production`,
    token: u.accessToken,
    payload: { version: 1 },
  });
  expect(label.status).toBe(200);
  return modelId;
}

function createExperiment(u: Session, payload: Record<string, unknown>, token = u.accessToken) {
  return api(s.app, { method: 'POST', url: `${base(u)}/experiments`, token, payload });
}
const twoVariants = (promptName: string, extra: Record<string, unknown> = {}) => ({
  name: `${promptName} test`,
  promptName,
  variants: [
    { name: 'control', label: 'production', weight: 1 },
    { name: 'treatment', version: 2, weight: 1 },
  ],
  metric: { name: 'converted', kind: 'binary' },
  minSamples: 50,
  ...extra,
});
const outcome = (u: Session, id: string, subject: string, value: number, token = u.accessToken) =>
  api(s.app, {
    method: 'POST',
    url: `${base(u)}/experiments/${id}/outcomes`,
    token,
    payload: { subject, value },
  });

describe('experiments', () => {
  it('starts with labels resolved to versions, audits it, and allows one running experiment per prompt', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u, 'checkout/cta');
    const res = await createExperiment(u, twoVariants('checkout/cta'));
    expect(res.status).toBe(201);
    const e = res.body.experiment;
    expect(e).toMatchObject({
      status: 'running',
      promptName: 'checkout/cta',
      minSamples: 50,
      maxExpectedLoss: 0.005,
      metric: { name: 'converted', kind: 'binary', higherIsBetter: true },
      winner: null,
      evaluation: null,
    });
    expect(e.variants).toMatchObject([
      { name: 'control', version: 1, label: 'production', weight: 1, share: 0.5 },
      { name: 'treatment', version: 2, label: null, weight: 1, share: 0.5 },
    ]);
    const [audit] = await sql<{ resource_id: string }>(
      s.ctx,
      `SELECT resource_id FROM audit_events WHERE org_id = $1 AND action = 'experiment.created'`,
      [u.orgId],
    );
    expect(audit!.resource_id).toBe(e.id);

    const again = await createExperiment(u, { ...twoVariants('checkout/cta'), name: 'second' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'promptName', message: 'Has a running experiment' }]);

    const list = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/experiments?status=running`,
      token: u.accessToken,
    });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([e.id]);

    // Stopped, the prompt is free for the next one.
    const stop = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/experiments/${e.id}/stop`,
      token: u.accessToken,
    });
    expect(stop.status).toBe(200);
    expect(stop.body.experiment).toMatchObject({ status: 'stopped', winner: null });
    expect(stop.body.experiment.stoppedAt).not.toBeNull();
    const stopAgain = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/experiments/${e.id}/stop`,
      token: u.accessToken,
    });
    expect(stopAgain.status).toBe(409);
    expect((await createExperiment(u, { ...twoVariants('checkout/cta'), name: 'third' })).status).toBe(201);
  });

  it('refuses bad input with the field at fault and stores nothing', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u, 'bad-input');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...twoVariants('bad-input'), promptName: 'missing' }, 'promptName'],
      [{ ...twoVariants('bad-input'), variants: [{ name: 'a', version: 1, weight: 1 }] }, 'variants'],
      [
        {
          ...twoVariants('bad-input'),
          variants: [
            { name: 'a', version: 1, weight: 1 },
            { name: 'b', version: 9, weight: 1 },
          ],
        },
        'variants.1.version',
      ],
      [
        {
          ...twoVariants('bad-input'),
          variants: [
            { name: 'a', label: 'nope', weight: 1 },
            { name: 'b', version: 1, weight: 1 },
          ],
        },
        'variants.0.label',
      ],
      [
        {
          ...twoVariants('bad-input'),
          variants: [
            { name: 'a', version: 1, weight: 0 },
            { name: 'b', version: 2, weight: 1 },
          ],
        },
        'variants.0.weight',
      ],
      [
        {
          ...twoVariants('bad-input'),
          variants: [
            { name: 'same', version: 1, weight: 1 },
            { name: 'Same', version: 2, weight: 1 },
          ],
        },
        'variants.1.name',
      ],
      [{ ...twoVariants('bad-input'), metric: { name: 'revenue', kind: 'continuous' } }, 'maxExpectedLoss'],
    ];
    for (const [payload, path] of cases) {
      const res = await createExperiment(u, payload);
      expect(res.status, path).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const [row] = await sql<{ n: number }>(
      s.ctx,
      'SELECT count(*)::int AS n FROM experiments WHERE org_id = $1',
      [u.orgId],
    );
    expect(row!.n).toBe(0);
  });

  it('serves each subject its sticky variant on prompt fetches, runs and assign, and counts subjects', async () => {
    const u = await signup(s.app);
    const modelId = await promptWithVersions(u, 'greeter');
    const viewerKey = await apiKey(s.app, u, 'viewer');
    const e = (await createExperiment(u, twoVariants('greeter'))).body.experiment;

    const seen = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      const subject = `user-${i}`;
      const fetched = await api(s.app, {
        method: 'GET',
        url: `${base(u)}/prompts/greeter?subject=${subject}`,
        token: viewerKey,
      });
      expect(fetched.status).toBe(200);
      const variant = fetched.body.experiment.variant as string;
      expect(fetched.body.experiment.id).toBe(e.id);
      expect(fetched.body.version).toBe(variant === 'control' ? 1 : 2);
      seen.set(subject, variant);
      // Asked again (cached now), and through assign: the same answer.
      const again = await api(s.app, {
        method: 'GET',
        url: `${base(u)}/prompts/greeter?subject=${subject}`,
        token: viewerKey,
      });
      expect(again.body.experiment.variant).toBe(variant);
      const assigned = await api(s.app, {
        method: 'POST',
        url: `${base(u)}/experiments/${e.id}/assign`,
        token: viewerKey,
        payload: { subject },
      });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({
        experimentId: e.id,
        variant,
        version: variant === 'control' ? 1 : 2,
      });
    }
    expect(new Set(seen.values()).size).toBe(2);

    // A fetch naming a version or label, or without a subject, is not part of the experiment.
    const pinned = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/prompts/greeter?label=production&subject=user-1`,
      token: viewerKey,
    });
    expect(pinned.body.experiment).toBeUndefined();
    expect(pinned.body.version).toBe(1);
    const plain = await api(s.app, { method: 'GET', url: `${base(u)}/prompts/greeter`, token: viewerKey });
    expect(plain.body.experiment).toBeUndefined();
    expect(plain.body.version).toBe(2);

    // A run with a subject runs the subject's variant and records the experiment on the execution.
    const subject = 'user-7';
    const run = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/executions`,
      token: u.accessToken,
      payload: { prompt: { name: 'greeter' }, modelId, variables: { who: 'Dana' }, subject },
    });
    expect(run.status).toBe(201);
    expect(run.body.execution).toMatchObject({
      promptVersion: seen.get(subject) === 'control' ? 1 : 2,
      experiment: { id: e.id, variant: seen.get(subject) },
    });

    const results = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/experiments/${e.id}/results`,
      token: viewerKey,
    });
    expect(results.status).toBe(200);
    const subjects = Object.fromEntries(
      results.body.variants.map((v: { name: string; subjects: number }) => [v.name, v.subjects]),
    );
    const expected = { control: 0, treatment: 0 } as Record<string, number>;
    for (const v of seen.values()) expected[v]! += 1;
    expect(subjects).toEqual(expected);

    // Once stopped, fetches with a subject get the latest version again.
    await api(s.app, { method: 'POST', url: `${base(u)}/experiments/${e.id}/stop`, token: u.accessToken });
    const after = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/prompts/greeter?subject=user-1`,
      token: viewerKey,
    });
    expect(after.body.experiment).toBeUndefined();
    expect(after.body.version).toBe(2);
  });

  it('credits outcomes to the subject variant, replaces repeats, declares the winner and promotes it', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u, 'pricing');
    const editorKey = await apiKey(s.app, u, 'editor');
    const e = (await createExperiment(u, twoVariants('pricing'))).body.experiment;

    const bad = await outcome(u, e.id, 'x', 0.5, editorKey);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'value', message: 'A binary metric takes 0 or 1' }]);

    const early = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/experiments/${e.id}/results`,
      token: u.accessToken,
    });
    expect(early.body.decision).toMatchObject({ state: 'collecting', winner: null });

    // Treatment converts 45 %, control 20 % (deterministic by subject index).
    const counts = { control: { n: 0, s: 0 }, treatment: { n: 0, s: 0 } } as Record<
      string,
      { n: number; s: number }
    >;
    for (let i = 0; i < 400; i++) {
      const subject = `s-${i}`;
      const { variant } = (
        await api(s.app, {
          method: 'POST',
          url: `${base(u)}/experiments/${e.id}/assign`,
          token: editorKey,
          payload: { subject },
        })
      ).body;
      const rate = variant === 'treatment' ? 0.45 : 0.2;
      const value = (i * 0.618034) % 1 < rate ? 1 : 0;
      const first = await outcome(u, e.id, subject, 1 - value, editorKey);
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ variant, replaced: false });
      // The subject's later outcome replaces the first.
      const second = await outcome(u, e.id, subject, value, editorKey);
      expect(second.body).toEqual({ variant, replaced: true });
      counts[variant]!.n++;
      counts[variant]!.s += value;
    }
    const res = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/experiments/${e.id}/results`,
      token: u.accessToken,
    });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.variants.map((v: { name: string }) => [v.name, v]));
    for (const name of ['control', 'treatment']) {
      const c = counts[name]!;
      expect(byName[name]).toMatchObject({
        n: c.n,
        subjects: c.n,
        posterior: { kind: 'beta', alpha: 1 + c.s, beta: 1 + c.n - c.s },
      });
      expect(byName[name].mean).toBeCloseTo(c.s / c.n, 12);
      expect(byName[name].curve).toHaveLength(101);
    }
    expect(byName.treatment.probabilityBest).toBeGreaterThan(0.99);
    expect(res.body.decision).toMatchObject({ state: 'winner', winner: 'treatment' });

    const csv = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/experiments/${e.id}/results.csv`,
      token: u.accessToken,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (csv.raw.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'variant,version,subjects,n,mean,ci95_low,ci95_high,probability_best,expected_loss',
    );
    expect(lines[2]!.startsWith(`treatment,2,${counts.treatment!.n},${counts.treatment!.n},`)).toBe(true);

    const wrong = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/experiments/${e.id}/stop`,
      token: u.accessToken,
      payload: { promote: { variant: 'nope' } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('promote.variant');
    const stopped = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/experiments/${e.id}/stop`,
      token: u.accessToken,
      payload: { promote: { variant: 'treatment' } },
    });
    expect(stopped.status).toBe(200);
    expect(stopped.body.experiment).toMatchObject({ status: 'stopped', winner: 'treatment' });
    const prod = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/prompts/pricing?label=production`,
      token: u.accessToken,
    });
    expect(prod.body.version).toBe(2);
    const events = await sql<{ type: string }>(
      s.ctx,
      `SELECT type FROM outbox WHERE org_id = $1 AND type IN ('experiment.changed', 'prompt.label_moved') ORDER BY id`,
      [u.orgId],
    );
    expect(events.map((x) => x.type).slice(-3)).toEqual([
      'experiment.changed',
      'prompt.label_moved',
      'experiment.changed',
    ]);

    // A stopped experiment takes no more outcomes.
    expect((await outcome(u, e.id, 's-1', 1, editorKey)).status).toBe(409);
  });

  it('links an offline evaluation score by prompt version', async () => {
    const u = await signup(s.app);
    const modelId = await promptWithVersions(u, 'summarize');
    const e = (await createExperiment(u, twoVariants('summarize'))).body.experiment;
    const ds = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/datasets`,
      token: u.accessToken,
      payload: { name: 'd' },
    });
    const items = Array.from({ length: 6 }, (_, i) => ({
      input: { who: `person ${i}` },
      expected: `v2: hello person ${i}`,
    }));
    await api(s.app, {
      method: 'POST',
      url: `${base(u)}/datasets/${ds.body.dataset.id}/items`,
      token: u.accessToken,
      payload: { items },
    });
    const created = await api(s.app, {
      method: 'POST',
      url: `${base(u)}/evaluations`,
      token: u.accessToken,
      payload: {
        name: 'offline',
        datasetId: ds.body.dataset.id,
        variants: [
          { prompt: { name: 'summarize', version: 1 }, modelId },
          { prompt: { name: 'summarize', version: 2 }, modelId },
        ],
        evaluators: [{ type: 'levenshtein' }],
      },
    });
    expect(created.status).toBe(202);
    const evaluationId = created.body.evaluation.id;
    await eventually(
      'the evaluation to finish',
      async () => {
        const res = await api(s.app, {
          method: 'GET',
          url: `${base(u)}/evaluations/${evaluationId}`,
          token: u.accessToken,
        });
        return res.body.evaluation.status === 'succeeded';
      },
      30_000,
    );

    const badKey = await api(s.app, {
      method: 'PUT',
      url: `${base(u)}/experiments/${e.id}/evaluation`,
      token: u.accessToken,
      payload: { evaluationId, scoreKey: 'bleu' },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors[0]).toMatchObject({ path: 'scoreKey' });
    const linked = await api(s.app, {
      method: 'PUT',
      url: `${base(u)}/experiments/${e.id}/evaluation`,
      token: u.accessToken,
      payload: { evaluationId, scoreKey: 'levenshtein' },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.experiment.evaluation).toEqual({ evaluationId, scoreKey: 'levenshtein' });
    const results = await api(s.app, {
      method: 'GET',
      url: `${base(u)}/experiments/${e.id}/results`,
      token: u.accessToken,
    });
    const offline = results.body.evaluation;
    expect(offline).toMatchObject({ evaluationId, scoreKey: 'levenshtein' });
    expect(offline.variants.map((v: { evaluationVariant: number }) => v.evaluationVariant)).toEqual([0, 1]);
    const evaluation = (
      await api(s.app, { method: 'GET', url: `${base(u)}/evaluations/${evaluationId}`, token: u.accessToken })
    ).body.evaluation;
    for (const [i, v] of offline.variants.entries()) {
      expect(v.n).toBe(6);
      expect(v.mean).toBeCloseTo(evaluation.summary[i].metrics.levenshtein.mean, 9);
    }
  });

  it('keeps organizations apart and checks roles', async () => {
    const u = await signup(s.app);
    const other = await signup(s.app);
    await promptWithVersions(u, 'private');
    const e = (await createExperiment(u, twoVariants('private'))).body.experiment;
    for (const [method, path, payload] of [
      ['GET', `experiments/${e.id}`, undefined],
      ['GET', `experiments/${e.id}/results`, undefined],
      ['POST', `experiments/${e.id}/assign`, { subject: 'a' }],
      ['POST', `experiments/${e.id}/outcomes`, { subject: 'a', value: 1 }],
      ['POST', `experiments/${e.id}/stop`, {}],
    ] as const) {
      const res = await api(s.app, {
        method,
        url: `${base(other)}/${path}`,
        token: other.accessToken,
        payload,
      });
      expect(res.status, path).toBe(404);
    }
    const viewer = await memberWithRole(s.app, u, 'viewer');
    expect((await createExperiment(u, twoVariants('private'), viewer.accessToken)).status).toBe(403);
    expect((await outcome(u, e.id, 'a', 1, viewer.accessToken)).status).toBe(403);
    expect(
      (
        await api(s.app, {
          method: 'GET',
          url: `${base(u)}/experiments/${e.id}/results`,
          token: viewer.accessToken,
        })
      ).status,
    ).toBe(200);
    const [row] = await sql<{ status: string }>(s.ctx, 'SELECT status FROM experiments WHERE id = $1', [
      e.id,
    ]);
    expect(row!.status).toBe('running');
  });
});
