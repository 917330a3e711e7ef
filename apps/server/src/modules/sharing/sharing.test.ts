import { createHash } from 'node:crypto';
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
  s = await startTestServer({ PUBLIC_URL: 'https://prompts.example.test/' });
});
afterAll(async () => s?.close());

const base = (orgId: string) => `/api/v1/orgs/${orgId}`;
const enc = encodeURIComponent;

function links(u: Session, name: string, token = u.accessToken) {
  return api(s.app, { method: 'GET', url: `${base(u.orgId)}/prompts/${enc(name)}/share-links`, token });
}
function share(u: Session, name: string, payload?: Record<string, unknown>, token = u.accessToken) {
  return api(s.app, {
    method: 'POST',
    url: `${base(u.orgId)}/prompts/${enc(name)}/share-links`,
    token,
    ...(payload ? { payload } : {}),
  });
}
function revoke(u: Session, name: string, id: string, token = u.accessToken) {
  return api(s.app, {
    method: 'DELETE',
    url: `${base(u.orgId)}/prompts/${enc(name)}/share-links/${id}`,
    token,
  });
}
/** The public page's request: no Authorization header at all. */
function view(token: string, ip = '203.0.113.7') {
  return api(s.app, { method: 'GET', url: `/api/v1/shared/${token}`, remoteAddress: ip });
}
async function must(res: Promise<{ status: number; body: any }>, status = 201) {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function promptWithVersions(u: Session, name = 'support/reply') {
  const [provider] = await sql<{ id: string }>(
    s.ctx,
    "INSERT INTO providers (org_id, name, type) VALUES ($1, 'share-mock', 'mock') RETURNING id",
    [u.orgId],
  );
  const [model] = await sql<{ id: string }>(
    s.ctx,
    `INSERT INTO models (org_id, provider_id, name, display_name, input_price_per_mtok, output_price_per_mtok)
     VALUES ($1, $2, 'shared-model', 'Shared model', '0.1', '0.2') RETURNING id`,
    [u.orgId, provider!.id],
  );
  await must(
    api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/prompts`,
      token: u.accessToken,
      payload: {
        name,
        description: 'Replies to customers',
        messages: [
          { role: 'system', content: 'You are {{persona}}.' },
          { role: 'user', content: '{{question}}' },
        ],
        variables: [{ name: 'persona', default: 'kind' }],
        modelId: model!.id,
        params: { temperature: 0.3 },
        commitMessage: 'first',
      },
    }),
  );
  await must(
    api(s.app, {
      method: 'POST',
      url: `${base(u.orgId)}/prompts/${enc(name)}/versions`,
      token: u.accessToken,
      payload: { messages: [{ role: 'user', content: 'v2 {{question}}' }], commitMessage: 'second' },
    }),
  );
}

describe('share links', () => {
  it('creates a link to the newest version by default; anyone with the token reads it without signing in', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const before = Date.now();
    const created = await share(u, 'support/reply');
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const link = created.body;
    expect(link).toMatchObject({
      promptName: 'support/reply',
      version: 2,
      revokedAt: null,
      createdBy: { id: u.userId, email: u.email },
    });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`https://prompts.example.test/shared/${link.token}`);
    const lifetime = Date.parse(link.expiresAt) - before;
    expect(lifetime).toBeGreaterThan(30 * 86_400_000 - 60_000);
    expect(lifetime).toBeLessThan(30 * 86_400_000 + 60_000);

    const page = await view(link.token);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toEqual({
      name: 'support/reply',
      version: 2,
      type: 'chat',
      description: 'Replies to customers',
      template: null,
      messages: [{ role: 'user', content: 'v2 {{question}}' }],
      variables: [{ name: 'question' }],
      params: {},
      model: null,
      commitMessage: 'second',
      createdAt: expect.any(String),
      expiresAt: link.expiresAt,
    });
  });

  it('shares a chosen version with its model name and no ids or emails', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const expiresAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const link = await must(share(u, 'support/reply', { version: 1, expiresAt }));
    expect(link).toMatchObject({ version: 1, expiresAt });
    const page = await view(link.token);
    expect(page.body).toMatchObject({
      version: 1,
      model: 'shared-model',
      params: { temperature: 0.3 },
      variables: [{ name: 'persona', default: 'kind' }, { name: 'question' }],
    });
    const text = JSON.stringify(page.body);
    expect(text).not.toContain(u.orgId);
    expect(text).not.toContain(u.email);
    expect(text).not.toMatch(/"(id|promptId|modelId|createdBy)"/);
  });

  it('refuses an expiry in the past or more than a year ahead, and a version that does not exist', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const past = await share(u, 'support/reply', { expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([{ path: 'expiresAt', message: 'Must be in the future' }]);
    const far = await share(u, 'support/reply', {
      expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    });
    expect(far.status).toBe(400);
    expect(far.body.errors).toEqual([{ path: 'expiresAt', message: 'At most one year ahead' }]);
    const missing = await share(u, 'support/reply', { version: 9 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      { path: 'version', message: 'Version 9 does not exist (latest is 2)' },
    ]);
    const garbage = await share(u, 'support/reply', { expiresAt: 'tomorrow' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].path).toBe('expiresAt');
    expect((await share(u, 'nope')).status).toBe(404);
    expect((await links(u, 'support/reply')).body.items).toEqual([]);
  });

  it('lists links newest first; a revoked link answers 404 at once, as does an expired or unknown one', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const first = await must(share(u, 'support/reply', { version: 1 }));
    const second = await must(share(u, 'support/reply'));
    const listed = await links(u, 'support/reply');
    expect(listed.body.items.map((l: any) => l.id)).toEqual([second.id, first.id]);
    expect(listed.body.items[0]).not.toHaveProperty('token');

    const revoked = await revoke(u, 'support/reply', first.id);
    expect(revoked.status).toBe(204);
    expect((await revoke(u, 'support/reply', first.id)).status).toBe(204);
    const gone = await view(first.token);
    expect(gone.status).toBe(404);
    expect((await links(u, 'support/reply')).body.items[1].revokedAt).toEqual(expect.any(String));

    await sql(s.ctx, "UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = $1", [
      second.id,
    ]);
    const expired = await view(second.token);
    const unknown = await view('A'.repeat(43));
    // The same answer for all three: nothing tells a guesser which tokens ever existed.
    for (const res of [gone, expired, unknown]) {
      expect(res.status).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
      expect({ ...res.body, requestId: undefined, instance: undefined }).toEqual({
        ...gone.body,
        requestId: undefined,
        instance: undefined,
      });
    }
    expect((await revoke(u, 'support/reply', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('audits creation and revocation, and stores only the token’s SHA-256', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const link = await must(share(u, 'support/reply'));
    await must(revoke(u, 'support/reply', link.id), 204);
    const [row] = await sql<Record<string, unknown>>(s.ctx, 'SELECT * FROM share_links WHERE id = $1', [
      link.id,
    ]);
    expect(row!.token_hash).toBe(createHash('sha256').update(link.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(link.token);
    const audits = await sql<{ action: string; resource_id: string; details: unknown }>(
      s.ctx,
      `SELECT action, resource_id, details FROM audit_events
        WHERE org_id = $1 AND action LIKE 'share_link.%' ORDER BY seq`,
      [u.orgId],
    );
    expect(audits.map((a) => [a.action, a.resource_id])).toEqual([
      ['share_link.created', link.id],
      ['share_link.revoked', link.id],
    ]);
    expect(audits[0]!.details).toEqual({ name: 'support/reply', version: 2, expiresAt: link.expiresAt });
    expect(JSON.stringify(audits)).not.toContain(link.token);
  });

  it('lets viewers list but not create or revoke; API keys with the permission may create', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const viewer = await memberWithRole(s.app, u, 'viewer');
    const link = await must(share(u, 'support/reply'));
    expect((await share(u, 'support/reply', undefined, viewer.accessToken)).status).toBe(403);
    expect((await revoke(u, 'support/reply', link.id, viewer.accessToken)).status).toBe(403);
    expect((await links(u, 'support/reply', viewer.accessToken)).body.items).toHaveLength(1);
    const [row] = await sql<{ revoked_at: Date | null }>(
      s.ctx,
      'SELECT revoked_at FROM share_links WHERE id = $1',
      [link.id],
    );
    expect(row!.revoked_at).toBeNull();
    const key = await apiKey(s.app, u, 'editor');
    const byKey = await share(u, 'support/reply', { version: 1 }, key);
    expect(byKey.status).toBe(201);
    expect(byKey.body.createdBy).toEqual({ id: null, email: null });
  });

  it('keeps organizations apart: another org cannot list, revoke or create on this prompt', async () => {
    const a = await signup(s.app);
    const b = await signup(s.app);
    await promptWithVersions(a);
    await promptWithVersions(b, 'b-only');
    const link = await must(share(a, 'support/reply'));
    const asB = (method: 'GET' | 'POST' | 'DELETE', suffix = '') =>
      api(s.app, {
        method,
        url: `${base(a.orgId)}/prompts/${enc('support/reply')}/share-links${suffix}`,
        token: b.accessToken,
      });
    expect((await asB('GET')).status).toBe(404);
    expect((await asB('POST')).status).toBe(404);
    expect((await asB('DELETE', `/${link.id}`)).status).toBe(404);
    // B revoking A's link through B's own prompt of the same id finds nothing either.
    expect((await revoke(b, 'b-only', link.id)).status).toBe(404);
    // A's token shows A's version and nothing of B.
    const page = await view(link.token);
    expect(page.body.name).toBe('support/reply');
    expect((await view(link.token)).status).toBe(200);
  });

  it('limits anonymous reads per client address', async () => {
    const u = await signup(s.app);
    await promptWithVersions(u);
    const link = await must(share(u, 'support/reply'));
    const ip = '198.51.100.23';
    let status = 200;
    let count = 0;
    while (status === 200 && count < 200) {
      status = (await view(link.token, ip)).status;
      count++;
    }
    expect(status).toBe(429);
    expect(count).toBe(61);
    // Another address is unaffected.
    expect((await view(link.token, '198.51.100.24')).status).toBe(200);
  });

  it('builds a relative URL when no public URL is configured', async () => {
    const other = await startTestServer();
    try {
      const u = await signup(other.app);
      await must(
        api(other.app, {
          method: 'POST',
          url: `${base(u.orgId)}/prompts`,
          token: u.accessToken,
          payload: { name: 'p', template: 'x' },
        }),
      );
      const res = await api(other.app, {
        method: 'POST',
        url: `${base(u.orgId)}/prompts/p/share-links`,
        token: u.accessToken,
      });
      expect(res.status).toBe(201);
      expect(res.body.url).toBe(`/shared/${res.body.token}`);
    } finally {
      await other.close();
    }
  });
});
