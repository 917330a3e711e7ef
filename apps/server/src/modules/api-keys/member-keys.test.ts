import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  memberWithRole,
  signup,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

/** A removed admin must not keep access through the API keys they created. */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => s?.close());

async function createKey(org: string, who: Session, role: string) {
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${org}/api-keys`,
    token: who.accessToken,
    payload: { name: `${role} key of ${who.email}`, role },
  });
  expect(res.status).toBe(201);
  return res.body.key as string;
}

const useKey = (org: string, key: string) =>
  api(s.app, { method: 'GET', url: `/api/v1/orgs/${org}/prompts`, token: key });

const remove = (org: string, who: Session, userId: string) =>
  api(s.app, { method: 'DELETE', url: `/api/v1/orgs/${org}/members/${userId}`, token: who.accessToken });

describe('API keys follow their creator’s membership', () => {
  it('revokes the keys a removed admin created, at once and audited; other keys keep working', async () => {
    const owner = await signup(s.app);
    const second = await memberWithRole(s.app, owner, 'admin');
    const theirs = await createKey(owner.orgId, second, 'admin');
    const ours = await createKey(owner.orgId, owner, 'editor');
    expect((await useKey(owner.orgId, theirs)).status).toBe(200);

    expect((await remove(owner.orgId, owner, second.userId)).status).toBe(204);
    expect((await useKey(owner.orgId, theirs)).status).toBe(401);
    expect((await useKey(owner.orgId, ours)).status).toBe(200);
    // And they cannot add themselves back with it.
    const readd = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/members`,
      token: theirs,
      payload: { email: second.email, role: 'admin' },
    });
    expect(readd.status).toBe(401);

    const audit = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${owner.orgId}/audit-logs?action=api_key.revoked`,
      token: owner.accessToken,
    });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].details).toMatchObject({
      reason: 'creator_left',
      creator: second.email,
      role: 'admin',
    });
    const keys = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${owner.orgId}/api-keys`,
      token: owner.accessToken,
    });
    expect(keys.body.items.map((k: { name: string }) => k.name)).toEqual([`editor key of ${owner.email}`]);
  });

  it('a demoted admin loses the keys above their new role and keeps the others', async () => {
    const owner = await signup(s.app);
    const second = await memberWithRole(s.app, owner, 'admin');
    const adminKey = await createKey(owner.orgId, second, 'admin');
    const viewerKey = await createKey(owner.orgId, second, 'viewer');
    const demote = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${owner.orgId}/members/${second.userId}`,
      token: owner.accessToken,
      payload: { role: 'viewer' },
    });
    expect(demote.status).toBe(200);
    expect((await useKey(owner.orgId, adminKey)).status).toBe(401);
    expect((await useKey(owner.orgId, viewerKey)).status).toBe(200);
  });

  it('members can leave by themselves (any role), which revokes their keys; the last admin cannot', async () => {
    const owner = await signup(s.app);
    const viewer = await memberWithRole(s.app, owner, 'viewer');
    const other = await memberWithRole(s.app, owner, 'editor');
    // A viewer can remove only themselves.
    expect((await remove(owner.orgId, viewer, other.userId)).status).toBe(403);
    expect((await remove(owner.orgId, viewer, viewer.userId)).status).toBe(204);
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: viewer.accessToken });
    expect(me.body.memberships.map((m: { organization: { id: string } }) => m.organization.id)).not.toContain(
      owner.orgId,
    );
    expect((await remove(owner.orgId, viewer, viewer.userId)).status).toBe(404);

    const left = await remove(owner.orgId, owner, owner.userId);
    expect(left.status).toBe(409);
    const audit = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${owner.orgId}/audit-logs?action=member.left`,
      token: owner.accessToken,
    });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ actor: { id: viewer.userId }, resourceId: viewer.userId });
  });
});
