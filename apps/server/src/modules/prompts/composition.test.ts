import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import { startBackgroundWork } from '../../background.js';
import {
  api,
  eventually,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
let mock: MockLlmServer;

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, key: 'sk-mock-compose-1234', chunkGapMs: 0, replyWords: 4 });
  s = await startTestServer({ JOBS_POLL_INTERVAL_MS: '50' });
}, 60_000);
afterAll(async () => {
  await s?.close();
  await mock?.close();
});

const base = (orgId: string) => `/api/v1/orgs/${orgId}`;
const enc = encodeURIComponent;

function createPrompt(u: Session, payload: Record<string, unknown>) {
  return api(s.app, { method: 'POST', url: `${base(u.orgId)}/prompts`, token: u.accessToken, payload });
}
function addVersion(u: Session, name: string, payload: Record<string, unknown>) {
  return api(s.app, {
    method: 'POST',
    url: `${base(u.orgId)}/prompts/${enc(name)}/versions`,
    token: u.accessToken,
    payload,
  });
}
function getPrompt(u: Session, name: string, query = '', token = u.accessToken) {
  return api(s.app, { method: 'GET', url: `${base(u.orgId)}/prompts/${enc(name)}${query}`, token });
}
function moveLabel(u: Session, name: string, label: string, version: number) {
  return api(s.app, {
    method: 'PUT',
    url: `${base(u.orgId)}/prompts/${enc(name)}/labels/${label}`,
    token: u.accessToken,
    payload: { version },
  });
}
function usedBy(u: Session, name: string, token = u.accessToken) {
  return api(s.app, { method: 'GET', url: `${base(u.orgId)}/prompts/${enc(name)}/used-by`, token });
}
async function must(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function includeRows(orgId: string) {
  return sql<{ name: string; version: number; target_name: string; reference: string }>(
    s.ctx,
    `SELECT p.name, i.version, i.target_name, i.reference FROM prompt_includes i
       JOIN prompts p ON p.id = i.prompt_id WHERE i.org_id = $1 ORDER BY p.name, i.version, i.reference`,
    [orgId],
  );
}
async function versionCount(orgId: string, name: string) {
  const [row] = await sql<{ n: number }>(
    s.ctx,
    `SELECT count(*)::int AS n FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id
      WHERE p.org_id = $1 AND p.name = $2`,
    [orgId, name],
  );
  return row!.n;
}

/** A model of an OpenAI-compatible provider pointed at the simulator. */
async function mockModel(u: Session): Promise<string> {
  const provider = await must(
    api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/providers`,
      token: u.accessToken,
      payload: {
        name: 'Simulator',
        type: 'openai-compatible',
        baseUrl: `${mock.url}/v1`,
        apiKey: 'sk-mock-compose-1234',
      },
    }),
  );
  const model = await must(
    api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/models`,
      token: u.accessToken,
      payload: {
        providerId: provider.id,
        name: 'gpt-4o-mini',
        inputPricePerMTok: '0.15',
        outputPricePerMTok: '0.6',
      },
    }),
  );
  return model.id;
}

/** shared/tone (with a default), shared/sig labelled production, and a chat prompt including both. */
async function composedSetup(u: Session) {
  await must(
    createPrompt(u, {
      name: 'shared/tone',
      template: 'Be {{style}}.',
      variables: [{ name: 'style', default: 'kind', description: 'How to sound' }],
    }),
  );
  await must(createPrompt(u, { name: 'shared/sig', template: '— {{team}} (v1)' }));
  await must(addVersion(u, 'shared/sig', { template: '— {{team}} (v2)' }));
  await must(moveLabel(u, 'shared/sig', 'production', 1), 200);
  return must(
    createPrompt(u, {
      name: 'support/reply',
      messages: [
        { role: 'system', content: 'You help. {{> shared/tone}} Sign: {{> shared/sig@production}}' },
        { role: 'user', content: 'Q: {{question}} {{> shared/sig#2}}' },
      ],
    }),
  );
}

