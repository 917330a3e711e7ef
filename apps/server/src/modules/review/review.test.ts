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

/** Versioning and review: diffs, no lost updates, rollback, protected labels, reviews and their gate. */
let s: TestServer;
let bg: BackgroundWork;
let admin: Session;
let editor: Session;
let editor2: Session;
let viewer: Session;
let foreign: Session;
let adminKey: string;

const enc = encodeURIComponent;
const url = (path: string, session = admin) => `/api/v1/orgs/${session.orgId}${path}`;
const call = (
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  session: Session,
  payload?: unknown,
  token?: string,
) =>
  api(s.app, {
    method,
    url: url(path, session),
    token: token ?? session.accessToken,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

let promptSeq = 0;
/** A fresh text prompt with the given versions (the first creates it). */
async function promptWith(templates: string[], session = admin): Promise<string> {
  const name = `review/p${++promptSeq}`;
  const created = await call('POST', '/prompts', session, { name, template: templates[0] });
  expect(created.status).toBe(201);
  for (const template of templates.slice(1)) {
    const res = await call('POST', `/prompts/${enc(name)}/versions`, session, { template });
    expect(res.status).toBe(201);
  }
  return name;
}

async function labelVersion(name: string, label: string, session = admin): Promise<number | undefined> {
  const res = await call('GET', `/prompts/${enc(name)}?label=${label}`, session);
  return res.status === 200 ? res.body.version : undefined;
}

async function setSettings(body: Record<string, unknown>) {
  const res = await call('PUT', '/settings/review', admin, body);
  expect(res.status).toBe(200);
  return res.body;
}

async function auditCount(action: string, resourceId: string): Promise<number> {
  const [row] = await sql<{ n: number }>(
    s.ctx,
    `SELECT count(*)::int AS n FROM audit_events WHERE org_id = $1 AND action = $2 AND resource_id = $3`,
    [admin.orgId, action, resourceId],
  );
  return row!.n;
}

beforeAll(async () => {
  s = await startTestServer({ JOBS_POLL_INTERVAL_MS: '50' });
  bg = startBackgroundWork(s.ctx);
  admin = await signup(s.app, 'Review Org');
  editor = await memberWithRole(s.app, admin, 'editor');
  editor2 = await memberWithRole(s.app, admin, 'editor');
  viewer = await memberWithRole(s.app, admin, 'viewer');
  foreign = await signup(s.app, 'Other Org');
  adminKey = await apiKey(s.app, admin, 'admin');
}, 120_000);
afterAll(async () => {
  await bg?.close();
  await s?.close();
});

describe('diff between two versions', () => {
  it('lists changed fields with word diffs and line hunks', async () => {
    const name = await promptWith(['Hello {{name}}.\nYou are a helpful assistant.\nBye.']);
    const v2 = await call('POST', `/prompts/${enc(name)}/versions`, admin, {
      template: 'Hello {{name}}.\nYou are a terse assistant.\nBye.',
      params: { temperature: 0.2 },
    });
    expect(v2.status).toBe(201);
    const res = await call('GET', `/prompts/${enc(name)}/diff?from=1&to=2`, viewer);
    expect(res.status).toBe(200);
    expect(res.body.changes.map((c: { field: string }) => c.field)).toEqual([
      'template',
      'params.temperature',
    ]);
    expect(res.body.changes[0].words).toContainEqual({ op: 'remove', text: 'helpful' });
    expect(res.body.changes[0].words).toContainEqual({ op: 'add', text: 'terse' });
    expect(res.body.changes[1]).toMatchObject({ before: null, after: 0.2 });
    expect(res.body.hunks).toHaveLength(1);
    const ops = res.body.hunks[0].lines.map((l: { op: string }) => l.op);
    expect(ops).toEqual(['equal', 'remove', 'add', 'equal']);
    // The same diff the other way round swaps the sides.
    const back = await call('GET', `/prompts/${enc(name)}/diff?from=2&to=1`, viewer);
    expect(back.body.changes[1]).toMatchObject({ before: 0.2, after: null });
  });

  it('aligns chat messages, so a message inserted first does not mark the others changed', async () => {
    const name = `review/chat${++promptSeq}`;
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Question: {{q}}' },
    ];
    expect((await call('POST', '/prompts', admin, { name, messages })).status).toBe(201);
    const v2 = await call('POST', `/prompts/${enc(name)}/versions`, admin, {
      messages: [{ role: 'system', content: 'Follow the policy.' }, ...messages],
      variables: [{ name: 'q', description: 'the question' }],
    });
    expect(v2.status).toBe(201);
    const res = await call('GET', `/prompts/${enc(name)}/diff?from=1&to=2`, admin);
    expect(res.body.changes).toEqual([
      { field: 'messages[0]', before: null, after: { role: 'system', content: 'Follow the policy.' } },
      {
        field: 'variables',
        before: [{ name: 'q' }],
        after: [{ name: 'q', description: 'the question' }],
      },
    ]);
    // The body gains one "## system" block of three lines; nothing is removed.
    const lines = res.body.hunks[0].lines as { op: string; text: string }[];
    expect(lines.filter((l) => l.op === 'remove')).toEqual([]);
    expect(
      lines
        .filter((l) => l.op === 'add')
        .map((l) => l.text)
        .sort(),
    ).toEqual(['', '## system', 'Follow the policy.']);
  });

  it('answers 404 for a missing version and for another organization', async () => {
    const name = await promptWith(['a', 'b']);
    expect((await call('GET', `/prompts/${enc(name)}/diff?from=1&to=9`, admin)).status).toBe(404);
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${enc(name)}/diff?from=1&to=2`,
      token: foreign.accessToken,
    });
    expect(res.status).toBe(404);
    expect((await call('GET', `/prompts/${enc(name)}/diff?from=0&to=2`, admin)).status).toBe(400);
  });
});

describe('no lost updates', () => {
  it('refuses a save based on a stale version with 409 and the newest version; nothing is written', async () => {
    const name = await promptWith(['one', 'two']);
    const stale = await call('POST', `/prompts/${enc(name)}/versions`, editor, {
      template: 'mine',
      baseVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ latestVersion: 2, errors: [{ path: 'baseVersion' }] });
    const versions = await call('GET', `/prompts/${enc(name)}/versions`, admin);
    expect(versions.body.items).toHaveLength(2);
    const fresh = await call('POST', `/prompts/${enc(name)}/versions`, editor, {
      template: 'mine',
      baseVersion: 2,
    });
    expect(fresh.status).toBe(201);
    expect(fresh.body.version).toBe(3);
  });

  it('lets exactly one of two concurrent saves from the same base win', async () => {
    const name = await promptWith(['base']);
    const [a, b] = await Promise.all(
      ['from editor', 'from editor2'].map((template, i) =>
        call('POST', `/prompts/${enc(name)}/versions`, i ? editor2 : editor, { template, baseVersion: 1 }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
  });
});

describe('rollback', () => {
  it("saves a new version with an old version's content and keeps the history", async () => {
    const name = await promptWith(['first {{x}}', 'second {{x}}']);
    const res = await call('POST', `/prompts/${enc(name)}/rollback`, editor, { version: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 3,
      template: 'first {{x}}',
      commitMessage: 'Roll back to version 1',
    });
    const versions = await call('GET', `/prompts/${enc(name)}/versions`, admin);
    expect(versions.body.items.map((v: { template: string }) => v.template)).toEqual([
      'first {{x}}',
      'second {{x}}',
      'first {{x}}',
    ]);
    expect(await auditCount('prompt.rolled_back', res.body.promptId)).toBe(1);
    const stale = await call('POST', `/prompts/${enc(name)}/rollback`, editor, {
      version: 2,
      baseVersion: 2,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.latestVersion).toBe(3);
    const missing = await call('POST', `/prompts/${enc(name)}/rollback`, editor, { version: 7 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('version');
    expect((await call('POST', `/prompts/${enc(name)}/rollback`, viewer, { version: 1 })).status).toBe(403);
  });
});

describe('protected labels and reviews', () => {
  beforeAll(async () => {
    await setSettings({ protectedLabels: ['production'], requiredApprovals: 1 });
  });

  it('settings: viewers read them, only admins change them, with field errors', async () => {
    const read = await call('GET', '/settings/review', viewer);
    expect(read.body).toEqual({
      protectedLabels: ['production'],
      requiredApprovals: 1,
      evaluationGate: null,
    });
    expect(
      (await call('PUT', '/settings/review', editor, { protectedLabels: [], requiredApprovals: 1 })).status,
    ).toBe(403);
    const bad = await call('PUT', '/settings/review', admin, {
      protectedLabels: ['Prod!'],
      requiredApprovals: 6,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'protectedLabels.0',
      'requiredApprovals',
    ]);
  });

  it('nobody moves a protected label directly: not admins, not API keys', async () => {
    const name = await promptWith(['a', 'b']);
    for (const token of [admin.accessToken, adminKey]) {
      const res = await api(s.app, {
        method: 'PUT',
        url: url(`/prompts/${enc(name)}/labels/production`),
        token,
        payload: { version: 2 },
      });
      expect(res.status).toBe(409);
      expect(res.body.title).toBe('Review Required');
    }
    expect(await labelVersion(name, 'production')).toBeUndefined();
    // Other labels move as before.
    expect((await call('PUT', `/prompts/${enc(name)}/labels/staging`, editor, { version: 2 })).status).toBe(
      200,
    );
  });

  it('an experiment cannot promote its winner to a protected label; it keeps running', async () => {
    const name = await promptWith(['v1', 'v2']);
    const created = await call('POST', '/experiments', editor, {
      name: 'shorter',
      promptName: name,
      variants: [
        { name: 'a', version: 1, weight: 1 },
        { name: 'b', version: 2, weight: 1 },
      ],
      metric: { name: 'converted', kind: 'binary' },
    });
    expect(created.status).toBe(201);
    const id = created.body.experiment.id;
    const stop = await call('POST', `/experiments/${id}/stop`, editor, {
      promote: { variant: 'b', label: 'production' },
    });
    expect(stop.status).toBe(409);
    expect(stop.body.title).toBe('Review Required');
    const after = await call('GET', `/experiments/${id}`, editor);
    expect(after.body.experiment.status).toBe('running');
    expect(await labelVersion(name, 'production')).toBeUndefined();
  });

  it('a review merges on the approval of someone else: the label moves once, audited, with events', async () => {
    const name = await promptWith(['v1', 'v2']);
    const opened = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
      version: 2,
      label: 'production',
      description: 'Shorter answers',
    });
    expect(opened.status).toBe(201);
    const review = opened.body;
    expect(review).toMatchObject({
      status: 'open',
      version: 2,
      label: 'production',
      baseVersion: null,
      requiredApprovals: 1,
      mergeable: false,
      author: { id: editor.userId, apiKeyName: null },
      gate: null,
    });
    const again = await call('POST', `/prompts/${enc(name)}/reviews`, editor2, {
      version: 2,
      label: 'production',
    });
    expect(again.status).toBe(409);

    const own = await call('POST', `/reviews/${review.id}/approve`, editor, {});
    expect(own.status).toBe(403);
    const byKey = await api(s.app, {
      method: 'POST',
      url: url(`/reviews/${review.id}/approve`),
      token: adminKey,
      payload: {},
    });
    expect(byKey.status).toBe(403);
    expect((await call('POST', `/reviews/${review.id}/approve`, viewer, {})).status).toBe(403);

    const approved = await call('POST', `/reviews/${review.id}/approve`, editor2, { comment: 'LGTM' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('merged');
    expect(approved.body.approvals).toMatchObject([{ user: { id: editor2.userId }, comment: 'LGTM' }]);
    expect(approved.body.activity.map((a: { kind: string }) => a.kind)).toEqual([
      'opened',
      'approved',
      'merged',
    ]);
    expect(await labelVersion(name, 'production')).toBe(2);
    expect(await auditCount('prompt.label_moved', review.promptId)).toBe(1);
    expect(await auditCount('review.merged', review.id)).toBe(1);
    const events = await sql<{ type: string }>(
      s.ctx,
      `SELECT type FROM outbox WHERE org_id = $1 AND payload->>'reviewId' = $2 ORDER BY id`,
      [admin.orgId, review.id],
    );
    expect(events.map((e) => e.type)).toEqual(['review.opened', 'review.merged']);
    expect((await call('POST', `/reviews/${review.id}/approve`, admin, {})).status).toBe(409);
  });

  it('two approvers at once: the label moves once and one merge is recorded', async () => {
    const name = await promptWith(['v1', 'v2']);
    const { body: review } = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
      version: 2,
      label: 'production',
    });
    const results = await Promise.all(
      [editor2, admin].map((u) => call('POST', `/reviews/${review.id}/approve`, u, {})),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await labelVersion(name, 'production')).toBe(2);
    expect(await auditCount('prompt.label_moved', review.promptId)).toBe(1);
    expect(await auditCount('review.merged', review.id)).toBe(1);
  });

  it('with two required approvals, the second distinct approver merges; repeating an approval is 409', async () => {
    await setSettings({ protectedLabels: ['production'], requiredApprovals: 2 });
    try {
      const name = await promptWith(['v1', 'v2']);
      const { body: review } = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
        version: 2,
        label: 'production',
      });
      expect(review.requiredApprovals).toBe(2);
      const first = await call('POST', `/reviews/${review.id}/approve`, editor2, {});
      expect(first.body).toMatchObject({ status: 'open', mergeable: false });
      expect((await call('POST', `/reviews/${review.id}/approve`, editor2, {})).status).toBe(409);
      const early = await call('POST', `/reviews/${review.id}/merge`, editor, {});
      expect(early.status).toBe(409);
      expect(early.body.detail).toMatch(/1 more approval needed/);
      expect(await labelVersion(name, 'production')).toBeUndefined();
      const second = await call('POST', `/reviews/${review.id}/approve`, admin, {});
      expect(second.body.status).toBe('merged');
      expect(await labelVersion(name, 'production')).toBe(2);
    } finally {
      await setSettings({ protectedLabels: ['production'], requiredApprovals: 1 });
    }
  });

  it('reject, comment, re-request and close', async () => {
    const name = await promptWith(['v1', 'v2']);
    const { body: review } = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
      version: 2,
      label: 'production',
    });
    const comment = await call('POST', `/reviews/${review.id}/comments`, viewer, { body: 'why?' });
    expect(comment.status).toBe(403);
    expect((await call('POST', `/reviews/${review.id}/comments`, editor2, { body: '  ' })).status).toBe(400);
    expect(
      (await call('POST', `/reviews/${review.id}/comments`, editor2, { body: 'Why shorter?' })).status,
    ).toBe(201);
    expect((await call('POST', `/reviews/${review.id}/reject`, editor, {})).status).toBe(403);
    const rejected = await call('POST', `/reviews/${review.id}/reject`, editor2, { comment: 'Too terse' });
    expect(rejected.body.status).toBe('rejected');
    expect((await call('POST', `/reviews/${review.id}/approve`, admin, {})).status).toBe(409);
    const list = await call('GET', `/reviews?status=rejected&promptName=${enc(name)}`, viewer);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([review.id]);

    const reopened = await call('POST', `/reviews/${review.id}/rerequest`, editor, {});
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.activity.map((a: { kind: string }) => a.kind)).toEqual([
      'opened',
      'commented',
      'rejected',
      'rerequested',
    ]);
    expect((await call('POST', `/reviews/${review.id}/close`, editor2, {})).status).toBe(403);
    const closed = await call('POST', `/reviews/${review.id}/close`, editor, {});
    expect(closed.body.status).toBe('closed');
    expect(await labelVersion(name, 'production')).toBeUndefined();
  });

  it('lists reviews page by page and hides them from other organizations', async () => {
    const name = await promptWith(['v1', 'v2', 'v3']);
    for (const version of [2, 3])
      expect(
        (await call('POST', `/prompts/${enc(name)}/reviews`, editor, { version, label: 'production' }))
          .status,
      ).toBe(201);
    const page1 = await call('GET', `/reviews?promptName=${enc(name)}&limit=1`, viewer);
    expect(page1.body.items[0].version).toBe(3);
    const page2 = await call(
      'GET',
      `/reviews?promptName=${enc(name)}&limit=1&cursor=${page1.body.nextCursor}`,
      viewer,
    );
    expect(page2.body.items[0].version).toBe(2);
    expect(page2.body.nextCursor).toBeNull();
    const theirs = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${foreign.orgId}/reviews/${page1.body.items[0].id}`,
      token: foreign.accessToken,
    });
    expect(theirs.status).toBe(404);
    const bad = await call('GET', `/prompts/${enc(name)}/reviews`, editor);
    expect(bad.status).toBe(404);
    const invalid = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
      version: 9,
      label: 'production',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].path).toBe('version');
  });

  it('an API key may open a review, which shows the key as its author', async () => {
    const name = await promptWith(['v1', 'v2']);
    const editorKey = await apiKey(s.app, admin, 'editor');
    const res = await api(s.app, {
      method: 'POST',
      url: url(`/prompts/${enc(name)}/reviews`),
      token: editorKey,
      payload: { version: 2, label: 'production' },
    });
    expect(res.status).toBe(201);
    expect(res.body.author).toMatchObject({ id: null, apiKeyName: expect.any(String) });
  });
});

