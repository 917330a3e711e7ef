import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiKey,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

const base = (orgId: string) => `/api/v1/orgs/${orgId}`;
const enc = encodeURIComponent;

function createPrompt(u: Session, payload: Record<string, unknown>, token = u.accessToken) {
  return api(s.app, { method: 'POST', url: `${base(u.orgId)}/prompts`, token, payload });
}
function addVersion(u: Session, name: string, payload: Record<string, unknown>, token = u.accessToken) {
  return api(s.app, {
    method: 'POST',
    url: `${base(u.orgId)}/prompts/${enc(name)}/versions`,
    token,
    payload,
  });
}
function getPrompt(u: Session, name: string, query = '', token = u.accessToken) {
  return api(s.app, { method: 'GET', url: `${base(u.orgId)}/prompts/${enc(name)}${query}`, token });
}
function moveLabel(u: Session, name: string, label: string, version: number, token = u.accessToken) {
  return api(s.app, {
    method: 'PUT',
    url: `${base(u.orgId)}/prompts/${enc(name)}/labels/${label}`,
    token,
    payload: { version },
  });
}
function importDoc(u: Session, body: string, contentType: string, query = '', token = u.accessToken) {
  return api(s.app, {
    method: 'POST',
    url: `${base(u.orgId)}/prompts-import${query}`,
    token,
    payload: body,
    headers: { 'content-type': contentType },
  });
}
async function countRows(orgId: string) {
  const [row] = await sql<{ prompts: number; versions: number; labels: number; audits: number }>(
    s.ctx,
    `SELECT (SELECT count(*)::int FROM prompts WHERE org_id = $1) AS prompts,
            (SELECT count(*)::int FROM prompt_versions WHERE org_id = $1) AS versions,
            (SELECT count(*)::int FROM prompt_labels WHERE org_id = $1) AS labels,
            (SELECT count(*)::int FROM audit_events WHERE org_id = $1 AND action LIKE 'prompt.%') AS audits`,
    [orgId],
  );
  return row!;
}
async function audits(orgId: string, action: string) {
  return sql<{ actor_type: string; actor_id: string; resource_id: string; details: Record<string, unknown> }>(
    s.ctx,
    'SELECT actor_type, actor_id, resource_id, details FROM audit_events WHERE org_id = $1 AND action = $2 ORDER BY seq',
    [orgId, action],
  );
}
async function addModel(orgId: string, name = 'gpt-4o-mini'): Promise<string> {
  const [provider] = await sql<{ id: string }>(
    s.ctx,
    "INSERT INTO providers (org_id, name, type) VALUES ($1, $2, 'mock') RETURNING id",
    [orgId, `mock-${Math.random().toString(36).slice(2, 8)}`],
  );
  const [model] = await sql<{ id: string }>(
    s.ctx,
    `INSERT INTO models (org_id, provider_id, name, display_name, input_price_per_mtok, output_price_per_mtok)
     VALUES ($1, $2, $3, $3, '0.15', '0.6') RETURNING id`,
    [orgId, provider!.id, name],
  );
  return model!.id;
}

