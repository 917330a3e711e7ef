import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_REUSE_GRACE_SECONDS, describeWait } from './auth.service.js';
import {
  TEST_PASSWORD,
  api,
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

const post = (url: string, payload: unknown, token?: string) =>
  api(s.app, {
    method: 'POST',
    url: `/api/v1${url}`,
    payload: payload as object,
    ...(token ? { token } : {}),
  });

describe('signup', () => {
  it('creates the user, an organization with them as admin, and a session', async () => {
    const email = uniqueEmail();
    const res = await post('/auth/signup', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      name: 'Ada',
      organizationName: 'Analytical Engines',
    });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email);
    expect(res.body.organization).toMatchObject({
      name: 'Analytical Engines',
      slug: expect.stringMatching(/^analytical-engines/),
    });
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([
      { organization: expect.objectContaining({ id: res.body.organization.id }), role: 'admin' },
    ]);
    const [row] = await sql<{ password_hash: string }>(
      s.ctx,
      'SELECT password_hash FROM users WHERE email = $1',
      [email],
    );
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row!.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('enforces the password policy with field errors', async () => {
    const email = uniqueEmail();
    const short = await post('/auth/signup', { email, password: 'short', name: 'A', organizationName: 'O' });
    expect(short.status).toBe(400);
    expect(short.headers['content-type']).toContain('application/problem+json');
    expect(short.body.errors).toEqual([{ path: 'password', message: expect.stringContaining('12') }]);
    const same = await post('/auth/signup', { email, password: email, name: 'A', organizationName: 'O' });
    expect(same.status).toBe(400);
    expect(same.body.errors[0].path).toBe('password');
    const count = await sql(s.ctx, 'SELECT 1 FROM users WHERE email = $1', [email]);
    expect(count).toHaveLength(0);
  });

  it('rejects a duplicate email with 409 and writes nothing', async () => {
    const first = await signup(s.app);
    const orgsBefore = await sql(s.ctx, 'SELECT id FROM organizations');
    const dup = await post('/auth/signup', {
      email: first.email,
      password: TEST_PASSWORD,
      name: 'B',
      organizationName: 'Other',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([{ path: 'email', message: 'Already registered' }]);
    expect(await sql(s.ctx, 'SELECT id FROM organizations')).toHaveLength(orgsBefore.length);
  });
});

describe('login', () => {
  it('logs in with the right password and records the event in the user’s own log only', async () => {
    const u = await signup(s.app);
    const res = await post('/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: u.userId },
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^rt_/),
    });
    const events = await sql(
      s.ctx,
      `SELECT action FROM user_security_events WHERE user_id = $1 AND action = 'auth.login'`,
      [u.userId],
    );
    expect(events).toHaveLength(1);
    expect(
      await sql(s.ctx, `SELECT 1 FROM audit_events WHERE action LIKE 'auth.%' AND actor_id = $1`, [u.userId]),
    ).toHaveLength(0);
  });

  it('rejects a wrong password with 401 and records the failure in the user’s own log', async () => {
    const u = await signup(s.app);
    const res = await post('/auth/login', { email: u.email, password: 'not the password!' });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Email or password is incorrect');
    const events = await sql<{ details: { reason: string } }>(
      s.ctx,
      `SELECT details FROM user_security_events WHERE user_id = $1 AND action = 'auth.login_failed'`,
      [u.userId],
    );
    expect(events.map((e) => e.details.reason)).toEqual(['wrong_password']);
    expect(
      await sql(s.ctx, `SELECT 1 FROM audit_events WHERE org_id = $1 AND action LIKE 'auth.%'`, [u.orgId]),
    ).toHaveLength(0);
  });

  it('gives the same answer for an unknown account (no enumeration) and audits it org-less', async () => {
    const email = uniqueEmail('ghost');
    const res = await post('/auth/login', { email, password: 'whatever-password' });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Email or password is incorrect');
    const events = await sql(s.ctx, `SELECT 1 FROM audit_events WHERE org_id IS NULL AND actor_email = $1`, [
      email,
    ]);
    expect(events).toHaveLength(1);
  });

  it('rate-limits attempts per account with 429 and Retry-After', async () => {
    const u = await signup(s.app);
    const max = s.ctx.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT;
    for (let i = 0; i < max; i++)
      expect((await post('/auth/login', { email: u.email, password: 'wrong password!' })).status).toBe(401);
    const blocked = await post('/auth/login', { email: u.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
    // One sentence a person reads at a glance: the wait in minutes, no second "try again".
    expect(blocked.body.detail).toMatch(/^Too many login attempts; try again in \d+ minutes?\.$/);
  });

  it('describes waits in minutes, or seconds under a minute', () => {
    expect(describeWait(896)).toBe('15 minutes');
    expect(describeWait(60)).toBe('1 minute');
    expect(describeWait(61)).toBe('2 minutes');
    expect(describeWait(40)).toBe('40 seconds');
    expect(describeWait(0.2)).toBe('1 second');
  });
});

describe('login rate limit per IP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
  });
  afterAll(async () => t?.close());

  it('blocks an address that tries many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await api(t.app, {
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: uniqueEmail(), password: 'whatever-password' },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const other = await api(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.9.8.7',
      payload: { email: uniqueEmail(), password: 'whatever-password' },
    });
    expect(other.status).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotates on every refresh and each token works once', async () => {
    const u = await signup(s.app);
    const r1 = await post('/auth/refresh', { refreshToken: u.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(u.refreshToken);
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: r1.body.accessToken });
    expect(me.status).toBe(200);
    const r2 = await post('/auth/refresh', { refreshToken: r1.body.refreshToken });
    expect(r2.status).toBe(200);
    const stored = await sql<{ token_hash: string }>(
      s.ctx,
      'SELECT token_hash FROM refresh_tokens WHERE user_id = $1',
      [u.userId],
    );
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('revokes the whole family when a rotated token is presented again (stolen token)', async () => {
    const u = await signup(s.app);
    const legit = await post('/auth/refresh', { refreshToken: u.refreshToken });
    expect(legit.status).toBe(200);
    // The thief replays the copied token from another machine, even within the reuse grace.
    const replay = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/refresh',
      remoteAddress: '203.0.113.66',
      payload: { refreshToken: u.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.detail).toContain('already used');
    // The newest token, held by the legitimate user, is dead too.
    const next = await post('/auth/refresh', { refreshToken: legit.body.refreshToken });
    expect(next.status).toBe(401);
    const events = await sql(
      s.ctx,
      `SELECT 1 FROM user_security_events WHERE user_id = $1 AND action = 'auth.refresh_reuse_detected'`,
      [u.userId],
    );
    expect(events).toHaveLength(1);
  });

  it('rejects unknown tokens', async () => {
    expect((await post('/auth/refresh', { refreshToken: 'rt_nope' })).status).toBe(401);
  });

  it('logout revokes the refresh token', async () => {
    const u = await signup(s.app);
    const out = await post('/auth/logout', { refreshToken: u.refreshToken });
    expect(out.status).toBe(204);
    expect((await post('/auth/refresh', { refreshToken: u.refreshToken })).status).toBe(401);
  });
});

