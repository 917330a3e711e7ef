import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../src/platform/access-token.js';
import {
  api,
  apiKey,
  memberWithRole,
  signup,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';
import { listeningUrl, promptops, until } from './processes.js';

// The prompt cache answers repeated fetches without the database. These tests check that it never
// answers with something stale: a change made on the same process shows at once, one made on
// another process within a second, and access is checked on every request.

async function createPrompt(s: TestServer, admin: Session, name: string, versions: number) {
  const url = `/api/v1/orgs/${admin.orgId}/prompts`;
  const created = await api(s.app, {
    method: 'POST',
    url,
    token: admin.accessToken,
    payload: { name, template: 'v1 {{who}}' },
  });
  expect(created.status).toBe(201);
  for (let v = 2; v <= versions; v++) {
    const res = await api(s.app, {
      method: 'POST',
      url: `${url}/${encodeURIComponent(name)}/versions`,
      token: admin.accessToken,
      payload: { template: `v${v} {{who}}` },
    });
    expect(res.status).toBe(201);
  }
}

async function moveLabel(s: TestServer, admin: Session, name: string, label: string, version: number) {
  const res = await api(s.app, {
    method: 'PUT',
    url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/labels/${label}`,
    token: admin.accessToken,
    payload: { version },
  });
  expect(res.status).toBe(200);
}

describe('prompt cache on one process', () => {
  let s: TestServer;
  let admin: Session;
  beforeAll(async () => {
    s = await startTestServer();
    admin = await signup(s.app);
  });
  afterAll(async () => s?.close());

  const fetchPrompt = (token: string, name: string, query = '') =>
    api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}${query}`,
      token,
    });

  it('shows a moved label and a new version at once, with the labels of every version current', async () => {
    const name = `cache/${randomBytes(3).toString('hex')}`;
    await createPrompt(s, admin, name, 2);
    await moveLabel(s, admin, name, 'production', 1);
    const key = await apiKey(s.app, admin, 'viewer');

    const first = await fetchPrompt(key, name, '?label=production');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body).toMatchObject({ version: 1, template: 'v1 {{who}}', labels: ['production'] });
    // Served twice: the same bytes.
    expect((await fetchPrompt(key, name, '?label=production')).raw.body).toBe(first.raw.body);
    expect((await fetchPrompt(key, name)).body).toMatchObject({ version: 2, labels: ['latest'] });
    expect((await fetchPrompt(key, name, '?version=2')).body.labels).toEqual(['latest']);

    await moveLabel(s, admin, name, 'production', 2);
    expect((await fetchPrompt(key, name, '?label=production')).body).toMatchObject({
      version: 2,
      labels: ['latest', 'production'],
    });

    const v3 = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/versions`,
      token: admin.accessToken,
      payload: { template: 'v3 {{who}}' },
    });
    expect(v3.status).toBe(201);
    expect((await fetchPrompt(key, name)).body).toMatchObject({ version: 3, labels: ['latest'] });
    expect((await fetchPrompt(key, name, '?version=2')).body.labels).toEqual(['production']);
    expect((await fetchPrompt(key, name, '?label=production')).body.version).toBe(2);
  });

  it('still refuses a revoked key, a removed member and another organization after caching', async () => {
    const name = `cache/${randomBytes(3).toString('hex')}`;
    await createPrompt(s, admin, name, 1);
    await moveLabel(s, admin, name, 'production', 1);
    const viewer = await memberWithRole(s.app, admin, 'viewer');
    const outsider = await signup(s.app);
    const key = await apiKey(s.app, admin, 'viewer');
    const keys = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/api-keys`,
      token: admin.accessToken,
    });
    const keyId = keys.body.items.find((k: { prefix: string }) => key.startsWith(k.prefix)).id;

    expect((await fetchPrompt(key, name, '?label=production')).status).toBe(200);
    expect((await fetchPrompt(viewer.accessToken, name, '?label=production')).status).toBe(200);
    expect((await fetchPrompt(outsider.accessToken, name, '?label=production')).status).toBe(404);

    const revoked = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/api-keys/${keyId}`,
      token: admin.accessToken,
    });
    expect(revoked.status).toBe(204);
    expect((await fetchPrompt(key, name, '?label=production')).status).toBe(401);

    const removed = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/members/${viewer.userId}`,
      token: admin.accessToken,
    });
    expect(removed.status).toBe(204);
    expect((await fetchPrompt(viewer.accessToken, name, '?label=production')).status).toBe(404);
    // The admin still gets the cached answer.
    expect((await fetchPrompt(admin.accessToken, name, '?label=production')).body.version).toBe(1);
  });

  it('refuses an access token once it expires, although its check was remembered', async () => {
    const name = `cache/${randomBytes(3).toString('hex')}`;
    await createPrompt(s, admin, name, 1);
    const shortLived = await signAccessToken(s.ctx.jwtKey, { userId: admin.userId, email: admin.email }, 1);
    expect((await fetchPrompt(shortLived, name)).status).toBe(200);
    // Well within the cache's own 10 s: only the token's expiry can end it.
    const status = await until(
      'the token to expire',
      async () => {
        const res = await fetchPrompt(shortLived, name);
        return res.status !== 200 && res.status;
      },
      5_000,
    );
    expect(status).toBe(401);
  });
});

