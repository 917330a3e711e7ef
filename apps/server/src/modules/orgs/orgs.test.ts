import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

const members = (orgId: string, token: string) =>
  api(s.app, { method: 'GET', url: `/api/v1/orgs/${orgId}/members`, token });

describe('organizations', () => {
  it('lets a user create more organizations and switch between them', async () => {
    const u = await signup(s.app, 'First Org');
    const res = await api(s.app, {
      method: 'POST',
      url: '/api/v1/orgs',
      token: u.accessToken,
      payload: { name: 'First Org' },
    });
    expect(res.status).toBe(201);
    expect(res.body.slug).toMatch(/^first-org-[0-9a-f]{6}$/);
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: u.accessToken });
    expect(me.body.memberships).toHaveLength(2);
    expect(me.body.memberships.every((m: { role: string }) => m.role === 'admin')).toBe(true);
  });
});

describe('members', () => {
  it('invites an existing user, who joins with the chosen role only by accepting', async () => {
    const admin = await signup(s.app);
    const other = await signup(s.app);
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: admin.accessToken,
      payload: { email: other.email, role: 'editor' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'invited', invitation: { email: other.email, role: 'editor' } });
    expect((await members(admin.orgId, other.accessToken)).status).toBe(404);
    const accepted = await api(s.app, {
      method: 'POST',
      url: `/api/v1/me/invitations/${res.body.invitation.id}/accept`,
      token: other.accessToken,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ organization: { id: admin.orgId }, role: 'editor' });
    const list = await members(admin.orgId, other.accessToken);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { email: string }) => m.email).sort()).toEqual(
      [admin.email, other.email].sort(),
    );
    const again = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: admin.accessToken,
      payload: { email: other.email, role: 'viewer' },
    });
    expect(again.status).toBe(409);
  });

  it('invites a person without an account; they join by signing up with the token', async () => {
    const admin = await signup(s.app, 'Inviting Org');
    const email = uniqueEmail('invitee');
    const inv = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: admin.accessToken,
      payload: { email, role: 'viewer' },
    });
    expect(inv.status).toBe(201);
    expect(inv.body.status).toBe('invited');
    const token: string = inv.body.invitationToken;
    const [stored] = await sql<{ token_hash: string }>(
      s.ctx,
      'SELECT token_hash FROM invitations WHERE email = $1',
      [email],
    );
    expect(stored!.token_hash).not.toContain(token);

    const preview = await api(s.app, { method: 'GET', url: `/api/v1/invitations/${token}` });
    expect(preview.body).toMatchObject({ email, role: 'viewer', organization: { name: 'Inviting Org' } });

    const wrongEmail = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: uniqueEmail(), password: TEST_PASSWORD, name: 'X', invitationToken: token },
    });
    expect(wrongEmail.status).toBe(400);
    expect(wrongEmail.body.errors[0].path).toBe('email');

    const joined = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password: TEST_PASSWORD, name: 'Vera Viewer', invitationToken: token },
    });
    expect(joined.status).toBe(201);
    expect(joined.body.organization.id).toBe(admin.orgId);
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: joined.body.accessToken });
    expect(me.body.memberships).toEqual([
      { organization: expect.objectContaining({ id: admin.orgId }), role: 'viewer' },
    ]);
    // Used once: the invitation is gone from the pending list and can't be replayed.
    expect((await members(admin.orgId, admin.accessToken)).body.invitations).toHaveLength(0);
    expect((await api(s.app, { method: 'GET', url: `/api/v1/invitations/${token}` })).status).toBe(404);
  });

  it('revokes a pending invitation', async () => {
    const admin = await signup(s.app);
    const inv = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: admin.accessToken,
      payload: { email: uniqueEmail(), role: 'editor' },
    });
    const del = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/invitations/${inv.body.invitation.id}`,
      token: admin.accessToken,
    });
    expect(del.status).toBe(204);
    expect(
      (await api(s.app, { method: 'GET', url: `/api/v1/invitations/${inv.body.invitationToken}` })).status,
    ).toBe(404);
  });

  it('changes roles and removes members', async () => {
    const admin = await signup(s.app);
    const m = await memberWithRole(s.app, admin, 'viewer');
    const patch = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/members/${m.userId}`,
      token: admin.accessToken,
      payload: { role: 'editor' },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.role).toBe('editor');
    const del = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/members/${m.userId}`,
      token: admin.accessToken,
    });
    expect(del.status).toBe(204);
    expect((await members(admin.orgId, m.accessToken)).status).toBe(404);
  });

  it('never removes or demotes the last admin', async () => {
    const admin = await signup(s.app);
    const demote = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/members/${admin.userId}`,
      token: admin.accessToken,
      payload: { role: 'viewer' },
    });
    expect(demote.status).toBe(409);
    const remove = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/members/${admin.userId}`,
      token: admin.accessToken,
    });
    expect(remove.status).toBe(409);
    const [row] = await sql<{ role: string }>(
      s.ctx,
      'SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2',
      [admin.orgId, admin.userId],
    );
    expect(row!.role).toBe('admin');

    // With a second admin, the first may step down.
    const second = await memberWithRole(s.app, admin, 'admin');
    const stepDown = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/members/${admin.userId}`,
      token: admin.accessToken,
      payload: { role: 'viewer' },
    });
    expect(stepDown.status).toBe(200);
    const lastOne = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/members/${second.userId}`,
      token: second.accessToken,
    });
    expect(lastOne.status).toBe(409);
  });

  it('concurrent demotions of two admins leave at least one admin', async () => {
    const a = await signup(s.app);
    const b = await memberWithRole(s.app, a, 'admin');
    // Each admin demotes themselves, so neither request's permission depends on the other one
    // (if a demoted b, a's own demotion committing first would make a legal 403 of the second).
    const demote = (who: typeof a) =>
      api(s.app, {
        method: 'PATCH',
        url: `/api/v1/orgs/${a.orgId}/members/${who.userId}`,
        token: who.accessToken,
        payload: { role: 'viewer' },
      });
    const results = await Promise.all([demote(a), demote(b)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const admins = await sql(s.ctx, `SELECT 1 FROM memberships WHERE org_id = $1 AND role = 'admin'`, [
      a.orgId,
    ]);
    expect(admins).toHaveLength(1);
  });
});