describe('saving a prompt that includes others', () => {
  it('records each include; the version keeps its text as written and only its own variables', async () => {
    const u = await signup(s.app);
    const reply = await composedSetup(u);
    expect(reply.messages[0].content).toBe('You help. {{> shared/tone}} Sign: {{> shared/sig@production}}');
    expect(reply.variables).toEqual([{ name: 'question' }]);
    expect(await includeRows(u.orgId)).toEqual([
      { name: 'support/reply', version: 1, target_name: 'shared/sig', reference: '{{> shared/sig#2}}' },
      {
        name: 'support/reply',
        version: 1,
        target_name: 'shared/sig',
        reference: '{{> shared/sig@production}}',
      },
      { name: 'support/reply', version: 1, target_name: 'shared/tone', reference: '{{> shared/tone}}' },
    ]);
  });

  it('refuses includes of a missing prompt, label or version, a chat prompt, or a malformed tag, naming each field', async () => {
    const u = await signup(s.app);
    await must(createPrompt(u, { name: 'tone', template: 'Be kind.' }));
    await must(createPrompt(u, { name: 'chatty', messages: [{ role: 'user', content: 'hi' }] }));
    const res = await createPrompt(u, {
      name: 'broken',
      messages: [
        { role: 'system', content: '{{> nope}} {{> tone@production}}' },
        { role: 'user', content: '{{> tone#7}} {{> chatty}} {{> tone@Bad}}' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { path: 'messages.0.content', message: '{{> nope}}: no prompt is named "nope"' },
      { path: 'messages.0.content', message: '{{> tone@production}}: "tone" has no label "production"' },
      { path: 'messages.1.content', message: '{{> tone#7}}: "tone" has no version 7 (latest is 1)' },
      {
        path: 'messages.1.content',
        message: '{{> chatty}}: "chatty" is a chat prompt; only text prompts can be included',
      },
      {
        path: 'messages.1.content',
        message:
          '{{> tone@Bad}} is not a valid include: use {{> name}}, {{> name@label}} or {{> name#version}}',
      },
    ]);
    // Nothing was stored: the whole save rolled back.
    const [row] = await sql<{ n: number }>(
      s.ctx,
      'SELECT count(*)::int AS n FROM prompts WHERE org_id = $1',
      [u.orgId],
    );
    expect(row!.n).toBe(2);
    expect(await includeRows(u.orgId)).toEqual([]);
  });

  it('never resolves an include to another organization’s prompt', async () => {
    const a = await signup(s.app);
    const b = await signup(s.app);
    await must(createPrompt(a, { name: 'secret/tone', template: 'A only' }));
    const res = await createPrompt(b, { name: 'x', template: '{{> secret/tone}}' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'template', message: '{{> secret/tone}}: no prompt is named "secret/tone"' },
    ]);
  });

  it('refuses a prompt that includes itself', async () => {
    const u = await signup(s.app);
    const res = await createPrompt(u, { name: 'loop', template: 'Again: {{> loop}}' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'template', message: 'Include cycle: this prompt → {{> loop}}' },
    ]);
    await must(createPrompt(u, { name: 'loop2', template: 'plain' }));
    const again = await addVersion(u, 'loop2', { template: 'Again: {{> loop2@latest}}' });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].message).toBe('Include cycle: this prompt → {{> loop2}}');
    // An older version of itself is a different text, not a cycle.
    const older = await addVersion(u, 'loop2', { template: 'Before: {{> loop2#1}}' });
    expect(older.status).toBe(201);
    expect(await versionCount(u.orgId, 'loop2')).toBe(2);
  });

  it('refuses a two-step cycle (A includes B includes A) and keeps the newest version as it was', async () => {
    const u = await signup(s.app);
    await must(createPrompt(u, { name: 'a', template: 'A1' }));
    await must(createPrompt(u, { name: 'b', template: 'B includes {{> a}}' }));
    const res = await addVersion(u, 'a', { template: 'A2 includes {{>b}}' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'template', message: 'Include cycle: this prompt → {{> b}} → {{> a}}' },
    ]);
    expect((await getPrompt(u, 'a')).body).toMatchObject({ version: 1, template: 'A1' });
    expect(await includeRows(u.orgId)).toEqual([
      { name: 'b', version: 1, target_name: 'a', reference: '{{> a}}' },
    ]);
  });

  it('refuses a cycle through a label, as the label points now', async () => {
    const u = await signup(s.app);
    await must(createPrompt(u, { name: 'p', template: 'P1' }));
    await must(createPrompt(u, { name: 'q', template: 'Q1' }));
    await must(addVersion(u, 'q', { template: 'Q2 includes {{> p}}' }));
    await must(moveLabel(u, 'q', 'production', 2), 200);
    const res = await addVersion(u, 'p', { template: 'P2 {{> q@production}}' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('Include cycle: this prompt → {{> q@production}} → {{> p}}');
    // Pointing the label elsewhere first makes the same save valid.
    await must(moveLabel(u, 'q', 'production', 1), 200);
    expect((await addVersion(u, 'p', { template: 'P2 {{> q@production}}' })).status).toBe(201);
  });

  it('checks and records the includes of a rollback like any other new version', async () => {
    const u = await signup(s.app);
    const rollback = (name: string, version: number) =>
      api(s.app, {
        method: 'POST',
        url: `${base(u.orgId)}/prompts/${enc(name)}/rollback`,
        token: u.accessToken,
        payload: { version },
      });
    await must(createPrompt(u, { name: 'b', template: 'B1' }));
    await must(createPrompt(u, { name: 'a', template: 'A1 {{> b}}' }));
    await must(addVersion(u, 'a', { template: 'A2' }));
    await must(addVersion(u, 'b', { template: 'B2 {{> a}}' }));
    // a v1's content as a v3 would include b, whose newest version includes a's newest: a cycle.
    const res = await rollback('a', 1);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'template', message: 'Include cycle: this prompt → {{> b}} → {{> a}}' },
    ]);
    expect(await versionCount(u.orgId, 'a')).toBe(2);
    await must(addVersion(u, 'b', { template: 'B3' }));
    expect((await rollback('a', 1)).status).toBe(201);
    expect((await usedBy(u, 'b')).body.items).toEqual([
      { name: 'a', version: 3, labels: ['latest'], reference: '{{> b}}' },
    ]);
  });

  it('refuses nesting deeper than 10 levels', async () => {
    const u = await signup(s.app);
    await must(createPrompt(u, { name: 'd11', template: 'end' }));
    for (let i = 10; i >= 1; i--) await must(createPrompt(u, { name: `d${i}`, template: `{{> d${i + 1}}}` }));
    const res = await createPrompt(u, { name: 'd0', template: 'top {{> d1}}' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ path: 'template' });
    expect(res.body.errors[0].message).toMatch(
      /^Includes would nest deeper than 10 levels: this prompt → \{\{> d1\}\}/,
    );
  });

  it('imports prompts that include each other in any order, and checks their includes', async () => {
    const u = await signup(s.app);
    const doc = (aTemplate: string) => ({
      format: 'promptops.prompts/v1',
      prompts: [
        { name: 'a-main', type: 'text', versions: [{ version: 1, template: aTemplate }] },
        { name: 'z-part', type: 'text', versions: [{ version: 1, template: 'part' }] },
      ],
    });
    const imported = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/prompts-import`,
      token: u.accessToken,
      payload: doc('main {{> z-part}}'),
    });
    expect(imported.status).toBe(200);
    expect(await includeRows(u.orgId)).toEqual([
      { name: 'a-main', version: 1, target_name: 'z-part', reference: '{{> z-part}}' },
    ]);
    const bad = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/prompts-import`,
      token: u.accessToken,
      payload: doc('main {{> z-part@gone}}'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'prompts.0.versions.0.template', message: '{{> z-part@gone}}: "z-part" has no label "gone"' },
    ]);
    expect(await versionCount(u.orgId, 'a-main')).toBe(1);
  });
});

