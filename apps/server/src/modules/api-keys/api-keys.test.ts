import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signup, sql, startTestServer, type TestServer } from '../../../test/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe('API keys', () => {
  it('shows the key once, stores only its hash, and accepts it as a bearer token', async () => {
    const admin = await signup(s.app);
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
      payload: { name: 'CI', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^po_[A-Za-z0-9_-]{40,}$/);

    const rows = await sql<Record<string, unknown>>(s.ctx, 'SELECT * FROM api_keys WHERE id = $1', [
      created.body.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(key);

    const list = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
    });
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.items[0]).toMatchObject({
      name: 'CI',
      role: 'viewer',
      lastUsedAt: null,
      prefix: key.slice(0, 10),
    });

    const asKey = await api(s.app, { method: 'GET', url: `/api/v1/orgs/${admin.orgId}/members`, token: key });
    expect(asKey.status).toBe(200);
    const after = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
    });
    expect(after.body.items[0].lastUsedAt).not.toBeNull();
  });

  it('limits a key to its role and its organization', async () => {
    const admin = await signup(s.app);
    const foreign = await signup(s.app);
    const { body } = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
      payload: { name: 'viewer key', role: 'viewer' },
    });
    const write = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: body.key,
      payload: { email: 'x@example.test', role: 'viewer' },
    });
    expect(write.status).toBe(403);
    const other = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${foreign.orgId}/members`,
      token: body.key,
    });
    expect(other.status).toBe(404);
    // A user-only route stays closed to the key.
    const invitations = await api(s.app, { method: 'GET', url: '/api/v1/me/invitations', token: body.key });
    expect(invitations.status).toBe(403);
  });

  it('GET /me with a key answers the key and its organization, nothing about people', async () => {
    const admin = await signup(s.app, 'Key Me Org');
    const { body } = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
      payload: { name: 'deploy', role: 'editor' },
    });
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: body.key });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      apiKey: { id: body.id, name: 'deploy', role: 'editor' },
      organization: { id: admin.orgId, name: 'Key Me Org', slug: expect.any(String) },
    });
    await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/api-keys/${body.id}`,
      token: admin.accessToken,
    });
    expect((await api(s.app, { method: 'GET', url: '/api/v1/me', token: body.key })).status).toBe(401);
  });

  it('stops working once revoked', async () => {
    const admin = await signup(s.app);
    const { body } = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
      payload: { name: 'temp', role: 'admin' },
    });
    const del = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/api-keys/${body.id}`,
      token: admin.accessToken,
    });
    expect(del.status).toBe(204);
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: body.key,
    });
    expect(res.status).toBe(401);
    const again = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/api-keys/${body.id}`,
      token: admin.accessToken,
    });
    expect(again.status).toBe(404);
  });
});
