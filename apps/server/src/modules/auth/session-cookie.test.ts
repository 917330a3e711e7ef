import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_TOKEN_COOKIE } from '@promptops/contracts';
import { TEST_PASSWORD, api, signup, sql, startTestServer, type TestServer } from '../../../test/harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

const ORIGIN = 'http://promptops.test';
/** What the web app sends: the opt-in header, from its own origin (Host matches Origin). */
const browser = { 'x-promptops-session': 'cookie', origin: ORIGIN, host: 'promptops.test' };

function setCookieOf(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  const ours = all.filter((c: string) => c.startsWith(`${REFRESH_TOKEN_COOKIE}=`));
  expect(ours).toHaveLength(1);
  return ours[0]!;
}

const cookieValue = (setCookie: string) => setCookie.split(';')[0]!.slice(REFRESH_TOKEN_COOKIE.length + 1);

async function browserLogin() {
  const u = await signup(s.app);
  const res = await api(s.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: browser,
    payload: { email: u.email, password: TEST_PASSWORD },
  });
  expect(res.status).toBe(200);
  return { user: u, res, token: cookieValue(setCookieOf(res)) };
}

const refreshWithCookie = (token: string, headers: Record<string, string> = browser) =>
  api(s.app, {
    method: 'POST',
    url: '/api/v1/auth/refresh',
    headers: { ...headers, cookie: `${REFRESH_TOKEN_COOKIE}=${token}` },
    payload: {},
  });

describe('browser sessions: refresh token in an httpOnly cookie', () => {
  it('login sets an httpOnly, SameSite=Strict cookie on the auth path and keeps the token out of the body', async () => {
    const { res, token } = await browserLogin();
    const cookie = setCookieOf(res);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/api\/v1\/auth(;|$)/);
    expect(cookie).toMatch(/; Max-Age=2592000/);
    // Served over plain http here: a Secure cookie would never come back.
    expect(cookie).not.toMatch(/; Secure/);
    expect(token).toMatch(/^rt_/);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body).not.toHaveProperty('refreshToken');
  });

  it('marks the cookie Secure when the app is reached over https', async () => {
    const https = await startTestServer({ TRUST_PROXY: 'true' });
    try {
      const u = await signup(https.app);
      const res = await api(https.app, {
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { ...browser, origin: 'https://promptops.test', 'x-forwarded-proto': 'https' },
        payload: { email: u.email, password: TEST_PASSWORD },
      });
      expect(res.status).toBe(200);
      expect(setCookieOf(res)).toMatch(/; Secure/);
    } finally {
      await https.close();
    }
  });

  it('signup in a browser session sets the cookie too', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: browser,
      payload: {
        email: `cookie-${Date.now()}@example.test`,
        password: TEST_PASSWORD,
        name: 'C',
        organizationName: 'Cookie Org',
      },
    });
    expect(res.status).toBe(201);
    expect(cookieValue(setCookieOf(res))).toMatch(/^rt_/);
    expect(res.body).not.toHaveProperty('refreshToken');
  });

  it('refreshes from the cookie and rotates it', async () => {
    const { token } = await browserLogin();
    const res = await refreshWithCookie(token);
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('refreshToken');
    const next = cookieValue(setCookieOf(res));
    expect(next).toMatch(/^rt_/);
    expect(next).not.toBe(token);
    const me = await api(s.app, { method: 'GET', url: '/api/v1/me', token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect((await refreshWithCookie(next)).status).toBe(200);
  });

  it('two tabs refreshing the same cookie at once both stay signed in', async () => {
    const { token } = await browserLogin();
    const [a, b] = await Promise.all([refreshWithCookie(token), refreshWithCookie(token)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    // Whichever Set-Cookie the browser keeps, it works.
    expect((await refreshWithCookie(cookieValue(setCookieOf(a)))).status).toBe(200);
    expect((await refreshWithCookie(cookieValue(setCookieOf(b)))).status).toBe(200);
  });

  it('refuses a cookie refresh from another site and leaves the session usable', async () => {
    const { token } = await browserLogin();
    const evil = await refreshWithCookie(token, { ...browser, origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers['content-type']).toContain('application/problem+json');
    const crossSite = await refreshWithCookie(token, { ...browser, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    // Without the custom header (a plain cross-site form post) the cookie is not even looked at.
    const formPost = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: { cookie: `${REFRESH_TOKEN_COOKIE}=${token}` },
      payload: {},
    });
    expect(formPost.status).toBe(400);
    // Logging the victim out, or into another account, from another site is refused as well.
    const evilLogout = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...browser, origin: 'https://evil.example', cookie: `${REFRESH_TOKEN_COOKIE}=${token}` },
      payload: {},
    });
    expect(evilLogout.status).toBe(403);
    const evilLogin = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { ...browser, origin: 'https://evil.example' },
      payload: { email: 'someone@example.test', password: TEST_PASSWORD },
    });
    expect(evilLogin.status).toBe(403);
    expect(evilLogin.headers['set-cookie']).toBeUndefined();
    // None of those used the token: the stored row is untouched and the owner still refreshes.
    const [row] = await sql<{ used_at: Date | null }>(
      s.ctx,
      'SELECT used_at FROM refresh_tokens WHERE token_hash = encode(sha256($1::bytea), $2)',
      [token, 'hex'],
    );
    expect(row!.used_at).toBeNull();
    expect((await refreshWithCookie(token)).status).toBe(200);
  });

  it('answers 401 and clears the cookie when it no longer works', async () => {
    const res = await refreshWithCookie('rt_unknown');
    expect(res.status).toBe(401);
    expect(setCookieOf(res)).toMatch(/^promptops_refresh=;.*Expires=Thu, 01 Jan 1970/);
    const none = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/refresh',
      headers: browser,
      payload: {},
    });
    expect(none.status).toBe(401);
  });

  it('logout revokes the cookie session and clears the cookie', async () => {
    const { token } = await browserLogin();
    const out = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...browser, cookie: `${REFRESH_TOKEN_COOKIE}=${token}` },
      payload: {},
    });
    expect(out.status).toBe(204);
    const cleared = setCookieOf(out);
    expect(cleared).toMatch(/^promptops_refresh=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(cleared).toMatch(/; Path=\/api\/v1\/auth(;|$)/);
    expect((await refreshWithCookie(token)).status).toBe(401);
    // Signing out again without a cookie still succeeds (and still clears it).
    const again = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: browser,
      payload: {},
    });
    expect(again.status).toBe(204);
  });

  it('leaves API clients on body tokens: no cookie, refreshToken in the body', async () => {
    const u = await signup(s.app);
    const login = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(login.body.refreshToken).toMatch(/^rt_/);
    const missing = await api(s.app, { method: 'POST', url: '/api/v1/auth/refresh', payload: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('refreshToken');
    const refreshed = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: login.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers['set-cookie']).toBeUndefined();
    expect(refreshed.body.refreshToken).toMatch(/^rt_/);
  });
});