describe('running and fetching a composed prompt', () => {
  it('sends the expanded prompt to the model, with the included prompts’ variables and defaults', async () => {
    const u = await signup(s.app);
    const modelId = await mockModel(u);
    await composedSetup(u);
    mock.reset();
    const res = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/executions`,
      token: u.accessToken,
      payload: { prompt: { name: 'support/reply' }, modelId, variables: { question: 'Why?', team: 'Ops' } },
    });
    expect(res.status).toBe(201);
    const sent = mock.requests(1)[0]!.body as { messages: { role: string; content: string }[] };
    expect(sent.messages).toEqual([
      { role: 'system', content: 'You help. Be kind. Sign: — Ops (v1)' },
      { role: 'user', content: 'Q: Why? — Ops (v2)' },
    ]);
    expect(res.body.execution.input.messages).toEqual(sent.messages);
    expect(res.body.execution).toMatchObject({ promptName: 'support/reply', promptVersion: 1 });
    // A missing variable of an included prompt is reported like the prompt's own.
    const missing = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/executions`,
      token: u.accessToken,
      payload: { prompt: { name: 'support/reply' }, modelId, variables: { question: 'Why?' } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'variables.team', message: 'Missing value for {{team}}' }]);
  });

  it('expands includes in the variants of an evaluation', async () => {
    const u = await signup(s.app);
    const modelId = await mockModel(u);
    await composedSetup(u);
    const ds = await must(
      api(s.app, {
        method: 'POST',
        url: `${base(u.orgId)}/datasets`,
        token: u.accessToken,
        payload: { name: 'qs' },
      }),
    );
    await must(
      api(s.app, {
        method: 'POST',
        url: `${base(u.orgId)}/datasets/${ds.dataset.id}/items`,
        token: u.accessToken,
        payload: { items: [{ input: { question: 'Where?', team: 'Desk' } }] },
      }),
    );
    const created = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/evaluations`,
      token: u.accessToken,
      payload: {
        datasetId: ds.dataset.id,
        variants: [{ prompt: { name: 'support/reply' }, modelId }],
        evaluators: [{ type: 'latency' }],
      },
    });
    expect(created.status).toBe(202);
    const id = created.body.evaluation.id;
    // Only this test runs the job workers: elsewhere the cache tests expect no late events.
    const bg = startBackgroundWork(s.ctx);
    onTestFinished(() => bg.close());
    await eventually('the evaluation to end', async () => {
      const res = await api(s.app, {
        method: 'GET',
        url: `${base(u.orgId)}/evaluations/${id}`,
        token: u.accessToken,
      });
      return res.body.evaluation.status === 'succeeded' || undefined;
    });
    const results = await api(s.app, {
      method: 'GET',
      url: `${base(u.orgId)}/evaluations/${id}/results`,
      token: u.accessToken,
    });
    const run = await api(s.app, {
      method: 'GET',
      url: `${base(u.orgId)}/executions/${results.body.items[0].executionId}`,
      token: u.accessToken,
    });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.execution.input.messages).toEqual([
      { role: 'system', content: 'You help. Be kind. Sign: — Desk (v1)' },
      { role: 'user', content: 'Q: Where? — Desk (v2)' },
    ]);
  });

  it('expands includes in an unsaved draft run too', async () => {
    const u = await signup(s.app);
    const modelId = await mockModel(u);
    await must(createPrompt(u, { name: 'greet', template: 'Hello {{who}}' }));
    mock.reset();
    const res = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/executions`,
      token: u.accessToken,
      payload: { template: '{{> greet}}! \\{{> greet}}', modelId, variables: { who: 'Ann' } },
    });
    expect(res.status).toBe(201);
    expect((mock.requests(1)[0]!.body as any).messages).toEqual([
      { role: 'user', content: 'Hello Ann! {{> greet}}' },
    ]);
    // The run keeps the template as written, so it can be reopened with its include.
    expect(res.body.execution.input.source).toEqual({ template: '{{> greet}}! \\{{> greet}}' });
  });

  it('answers ?resolve=true with the composed body and its variables; without it, the text as written', async () => {
    const u = await signup(s.app);
    await composedSetup(u);
    const viewer = await memberWithRole(s.app, u, 'viewer');
    const resolved = await getPrompt(u, 'support/reply', '?resolve=true', viewer.accessToken);
    expect(resolved.status).toBe(200);
    expect(resolved.body.messages).toEqual([
      { role: 'system', content: 'You help. Be {{style}}. Sign: — {{team}} (v1)' },
      { role: 'user', content: 'Q: {{question}} — {{team}} (v2)' },
    ]);
    expect(resolved.body.variables).toEqual([
      { name: 'style', default: 'kind', description: 'How to sound' },
      { name: 'team' },
      { name: 'question' },
    ]);
    const plain = await getPrompt(u, 'support/reply', '?resolve=false');
    expect(plain.body.messages[0].content).toBe(
      'You help. {{> shared/tone}} Sign: {{> shared/sig@production}}',
    );
    expect(plain.body.variables).toEqual([{ name: 'question' }]);
  });

  it('drops cached resolved bodies when an included prompt changes (new version or moved label)', async () => {
    const u = await signup(s.app);
    await composedSetup(u);
    const system = async () =>
      (await getPrompt(u, 'support/reply', '?resolve=true')).body.messages[0].content;
    expect(await system()).toBe('You help. Be {{style}}. Sign: — {{team}} (v1)');
    // Served from the cache now: a row changed behind the API's back is not seen…
    await sql(
      s.ctx,
      "UPDATE prompts SET description = 'touched' WHERE org_id = $1 AND name = 'support/reply'",
      [u.orgId],
    );
    expect((await getPrompt(u, 'support/reply', '?resolve=true')).body.description).toBeNull();
    // …but a new version of an included prompt is.
    await must(addVersion(u, 'shared/tone', { template: 'Be {{style}} and brief.' }));
    expect(await system()).toBe('You help. Be {{style}} and brief. Sign: — {{team}} (v1)');
    await must(moveLabel(u, 'shared/sig', 'production', 2), 200);
    expect(await system()).toBe('You help. Be {{style}} and brief. Sign: — {{team}} (v2)');
  });

  it('refuses a label move that would close a cycle, and still guards runs against one', async () => {
    const u = await signup(s.app);
    const modelId = await mockModel(u);
    await must(createPrompt(u, { name: 'r', template: 'R1' }));
    await must(moveLabel(u, 'r', 'production', 1), 200);
    await must(createPrompt(u, { name: 'm', template: 'M {{> r@production}}' }));
    // r v2 includes m, which includes r@production = r v1: no cycle yet.
    await must(addVersion(u, 'r', { template: 'R2 {{> m}}' }));
    const move = await moveLabel(u, 'r', 'production', 2);
    expect(move.status).toBe(400);
    expect(move.body.errors).toEqual([
      {
        path: 'version',
        message:
          'Moving production to version 2 would close an include cycle: {{> r#2}} → {{> m}} → {{> r@production}}',
      },
    ]);
    const [label] = await sql<{ version: number }>(
      s.ctx,
      `SELECT l.version FROM prompt_labels l JOIN prompts p ON p.id = l.prompt_id
        WHERE p.org_id = $1 AND p.name = 'r' AND l.label = 'production'`,
      [u.orgId],
    );
    expect(label!.version).toBe(1);
    // A cycle that got into the data anyway (written behind the API's back) fails the run, not the server.
    await sql(
      s.ctx,
      `UPDATE prompt_labels SET version = 2 FROM prompts p
        WHERE p.id = prompt_labels.prompt_id AND p.org_id = $1 AND p.name = 'r' AND prompt_labels.label = 'production'`,
      [u.orgId],
    );
    const res = await api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/executions`,
      token: u.accessToken,
      payload: { prompt: { name: 'm' }, modelId, variables: {} },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'template', message: 'Include cycle: this prompt → {{> r@production}} → {{> m}}' },
    ]);
    expect((await getPrompt(u, 'm', '?resolve=true')).status).toBe(400);
  });
});

describe('used by', () => {
  it('lists prompts whose newest or labelled versions include the prompt, with labels and references', async () => {
    const u = await signup(s.app);
    await composedSetup(u);
    // An old, unlabelled version that included shared/tone does not count once a newer one doesn't.
    await must(createPrompt(u, { name: 'old/user', template: '{{> shared/tone}}' }));
    await must(addVersion(u, 'old/user', { template: 'no include' }));
    await must(createPrompt(u, { name: 'pinned', template: 'v1 {{> shared/tone#1}}' }));
    await must(moveLabel(u, 'pinned', 'production', 1), 200);
    await must(addVersion(u, 'pinned', { template: 'v2 {{> shared/tone}}' }));
    const viewer = await memberWithRole(s.app, u, 'viewer');
    const res = await usedBy(u, 'shared/tone', viewer.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { name: 'pinned', version: 1, labels: ['production'], reference: '{{> shared/tone#1}}' },
      { name: 'pinned', version: 2, labels: ['latest'], reference: '{{> shared/tone}}' },
      { name: 'support/reply', version: 1, labels: ['latest'], reference: '{{> shared/tone}}' },
    ]);
    expect((await usedBy(u, 'support/reply')).body.items).toEqual([]);
  });

  it('is 404 for an unknown prompt or another organization’s', async () => {
    const u = await signup(s.app);
    const other = await signup(s.app);
    await must(createPrompt(u, { name: 'mine', template: 'x' }));
    expect((await usedBy(u, 'nope')).status).toBe(404);
    const foreign = await api(s.app, {
      method: 'GET',
      url: `${base(u.orgId)}/prompts/mine/used-by`,
      token: other.accessToken,
    });
    expect(foreign.status).toBe(404);
  });
});