describe('creating prompts', () => {
  it('creates a text prompt as version 1 with its variables detected and declared metadata merged', async () => {
    const u = await signup(s.app);
    const modelId = await addModel(u.orgId);
    const res = await createPrompt(u, {
      name: 'greeting',
      description: 'Says hello',
      template: 'Hello {{ name }}, welcome to {{place}}. Bye {{name}}. Literal: \\{{not_a_var}}',
      variables: [{ name: 'place', default: 'PromptOps', description: 'Where' }],
      modelId,
      params: { temperature: 0.2, maxTokens: 100, topP: 0.9, stop: ['\n\n'] },
      commitMessage: 'first draft',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'greeting',
      description: 'Says hello',
      type: 'text',
      version: 1,
      variables: [{ name: 'name' }, { name: 'place', default: 'PromptOps', description: 'Where' }],
      modelId,
      params: { temperature: 0.2, maxTokens: 100, topP: 0.9, stop: ['\n\n'] },
      commitMessage: 'first draft',
      labels: ['latest'],
      createdBy: { id: u.userId, email: u.email, apiKeyName: null },
      messages: null,
    });
    const [row] = await sql<{ version: number; variables: unknown; created_by: string }>(
      s.ctx,
      'SELECT version, variables, created_by FROM prompt_versions WHERE id = $1',
      [res.body.id],
    );
    expect(row).toEqual({ version: 1, variables: res.body.variables, created_by: u.userId });
    const [event] = await audits(u.orgId, 'prompt.created');
    expect(event).toMatchObject({ actor_id: u.userId, resource_id: res.body.promptId });
    expect(event!.details).toMatchObject({ name: 'greeting', type: 'text', version: 1 });
  });

  it('creates a chat prompt (type inferred from messages) with variables across messages', async () => {
    const u = await signup(s.app);
    const res = await createPrompt(u, {
      name: 'support/email/reply',
      messages: [
        { role: 'system', content: 'You are {{persona}}.' },
        { role: 'user', content: 'Customer {{customer}} asks: {{question}} ({{persona}})' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.type).toBe('chat');
    expect(res.body.template).toBeNull();
    expect(res.body.variables.map((v: { name: string }) => v.name)).toEqual([
      'persona',
      'customer',
      'question',
    ]);
    expect(res.body.params).toEqual({});
  });

  it('rejects bad bodies with field paths and writes nothing', async () => {
    const u = await signup(s.app);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', template: 'Hi {{a}}', variables: [{ name: 'ghost' }] }, 'variables.0.name'],
      [{ name: 'x', type: 'chat', template: 'Hi' }, 'messages'],
      [{ name: 'x', type: 'text', messages: [{ role: 'user', content: 'Hi' }] }, 'template'],
      [{ name: 'bad name!', template: 'Hi' }, 'name'],
      [{ name: '/leading', template: 'Hi' }, 'name'],
      [{ name: 'x', template: 'Hi', params: { temperature: 5 } }, 'params.temperature'],
      [{ name: 'x', template: 'Hi', modelId: '00000000-0000-4000-8000-000000000000' }, 'modelId'],
    ];
    for (const [payload, path] of cases) {
      const res = await createPrompt(u, payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await countRows(u.orgId)).toEqual({ prompts: 0, versions: 0, labels: 0, audits: 0 });
  });

  it("rejects another organization's model", async () => {
    const u = await signup(s.app);
    const other = await signup(s.app);
    const foreignModel = await addModel(other.orgId);
    const res = await createPrompt(u, { name: 'x', template: 'Hi', modelId: foreignModel });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'modelId', message: 'No such model in this organization' }]);
  });

  it('refuses a duplicate name with 409', async () => {
    const u = await signup(s.app);
    expect((await createPrompt(u, { name: 'dup', template: 'a' })).status).toBe(201);
    const again = await createPrompt(u, { name: 'dup', template: 'b' });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('name');
    expect((await countRows(u.orgId)).versions).toBe(1);
  });
});