describe('concurrent refresh grace', () => {
  const familyRevoked = async (userId: string) => {
    const rows = await sql<{ open: string }>(
      s.ctx,
      'SELECT count(*) FILTER (WHERE revoked_at IS NULL) AS open FROM refresh_tokens WHERE user_id = $1',
      [userId],
    );
    return Number(rows[0]!.open) === 0;
  };

  it('lets two tabs refresh the same token at once: both get a working session', async () => {
    const u = await signup(s.app);
    const [a, b] = await Promise.all([
      post('/auth/refresh', { refreshToken: u.refreshToken }),
      post('/auth/refresh', { refreshToken: u.refreshToken }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.refreshToken).not.toBe(b.body.refreshToken);
    expect(await familyRevoked(u.userId)).toBe(false);
    // Each tab's new token works (once), and so do their access tokens.
    for (const r of [a, b]) {
      const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: r.body.accessToken });
      expect(me.status).toBe(200);
      expect((await post('/auth/refresh', { refreshToken: r.body.refreshToken })).status).toBe(200);
    }
    const reuse = await sql(
      s.ctx,
      `SELECT 1 FROM user_security_events WHERE user_id = $1 AND action = 'auth.refresh_reuse_detected'`,
      [u.userId],
    );
    expect(reuse).toHaveLength(0);
  });

  it('still revokes the family when the rotated token comes back after the grace', async () => {
    const u = await signup(s.app);
    const first = await post('/auth/refresh', { refreshToken: u.refreshToken });
    expect(first.status).toBe(200);
    // Move the rotation into the past instead of waiting for the grace to run out.
    await sql(
      s.ctx,
      `UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $2) WHERE user_id = $1 AND used_at IS NOT NULL`,
      [u.userId, REFRESH_REUSE_GRACE_SECONDS + 1],
    );
    const late = await post('/auth/refresh', { refreshToken: u.refreshToken });
    expect(late.status).toBe(401);
    expect(late.body.detail).toContain('already used');
    expect(await familyRevoked(u.userId)).toBe(true);
    expect((await post('/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
  });

  it('treats a replay within the grace from another browser as reuse', async () => {
    const u = await signup(s.app);
    expect((await post('/auth/refresh', { refreshToken: u.refreshToken })).status).toBe(200);
    const other = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { 'user-agent': 'curl/8.0' },
      payload: { refreshToken: u.refreshToken },
    });
    expect(other.status).toBe(401);
    expect(await familyRevoked(u.userId)).toBe(true);
  });
});

describe('access tokens', () => {
  it('rejects missing, malformed, tampered and foreign tokens with 401 problems', async () => {
    const u = await signup(s.app);
    expect((await api(s.app, { method: 'GET', url: '/api/v1/me' })).status).toBe(401);
    expect(
      (await api(s.app, { method: 'GET', url: '/api/v1/me', headers: { authorization: 'Basic abc' } }))
        .status,
    ).toBe(401);
    const [h, p, sig] = u.accessToken.split('.');
    const tampered = `${h}.${p}.${sig!.slice(0, -2)}xx`;
    const res = await api(s.app, { method: 'GET', url: '/api/v1/me', token: tampered });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
