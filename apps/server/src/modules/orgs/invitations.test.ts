import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { closeAppContext, createAppContext } from '../../bootstrap.js';
import { loadConfig } from '../../config.js';
import { loggerOptions } from '../../platform/logger.js';
import {
  api,
  signup,
  startTestServer,
  TEST_PASSWORD,
  uniqueEmail,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

/** Membership only with consent; a user's sign-ins are theirs, not their organizations'. */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 60_000);
afterAll(async () => s?.close());

const invite = (admin: Session, email: string, role = 'admin') =>
  api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/members`,
    token: admin.accessToken,
    payload: { email, role },
  });
const pending = (who: Session) =>
  api(s.app, { method: 'GET', url: '/api/v1/me/invitations', token: who.accessToken });
const answer = (who: Session, id: string, verb: 'accept' | 'decline') =>
  api(s.app, { method: 'POST', url: `/api/v1/me/invitations/${id}/${verb}`, token: who.accessToken });
const memberIds = async (admin: Session) =>
  (
    await api(s.app, { method: 'GET', url: `/api/v1/orgs/${admin.orgId}/members`, token: admin.accessToken })
  ).body.items.map((m: { userId: string }) => m.userId);
const login = (email: string, password: string) =>
  api(s.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('invitations need the invitee’s consent', () => {
  it('adding an existing user creates a pending invitation they see and may accept', async () => {
    const admin = await signup(s.app, 'Consent Org');
    const alice = await signup(s.app);
    const res = await invite(admin, alice.email, 'editor');
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('invited');
    expect(await memberIds(admin)).not.toContain(alice.userId);

    const list = await pending(alice);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: res.body.invitation.id,
        organization: expect.objectContaining({ id: admin.orgId, name: 'Consent Org' }),
        role: 'editor',
        invitedBy: admin.email,
      }),
    ]);
    // Nobody else can see or answer it.
    const mallory = await signup(s.app);
    expect((await pending(mallory)).body.items).toEqual([]);
    expect((await answer(mallory, res.body.invitation.id, 'accept')).status).toBe(404);

    expect((await answer(alice, res.body.invitation.id, 'accept')).status).toBe(200);
    expect(await memberIds(admin)).toContain(alice.userId);
    expect((await pending(alice)).body.items).toEqual([]);
    expect((await answer(alice, res.body.invitation.id, 'accept')).status).toBe(404);
  });

  it('a declined invitation never becomes a membership and can be re-sent', async () => {
    const admin = await signup(s.app);
    const bob = await signup(s.app);
    const first = await invite(admin, bob.email);
    expect((await answer(bob, first.body.invitation.id, 'decline')).status).toBe(204);
    expect((await answer(bob, first.body.invitation.id, 'accept')).status).toBe(404);
    expect(await memberIds(admin)).not.toContain(bob.userId);
    const audit = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/audit-logs?action=invitation.declined`,
      token: admin.accessToken,
    });
    expect(audit.body.items).toHaveLength(1);
    expect((await invite(admin, bob.email)).status).toBe(201);
  });

  it('an admin cannot watch the sign-ins of someone they invited, accepted or not', async () => {
    const admin = await signup(s.app);
    const carol = await signup(s.app);
    const inv = await invite(admin, carol.email, 'viewer');
    await login(carol.email, 'not her password!');
    expect((await login(carol.email, TEST_PASSWORD)).status).toBe(200);
    await answer(carol, inv.body.invitation.id, 'accept');
    expect((await login(carol.email, TEST_PASSWORD)).status).toBe(200);

    const orgAudit = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/audit-logs?limit=200`,
      token: admin.accessToken,
    });
    expect(orgAudit.body.items.map((e: { action: string }) => e.action)).not.toContain('auth.login');
    expect(JSON.stringify(orgAudit.body)).not.toContain('auth.login');

    // Carol sees them in her own security log, with IP and user agent.
    const own = await api(s.app, {
      method: 'GET',
      url: '/api/v1/me/security-events',
      token: carol.accessToken,
    });
    expect(own.status).toBe(200);
    expect(own.body.items.map((e: { action: string }) => e.action)).toEqual([
      'auth.login',
      'auth.login',
      'auth.login_failed',
    ]);
    expect(own.body.items[0]).toMatchObject({ ip: '127.0.0.1', userAgent: 'lightMyRequest' });
    const page = await api(s.app, {
      method: 'GET',
      url: '/api/v1/me/security-events?limit=2',
      token: carol.accessToken,
    });
    const next = await api(s.app, {
      method: 'GET',
      url: `/api/v1/me/security-events?limit=2&cursor=${page.body.nextCursor}`,
      token: carol.accessToken,
    });
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(['auth.login_failed']);
    // Nobody else's.
    const adminOwn = await api(s.app, {
      method: 'GET',
      url: '/api/v1/me/security-events',
      token: admin.accessToken,
    });
    expect(JSON.stringify(adminOwn.body)).not.toContain(carol.email);
  });

  it('keeps invitation tokens out of request logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const ctx = await createAppContext(
      loadConfig({
        PROMPTOPS_MASTER_KEY: s.ctx.config.PROMPTOPS_MASTER_KEY!,
        ...(s.ctx.config.DATABASE_URL ? { DATABASE_URL: s.ctx.config.DATABASE_URL } : {}),
      }),
      { embeddedLocation: 'memory://', logger: pino(loggerOptions('debug'), sink) },
    );
    const app = await buildApp(ctx);
    try {
      const admin = await signup(app);
      const res = await api(app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/members`,
        token: admin.accessToken,
        payload: { email: uniqueEmail('logged'), role: 'viewer' },
      });
      const token: string = res.body.invitationToken;
      expect((await api(app, { method: 'GET', url: `/api/v1/invitations/${token}` })).status).toBe(200);
      expect((await api(app, { method: 'GET', url: `/api/v1/invitations/${token}x` })).status).toBe(404);
      const all = lines.join('');
      expect(all).toContain('/api/v1/invitations/[redacted]');
      expect(all).not.toContain(token);
    } finally {
      await app.close();
      await closeAppContext(ctx);
    }
  });
});