describe('versions', () => {
  it('appends immutable, increasing versions and lists them newest first', async () => {
    const u = await signup(s.app);
    const v1 = await createPrompt(u, { name: 'summary', template: 'Summarise {{text}}' });
    const v2 = await addVersion(u, 'summary', {
      template: 'Summarise {{text}} in {{n}} words',
      commitMessage: 'word limit',
      description: 'Now with a limit',
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, commitMessage: 'word limit', labels: ['latest'] });
    expect(v2.body.description).toBe('Now with a limit');

    // v1 is untouched by v2.
    const old = await getPrompt(u, 'summary', '?version=1');
    expect(old.body).toMatchObject({ version: 1, template: 'Summarise {{text}}', labels: [] });
    expect(old.body.variables).toEqual([{ name: 'text' }]);
    expect(old.body.createdAt).toBe(v1.body.createdAt);

    const list = await api(s.app, {
      method: 'GET',
      url: `${base(u.orgId)}/prompts/summary/versions`,
      token: u.accessToken,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(list.body.items[0].labels).toEqual(['latest']);

    // There is no way to edit a version.
    const put = await api(s.app, {
      method: 'PUT',
      url: `${base(u.orgId)}/prompts/summary/versions/1`,
      token: u.accessToken,
      payload: { template: 'changed' },
    });
    expect(put.status).toBe(404);
    const patch = await api(s.app, {
      method: 'PATCH',
      url: `${base(u.orgId)}/prompts/summary`,
      token: u.accessToken,
      payload: { template: 'changed' },
    });
    expect(patch.status).toBe(404);
    const [row] = await sql<{ template: string }>(
      s.ctx,
      'SELECT template FROM prompt_versions WHERE id = $1',
      [v1.body.id],
    );
    expect(row!.template).toBe('Summarise {{text}}');
    expect(await audits(u.orgId, 'prompt.version_created')).toHaveLength(1);
  });

  it('gives concurrent saves distinct consecutive numbers (no 500)', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'busy', template: 'v1' });
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => addVersion(u, 'busy', { template: `parallel ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5, 6]);
    const rows = await sql<{ version: number }>(
      s.ctx,
      'SELECT v.version FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id WHERE p.org_id = $1 ORDER BY 1',
      [u.orgId],
    );
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await getPrompt(u, 'busy')).body.version).toBe(6);
  });

  it('keeps the prompt type: a text prompt cannot get chat versions', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'typed', template: 'hi' });
    const res = await addVersion(u, 'typed', { messages: [{ role: 'user', content: 'hi' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('type');
    expect((await addVersion(u, 'nope', { template: 'x' })).status).toBe(404);
  });
});

describe('labels and resolution', () => {
  it('moves labels atomically, audits from/to, and resolves by label or version', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'release', template: 'one' });
    await addVersion(u, 'release', { template: 'two' });
    await addVersion(u, 'release', { template: 'three' });

    const first = await moveLabel(u, 'release', 'production', 1);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ label: 'production', version: 1, previousVersion: null });
    const moved = await moveLabel(u, 'release', 'production', 2);
    expect(moved.body).toEqual({ label: 'production', version: 2, previousVersion: 1 });
    await moveLabel(u, 'release', 'staging', 3);

    expect((await getPrompt(u, 'release', '?label=production')).body).toMatchObject({
      version: 2,
      template: 'two',
      labels: ['production'],
    });
    expect((await getPrompt(u, 'release', '?label=staging')).body.labels).toEqual(['latest', 'staging']);
    expect((await getPrompt(u, 'release', '?label=latest')).body.version).toBe(3);
    expect((await getPrompt(u, 'release', '?version=1')).body.template).toBe('one');
    expect((await getPrompt(u, 'release')).body.template).toBe('three');

    const events = await audits(u.orgId, 'prompt.label_moved');
    expect(events.map((e) => e.details)).toEqual([
      { name: 'release', label: 'production', from: null, to: 1 },
      { name: 'release', label: 'production', from: 1, to: 2 },
      { name: 'release', label: 'staging', from: null, to: 3 },
    ]);
    const stored = await sql<{ label: string; version: number }>(
      s.ctx,
      'SELECT label, version FROM prompt_labels WHERE org_id = $1 ORDER BY label',
      [u.orgId],
    );
    expect(stored).toEqual([
      { label: 'production', version: 2 },
      { label: 'staging', version: 3 },
    ]);

    // A no-op move changes nothing and records nothing.
    expect((await moveLabel(u, 'release', 'production', 2)).body.previousVersion).toBe(2);
    expect(await audits(u.orgId, 'prompt.label_moved')).toHaveLength(3);
  });

  it('refuses latest, missing versions, bad label names and ambiguous selectors', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'guarded', template: 'x' });
    const latest = await moveLabel(u, 'guarded', 'latest', 1);
    expect(latest.status).toBe(400);
    expect(latest.body.errors[0].path).toContain('label');
    const missing = await moveLabel(u, 'guarded', 'production', 9);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('version');
    expect((await moveLabel(u, 'guarded', 'Bad Label', 1)).status).toBe(400);
    expect((await moveLabel(u, 'ghost', 'production', 1)).status).toBe(404);
    expect((await countRows(u.orgId)).labels).toBe(0);

    const both = await getPrompt(u, 'guarded', '?version=1&label=production');
    expect(both.status).toBe(400);
    expect((await getPrompt(u, 'guarded', '?version=2')).body.detail).toBe('Version not found');
    expect((await getPrompt(u, 'guarded', '?label=nope')).status).toBe(404);
    expect((await getPrompt(u, 'nothing-here')).body.detail).toBe('Prompt not found');
  });
});

describe('folders, search and listing', () => {
  it('handles folder names through URL-encoded paths', async () => {
    const u = await signup(s.app);
    const created = await createPrompt(u, { name: 'support/email', template: 'Dear {{name}}' });
    expect(created.status).toBe(201);
    expect((await getPrompt(u, 'support/email')).body.name).toBe('support/email');
    const lower = await api(s.app, {
      method: 'GET',
      url: `${base(u.orgId)}/prompts/support%2femail/versions`,
      token: u.accessToken,
    });
    expect(lower.body.items[0].name).toBe('support/email');
    expect((await addVersion(u, 'support/email', { template: 'Hi {{name}}' })).body.version).toBe(2);
    expect((await moveLabel(u, 'support/email', 'production', 2)).status).toBe(200);
    // Unencoded slashes are a different path, not the prompt.
    const raw = await api(s.app, {
      method: 'GET',
      url: `${base(u.orgId)}/prompts/support/email`,
      token: u.accessToken,
    });
    expect(raw.status).toBe(404);
  });

  it('filters by folder prefix and case-insensitive search, with labels and latest version', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'support/email', template: 'a', description: 'Customer replies' });
    await createPrompt(u, { name: 'support/chat/intro', template: 'b' });
    await createPrompt(u, { name: 'supportive', template: 'c' });
    await createPrompt(u, { name: 'sales/pitch', template: 'd', description: 'Percent_% off' });
    await addVersion(u, 'support/email', { template: 'a2' });
    await moveLabel(u, 'support/email', 'production', 1);

    const list = (query: string) =>
      api(s.app, { method: 'GET', url: `${base(u.orgId)}/prompts${query}`, token: u.accessToken });
    const names = async (query: string) =>
      (await list(query)).body.items.map((p: { name: string }) => p.name);

    const all = await list('');
    expect(all.body.items).toHaveLength(4);
    expect(all.body.items.find((p: { name: string }) => p.name === 'support/email')).toMatchObject({
      type: 'text',
      latestVersion: 2,
      labels: { production: 1 },
      description: 'Customer replies',
    });
    expect(await names('?folder=support')).toEqual(['support/chat/intro', 'support/email']);
    expect(await names('?folder=support/')).toEqual(['support/chat/intro', 'support/email']);
    expect(await names('?folder=support/chat')).toEqual(['support/chat/intro']);
    expect(await names('?search=CUSTOMER')).toEqual(['support/email']);
    expect(await names('?search=PITCH')).toEqual(['sales/pitch']);
    // LIKE wildcards in the search text match literally.
    expect(await names(`?search=${enc('_%')}`)).toEqual(['sales/pitch']);
    expect(await names('?search=%25')).toEqual(['sales/pitch']);
    expect(await names('?folder=support&search=intro')).toEqual(['support/chat/intro']);
  });
});

describe('access', () => {
  it('lets a viewer read but not write (403, nothing written)', async () => {
    const admin = await signup(s.app);
    await createPrompt(admin, { name: 'guarded', template: 'x' });
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    const before = await countRows(admin.orgId);

    expect((await getPrompt(admin, 'guarded', '', viewer.accessToken)).status).toBe(200);
    const writes = [
      await createPrompt(admin, { name: 'new', template: 'x' }, viewer.accessToken),
      await addVersion(admin, 'guarded', { template: 'y' }, viewer.accessToken),
      await moveLabel(admin, 'guarded', 'production', 1, viewer.accessToken),
      await importDoc(
        admin,
        JSON.stringify({
          format: 'promptops.prompts/v1',
          prompts: [{ name: 'imp', type: 'text', versions: [{ version: 1, template: 'x' }] }],
        }),
        'application/json',
        '',
        viewer.accessToken,
      ),
    ];
    expect(writes.map((w) => w.status)).toEqual([403, 403, 403, 403]);
    expect(await countRows(admin.orgId)).toEqual(before);
    const exp = await api(s.app, {
      method: 'GET',
      url: `${base(admin.orgId)}/prompts-export`,
      token: viewer.accessToken,
    });
    expect(exp.status).toBe(200);
  });

  it("hides another organization's prompts (404 on every route)", async () => {
    const owner = await signup(s.app);
    const stranger = await signup(s.app);
    await createPrompt(owner, { name: 'secret', template: 'x' });
    const t = stranger.accessToken;
    const responses = [
      await api(s.app, { method: 'GET', url: `${base(owner.orgId)}/prompts`, token: t }),
      await getPrompt(owner, 'secret', '', t),
      await api(s.app, { method: 'GET', url: `${base(owner.orgId)}/prompts/secret/versions`, token: t }),
      await addVersion(owner, 'secret', { template: 'y' }, t),
      await moveLabel(owner, 'secret', 'production', 1, t),
      await api(s.app, { method: 'GET', url: `${base(owner.orgId)}/prompts-export`, token: t }),
      await createPrompt(owner, { name: 'planted', template: 'x' }, t),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    // The stranger's own org doesn't see it either.
    expect((await getPrompt(stranger, 'secret')).status).toBe(404);
    expect((await countRows(owner.orgId)).versions).toBe(1);
  });

  it('lets an editor API key write, recorded as authored by the key', async () => {
    const admin = await signup(s.app);
    const key = await apiKey(s.app, admin, 'editor');
    const created = await createPrompt(admin, { name: 'from-ci', template: '{{x}}' }, key);
    expect(created.status).toBe(201);
    expect(created.body.createdBy).toEqual({ id: null, email: null, apiKeyName: 'editor key' });
    expect((await addVersion(admin, 'from-ci', { template: '{{x}}!' }, key)).status).toBe(201);
    expect((await moveLabel(admin, 'from-ci', 'production', 2, key)).status).toBe(200);
    const [event] = await audits(admin.orgId, 'prompt.created');
    expect(event!.actor_type).toBe('api_key');
    const viewerKey = await apiKey(s.app, admin, 'viewer');
    expect((await addVersion(admin, 'from-ci', { template: 'no' }, viewerKey)).status).toBe(403);
    expect((await getPrompt(admin, 'from-ci', '', viewerKey)).body.version).toBe(2);
  });
});

describe('export and import', () => {
  async function seed(u: Session) {
    const modelId = await addModel(u.orgId, `model-${Math.random().toString(36).slice(2, 8)}`);
    await createPrompt(u, {
      name: 'support/triage',
      description: 'Routes tickets',
      messages: [
        { role: 'system', content: 'You triage for {{team}}.\nAnswer in JSON: {"queue": "..."}' },
        { role: 'user', content: '{{ticket}}' },
      ],
      variables: [{ name: 'team', default: 'Support', type: 'string', description: 'Team name' }],
      modelId,
      params: { temperature: 0, maxTokens: 50 },
      commitMessage: 'v1',
    });
    await addVersion(u, 'support/triage', {
      messages: [
        { role: 'system', content: 'You triage for {{team}}. Escape: \\{{literal}}' },
        { role: 'user', content: 'Ticket: {{ticket}}\n\nPriority: {{priority}}' },
      ],
      params: { temperature: 0.1, stop: ['END'] },
    });
    await moveLabel(u, 'support/triage', 'production', 1);
    await moveLabel(u, 'support/triage', 'staging', 2);
    await createPrompt(u, { name: 'haiku', template: 'Write a haiku about {{topic}}:\n  - indented\n' });
    return modelId;
  }

  const exportOf = (u: Session, query = '') =>
    api(s.app, { method: 'GET', url: `${base(u.orgId)}/prompts-export${query}`, token: u.accessToken });
  const versionsOf = async (u: Session, name: string) =>
    (
      await api(s.app, {
        method: 'GET',
        url: `${base(u.orgId)}/prompts/${enc(name)}/versions`,
        token: u.accessToken,
      })
    ).body.items as Record<string, unknown>[];
  const content = (vs: Record<string, unknown>[]) =>
    vs.map((v) => ({
      template: v.template,
      messages: v.messages,
      variables: v.variables,
      params: v.params,
      modelId: v.modelId,
    }));

  it('exports everything as JSON with every version and label', async () => {
    const u = await signup(s.app);
    await seed(u);
    const res = await exportOf(u);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toBe('attachment; filename="prompts.json"');
    expect(res.body.format).toBe('promptops.prompts/v1');
    expect(res.body.prompts.map((p: { name: string }) => p.name)).toEqual(['haiku', 'support/triage']);
    const triage = res.body.prompts[1];
    expect(triage.labels).toEqual({ production: 1, staging: 2 });
    expect(triage.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(triage.versions[0].model).toMatch(/^model-/);
    expect(triage.versions[0]).not.toHaveProperty('template');
    expect(res.body.prompts[0].versions[0]).not.toHaveProperty('messages');
  });

  it('round-trips YAML: export one prompt, import under a new name, same content and labels', async () => {
    const u = await signup(s.app);
    await seed(u);
    const res = await exportOf(u, `?format=yaml&name=${enc('support/triage')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/yaml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="support__triage.yaml"');
    const text = res.raw.body;
    expect(YAML.parse(text).prompts).toHaveLength(1);

    const imported = await importDoc(u, text, 'application/yaml', `?rename=${enc('copies/triage')}`);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({
      items: [{ name: 'copies/triage', createdVersions: [1, 2], created: true }],
    });
    const original = await versionsOf(u, 'support/triage');
    const copy = await versionsOf(u, 'copies/triage');
    expect(content(copy)).toEqual(content(original));
    expect(copy.map((v) => v.labels)).toEqual([['latest', 'staging'], ['production']]);
    expect(copy[1]!.commitMessage).toBe('v1');
    const [event] = await audits(u.orgId, 'prompt.imported');
    expect(event!.details).toMatchObject({
      name: 'copies/triage',
      created: true,
      versions: [1, 2],
      labels: { production: 1, staging: 2 },
    });
  });

  it('accepts YAML under every YAML content type and JSON too', async () => {
    const u = await signup(s.app);
    const doc = {
      format: 'promptops.prompts/v1',
      prompts: [{ name: 'p', type: 'text', versions: [{ version: 1, template: 'Hi {{who}}' }] }],
    };
    for (const type of ['application/x-yaml', 'text/yaml']) {
      const res = await importDoc(u, YAML.stringify(doc), type);
      expect(res.status, type).toBe(200);
    }
    const json = await importDoc(u, JSON.stringify(doc), 'application/json');
    expect(json.body.items).toEqual([{ name: 'p', createdVersions: [3], created: false }]);
  });

  it('appends versions when the name exists, never overwriting history', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'shared', template: 'mine v1' });
    await addVersion(u, 'shared', { template: 'mine v2' });
    await moveLabel(u, 'shared', 'production', 2);
    const doc = {
      format: 'promptops.prompts/v1',
      prompts: [
        {
          name: 'shared',
          type: 'text',
          labels: { production: 7 },
          versions: [
            { version: 7, template: 'theirs v7 {{x}}', commitMessage: 'from elsewhere' },
            { version: 3, template: 'theirs v3' },
          ],
        },
        { name: 'fresh', type: 'text', versions: [{ version: 4, template: 'new one' }] },
      ],
    };
    const res = await importDoc(u, JSON.stringify(doc), 'application/json');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { name: 'shared', createdVersions: [3, 4], created: false },
      { name: 'fresh', createdVersions: [1], created: true },
    ]);
    const versions = await versionsOf(u, 'shared');
    expect(versions.map((v) => [v.version, v.template, v.commitMessage])).toEqual([
      [4, 'theirs v7 {{x}}', 'from elsewhere'],
      [3, 'theirs v3', 'Imported (version 3 of the document)'],
      [2, 'mine v2', null],
      [1, 'mine v1', null],
    ]);
    expect((await getPrompt(u, 'shared', '?label=production')).body.version).toBe(4);
    expect(await audits(u.orgId, 'prompt.imported')).toHaveLength(2);
  });

  it('rejects an invalid document with field paths and writes nothing', async () => {
    const u = await signup(s.app);
    await createPrompt(u, { name: 'exists', template: 'x' });
    const before = await countRows(u.orgId);
    const bad = async (doc: unknown, query = '', type = 'application/json') => {
      const res = await importDoc(u, typeof doc === 'string' ? doc : JSON.stringify(doc), type, query);
      expect(res.status, JSON.stringify(doc)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.body;
    };
    const ok = { name: 'fine', type: 'text', versions: [{ version: 1, template: 'ok' }] };
    const doc = (...prompts: unknown[]) => ({ format: 'promptops.prompts/v1', prompts });

    let body = await bad(
      doc(ok, { name: 'broken', type: 'chat', versions: [{ version: 1, template: 'x' }] }),
    );
    expect(body.errors.map((e: { path: string }) => e.path)).toContain('prompts.1.versions.0.messages');
    body = await bad(
      doc(ok, {
        name: 'broken',
        type: 'text',
        versions: [{ version: 1, template: 'x' }],
        labels: { latest: 1 },
      }),
    );
    expect(body.errors).toEqual([
      {
        path: 'prompts.1.labels.latest',
        message: 'latest always points at the newest version and cannot be moved',
      },
    ]);
    body = await bad(
      doc(ok, {
        name: 'broken',
        type: 'text',
        versions: [{ version: 1, template: 'x' }],
        labels: { production: 2 },
      }),
    );
    expect(body.errors[0].path).toBe('prompts.1.labels.production');
    body = await bad(
      doc(ok, {
        name: 'broken',
        type: 'text',
        versions: [{ version: 1, template: '{{a}}', variables: [{ name: 'b' }] }],
      }),
    );
    expect(body.errors).toEqual([
      { path: 'prompts.1.versions.0.variables.0.name', message: '{{b}} does not appear in the template' },
    ]);
    // Type clash with an existing prompt is found inside the transaction: `fine` must roll back.
    body = await bad(
      doc(ok, {
        name: 'exists',
        type: 'chat',
        versions: [{ version: 1, messages: [{ role: 'user', content: 'x' }] }],
      }),
    );
    expect(body.errors[0].path).toBe('prompts.1.type');
    body = await bad(doc(ok, ok));
    expect(body.errors[0].path).toBe('prompts.1.name');
    body = await bad(doc(ok, ok), '?rename=other');
    expect(body.errors[0].path).toBe('rename');
    body = await bad({ format: 'something-else', prompts: [] });
    expect(body.errors[0].path).toBe('format');
    body = await bad('prompts: [unclosed', '', 'application/yaml');
    expect(body.detail).toMatch(/^Invalid YAML/);

    expect(await countRows(u.orgId)).toEqual(before);
    expect((await getPrompt(u, 'fine')).status).toBe(404);
  });

  it('imports the example document from docs/prompts.md', async () => {
    const { readFile } = await import('node:fs/promises');
    const markdown = await readFile(new URL('../../../../../docs/prompts.md', import.meta.url), 'utf8');
    const example = /Example:\n\n```yaml\n([\s\S]*?)```/.exec(markdown)![1]!;
    const u = await signup(s.app);
    const res = await importDoc(u, example, 'application/yaml');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toEqual([
      { name: 'support/triage', createdVersions: [1, 2], created: true },
      { name: 'haiku', createdVersions: [1], created: true },
    ]);
    const production = await getPrompt(u, 'support/triage', '?label=production');
    expect(production.body.messages[0].content).toBe(
      'You triage tickets for {{team}}.\nAnswer in JSON: {"queue": "..."}',
    );
    expect(
      (await getPrompt(u, 'support/triage')).body.variables.map((v: { name: string }) => v.name),
    ).toEqual(['team', 'ticket', 'priority']);
  });

  it('exporting an unknown prompt is 404', async () => {
    const u = await signup(s.app);
    expect((await exportOf(u, '?name=missing')).status).toBe(404);
    const empty = await exportOf(u, '?format=yaml');
    expect(YAML.parse(empty.raw.body)).toMatchObject({ format: 'promptops.prompts/v1', prompts: [] });
  });
});