describe('the evaluation gate', () => {
  let datasetId: string;
  let modelId: string;

  beforeAll(async () => {
    modelId = await builtInMockModelId(s.app, admin);
    const ds = await call('POST', '/datasets', admin, { name: 'gate set' });
    datasetId = ds.body.dataset.id;
    const items = await call('POST', `/datasets/${datasetId}/items`, admin, {
      items: [
        { input: { q: 'capital of France' }, expected: 'Paris' },
        { input: { q: 'two plus two' }, expected: '4' },
      ],
    });
    expect(items.status).toBe(201);
  });
  afterAll(async () => {
    await setSettings({ protectedLabels: ['production'], requiredApprovals: 1, evaluationGate: null });
  });

  const gateWith = (thresholds: unknown[]) => ({
    protectedLabels: ['production'],
    requiredApprovals: 1,
    evaluationGate: {
      datasetId,
      modelId,
      evaluators: [{ type: 'exact-match' }, { type: 'latency' }],
      thresholds,
    },
  });

  async function gateSettled(id: string) {
    return eventually(
      'the gate evaluation to finish',
      async () => {
        const res = await call('GET', `/reviews/${id}`, admin);
        return res.body.gate.status === 'passed' || res.body.gate.status === 'failed' ? res.body : undefined;
      },
      30_000,
    );
  }

  it('refuses a threshold on a score no evaluator writes and an unknown dataset', async () => {
    const res = await call('PUT', '/settings/review', admin, {
      ...gateWith([{ score: 'bleu', min: 0.5 }]),
      evaluationGate: {
        ...gateWith([]).evaluationGate,
        datasetId: crypto.randomUUID(),
        thresholds: [{ score: 'bleu', min: 1 }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'evaluationGate.datasetId',
      'evaluationGate.thresholds[0].score',
    ]);
  });

  it('runs when the review opens; approval waits for it; a passing gate lets the review merge', async () => {
    await setSettings(gateWith([{ score: 'latency_ms', max: 60_000 }]));
    const name = await promptWith(['Answer: {{q}}', 'Answer briefly: {{q}}']);
    const { body: review } = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
      version: 2,
      label: 'production',
    });
    expect(review.gate).toMatchObject({ status: 'running', evaluationId: expect.any(String) });
    const settled = await gateSettled(review.id);
    expect(settled.gate).toMatchObject({
      status: 'passed',
      thresholds: [{ score: 'latency_ms', passed: true }],
    });
    const approved = await call('POST', `/reviews/${review.id}/approve`, editor2, {});
    expect(approved.body.status).toBe('merged');
    expect(await labelVersion(name, 'production')).toBe(2);
  });

  it('a failing gate blocks the merge even with approvals', async () => {
    await setSettings(gateWith([{ score: 'exact_match', min: 1 }]));
    const name = await promptWith(['Answer: {{q}}', 'Answer briefly: {{q}}']);
    const { body: review } = await call('POST', `/prompts/${enc(name)}/reviews`, editor, {
      version: 2,
      label: 'production',
    });
    const approved = await call('POST', `/reviews/${review.id}/approve`, editor2, {});
    expect(approved.body).toMatchObject({ status: 'open', mergeable: false });
    const settled = await gateSettled(review.id);
    expect(settled.gate).toMatchObject({
      status: 'failed',
      thresholds: [{ score: 'exact_match', min: 1, passed: false }],
    });
    const merge = await call('POST', `/reviews/${review.id}/merge`, editor, {});
    expect(merge.status).toBe(409);
    expect(await labelVersion(name, 'production')).toBeUndefined();
  });
});