describe.runIf(process.env.PROMPTOPS_TEST_DB === 'postgres' && process.env.TEST_REDIS_URL)(
  'prompt cache across processes (two `promptops start` on one PostgreSQL and Redis)',
  () => {
    let s: TestServer;
    afterAll(async () => s?.close());

    const start = () =>
      promptops('start', {
        PORT: '0',
        PROMPTOPS_WEB_DIR: '/nonexistent',
        DATABASE_URL: s.ctx.config.DATABASE_URL!,
        REDIS_URL: s.ctx.config.REDIS_URL!,
        REDIS_PREFIX: s.ctx.config.REDIS_PREFIX,
        // The same key as the test's own server: its access tokens are valid here too.
        PROMPTOPS_MASTER_KEY: s.ctx.config.PROMPTOPS_MASTER_KEY!,
        SIGNUP_MAX_PER_IP: '100000',
      });

    it('every process drops a changed prompt, a revoked key and a removed member within a second', async () => {
      s = await startTestServer();
      const processes = [start(), start()];
      const bases = await Promise.all(processes.map((p) => listeningUrl(p)));
      const admin = await signup(s.app);
      const viewer = await memberWithRole(s.app, admin, 'viewer');
      const key = await apiKey(s.app, admin, 'viewer');
      const name = `cache/${randomBytes(3).toString('hex')}`;
      await createPrompt(s, admin, name, 2);
      await moveLabel(s, admin, name, 'production', 1);

      const fetchFrom = async (base: string, token: string) => {
        const res = await fetch(
          `${base}/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}?label=production`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        return { status: res.status, body: (await res.json()) as { version?: number } };
      };
      // Warm both caches (prompt, key, membership); the creation events may still be on their way.
      for (const base of bases) {
        await until('the first answer', async () => (await fetchFrom(base, key)).body.version === 1);
        expect((await fetchFrom(base, viewer.accessToken)).body.version).toBe(1);
      }

      const within = async (what: string, check: (base: string) => Promise<boolean>) => {
        const started = Date.now();
        await Promise.all(bases.map((base) => until(what, () => check(base), 5_000)));
        const ms = Date.now() - started;
        expect(ms, `${what} took ${ms} ms`).toBeLessThan(1000);
      };

      await moveLabel(s, admin, name, 'production', 2);
      await within('the moved label', async (base) => (await fetchFrom(base, key)).body.version === 2);

      const keys = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/api-keys`,
        token: admin.accessToken,
      });
      const keyId = keys.body.items.find((k: { prefix: string }) => key.startsWith(k.prefix)).id;
      for (const base of bases) expect((await fetchFrom(base, key)).status).toBe(200);
      const revoked = await api(s.app, {
        method: 'DELETE',
        url: `/api/v1/orgs/${admin.orgId}/api-keys/${keyId}`,
        token: admin.accessToken,
      });
      expect(revoked.status).toBe(204);
      await within('the revoked key', async (base) => (await fetchFrom(base, key)).status === 401);

      for (const base of bases) expect((await fetchFrom(base, viewer.accessToken)).status).toBe(200);
      const removed = await api(s.app, {
        method: 'DELETE',
        url: `/api/v1/orgs/${admin.orgId}/members/${viewer.userId}`,
        token: admin.accessToken,
      });
      expect(removed.status).toBe(204);
      await within(
        'the removed member',
        async (base) => (await fetchFrom(base, viewer.accessToken)).status === 404,
      );
    }, 120_000);
  },
);
