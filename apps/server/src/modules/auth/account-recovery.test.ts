import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import {
  api,
  signup,
  sql,
  startTestServer,
  TEST_PASSWORD,
  uniqueEmail,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

/** A real SMTP listener on loopback that keeps every message it accepts. */
interface Inbox {
  url: string;
  messages: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

async function startInbox(): Promise<Inbox> {
  const messages: Inbox['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The one-time link in a message (quoted-printable soft breaks undone). */
function linkIn(raw: string, path: string): { url: string; token: string } {
  const body = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = new RegExp(`(https?://[^\\s]+${path}#token=([\\w%-]+))`).exec(body);
  if (!match) throw new Error(`no ${path} link in:\n${body}`);
  return { url: match[1]!, token: decodeURIComponent(match[2]!) };
}

async function waitForMail(inbox: Inbox, to: string, count = 1) {
  for (let i = 0; i < 100; i++) {
    const found = inbox.messages.filter((m) => m.to.includes(to));
    if (found.length >= count) return found[count - 1]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no mail for ${to}`);
}

const login = (s: TestServer, email: string, password: string) =>
  api(s.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('with SMTP configured', () => {
  let s: TestServer;
  let inbox: Inbox;
  let user: Session;
  beforeAll(async () => {
    inbox = await startInbox();
    s = await startTestServer({ SMTP_URL: inbox.url, PUBLIC_URL: 'https://prompts.example.test/' });
    user = await signup(s.app);
  });
  afterAll(async () => {
    await s?.close();
    await inbox?.close();
  });

  it('emails a verification link at sign-up; the link verifies the address once', async () => {
    const mail = await waitForMail(inbox, user.email);
    expect(mail.raw).toMatch(/Subject: Confirm your email address/);
    const { url, token } = linkIn(mail.raw, '/verify-email');
    expect(url.startsWith('https://prompts.example.test/verify-email#token=')).toBe(true);

    const before = await api(s.app, { method: 'GET', url: '/api/v1/me', token: user.accessToken });
    expect(before.body.user.emailVerified).toBe(false);
    expect(before.body.emailVerificationAvailable).toBe(true);

    const verify = await api(s.app, { method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    expect(verify.status).toBe(204);
    const after = await api(s.app, { method: 'GET', url: '/api/v1/me', token: user.accessToken });
    expect(after.body.user.emailVerified).toBe(true);

    const again = await api(s.app, { method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].path).toBe('token');
    // Stored hashed: the token itself is nowhere in the table.
    const rows = await sql<{ token_hash: string }>(s.ctx, 'SELECT token_hash FROM user_tokens');
    expect(JSON.stringify(rows)).not.toContain(token);
    const resend = await api(s.app, {
      method: 'POST',
      url: '/api/v1/me/verification-email',
      token: user.accessToken,
    });
    expect(resend.status).toBe(409);
  });

  it('re-sends the verification link to an unverified user', async () => {
    const other = await signup(s.app);
    await waitForMail(inbox, other.email);
    const resend = await api(s.app, {
      method: 'POST',
      url: '/api/v1/me/verification-email',
      token: other.accessToken,
    });
    expect(resend.status).toBe(202);
    const second = await waitForMail(inbox, other.email, 2);
    expect(linkIn(second.raw, '/verify-email').token).toMatch(/^ev_/);
  });

  it('resets a password by emailed link: single use, ends every session, audited', async () => {
    const unknown = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: uniqueEmail('nobody') },
    });
    // The same answer for an unknown address, and no mail.
    expect(unknown.status).toBe(202);
    const sentBefore = inbox.messages.length;

    const res = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: user.email.toUpperCase() },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ emailSent: true });
    const mail = await waitForMail(inbox, user.email, 2);
    expect(inbox.messages.length).toBe(sentBefore + 1);
    expect(mail.raw).toMatch(/Subject: Reset your PromptOps password/);
    const { token } = linkIn(mail.raw, '/reset-password');

    const weak = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].path).toBe('password');

    const newPassword = 'a brand new passphrase 42';
    const ok = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: newPassword },
    });
    expect(ok.status).toBe(204);

    expect((await login(s, user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(s, user.email, newPassword)).status).toBe(200);
    // The session that existed before the reset is gone.
    const refresh = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: user.refreshToken },
    });
    expect(refresh.status).toBe(401);

    const reuse = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'yet another passphrase 7' },
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body.errors[0].path).toBe('token');

    // Account events go to the user's own security log, never to their organizations.
    const audit = await sql<{ action: string; details: any }>(
      s.ctx,
      `SELECT action, details FROM user_security_events WHERE user_id = $1 AND action LIKE 'auth.password_reset%' ORDER BY at`,
      [user.userId],
    );
    expect(audit.map((a) => a.action)).toEqual(['auth.password_reset_requested', 'auth.password_reset']);
    expect(audit[1]!.details).toMatchObject({ via: 'email', revokedSessions: expect.any(Number) });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('refuses an expired reset link', async () => {
    const other = await signup(s.app);
    await api(s.app, { method: 'POST', url: '/api/v1/auth/password-reset', payload: { email: other.email } });
    const mail = await waitForMail(inbox, other.email, 2);
    const { token } = linkIn(mail.raw, '/reset-password');
    await sql(
      s.ctx,
      `UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'password_reset'`,
      [other.userId],
    );
    const res = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'a brand new passphrase 42' },
    });
    expect(res.status).toBe(400);
    expect((await login(s, other.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('limits reset requests per address', async () => {
    const other = await signup(s.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api(s.app, {
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: other.email },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe('without SMTP', () => {
  let s: TestServer;
  let admin: Session;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await signup(s.app);
  });
  afterAll(async () => s?.close());

  async function invitedMember(role: 'editor' | 'admin' = 'editor'): Promise<Session> {
    const email = uniqueEmail('member');
    const invite = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members`,
      token: admin.accessToken,
      payload: { email, role },
    });
    const res = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email,
        password: TEST_PASSWORD,
        name: 'Member',
        invitationToken: invite.body.invitationToken,
      },
    });
    return {
      userId: res.body.user.id,
      email,
      orgId: admin.orgId,
      accessToken: res.body.accessToken,
      refreshToken: res.body.refreshToken,
    };
  }

  it('keeps sign-up working and does not ask for verification', async () => {
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: admin.accessToken });
    expect(me.body.emailVerificationAvailable).toBe(false);
    expect(me.body.user.emailVerified).toBe(false);
    const reset = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: admin.email },
    });
    expect(reset.status).toBe(503);
    expect(reset.body.detail).toMatch(/admin/);
  });

  it('lets an admin issue a one-time reset link for a member, audited', async () => {
    const member = await invitedMember();
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members/${member.userId}/password-reset-link`,
      token: admin.accessToken,
    });
    expect(res.status).toBe(201);
    expect(res.body.resetUrl).toMatch(/^http:\/\/localhost:\d+\/reset-password#token=pr_/);
    const minutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);
    const token = decodeURIComponent(res.body.resetUrl.split('#token=')[1]);

    const ok = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'chosen by the member 99' },
    });
    expect(ok.status).toBe(204);
    expect((await login(s, member.email, 'chosen by the member 99')).status).toBe(200);
    // An admin's link proves nothing about the mailbox.
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: member.accessToken });
    expect(me.body.user.emailVerified).toBe(false);

    const audit = await sql<{ action: string; actor_id: string; details: any }>(
      s.ctx,
      `SELECT action, actor_id, details FROM audit_events WHERE org_id = $1 AND resource_id = $2 ORDER BY seq`,
      [admin.orgId, member.userId],
    );
    const issued = audit.find((a) => a.action === 'member.password_reset_link_issued');
    expect(issued?.actor_id).toBe(admin.userId);
    const own = await sql<{ action: string; details: any }>(
      s.ctx,
      `SELECT action, details FROM user_security_events WHERE user_id = $1 ORDER BY at`,
      [member.userId],
    );
    expect(own.find((a) => a.action === 'auth.password_reset')?.details.via).toBe('admin_link');
    expect(JSON.stringify([audit, own])).not.toContain(token);
  });

  it('refuses a link for a member who belongs to an organization the admin does not run', async () => {
    const member = await invitedMember();
    await api(s.app, {
      method: 'POST',
      url: '/api/v1/orgs',
      token: member.accessToken,
      payload: { name: 'Member side project' },
    });
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members/${member.userId}/password-reset-link`,
      token: admin.accessToken,
    });
    expect(res.status).toBe(403);
    expect(await sql(s.ctx, 'SELECT 1 FROM user_tokens WHERE user_id = $1', [member.userId])).toHaveLength(0);
  });

  it('answers 404 for a user of another organization and 403 for a non-admin', async () => {
    const stranger = await signup(s.app);
    const foreign = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members/${stranger.userId}/password-reset-link`,
      token: admin.accessToken,
    });
    expect(foreign.status).toBe(404);
    const editor = await invitedMember('editor');
    const byEditor = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/members/${admin.userId}/password-reset-link`,
      token: editor.accessToken,
    });
    expect(byEditor.status).toBe(403);
    expect(await sql(s.ctx, 'SELECT 1 FROM user_tokens WHERE user_id = $1', [admin.userId])).toHaveLength(0);
  });
});

describe('with an unreachable mail server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ SMTP_URL: 'smtp://127.0.0.1:9', SMTP_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => s?.close());

  it('still signs up, answers reset requests the same way, and reports a failed resend', async () => {
    const user = await signup(s.app);
    const reset = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: user.email },
    });
    expect(reset.status).toBe(202);
    const resend = await api(s.app, {
      method: 'POST',
      url: '/api/v1/me/verification-email',
      token: user.accessToken,
    });
    expect(resend.status).toBe(502);
    expect(resend.body.detail).toMatch(/could not be sent/);
    expect(JSON.stringify(resend.body)).not.toContain('127.0.0.1');
  });
});
