import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { closeAppContext, createAppContext } from '../src/bootstrap.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { loggerOptions } from '../src/platform/logger.js';
import {
  TEST_PASSWORD,
  api,
  embeddedTestOptions,
  signup,
  startTestServer,
  uniqueEmail,
  type TestServer,
} from './harness.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe('operational endpoints', () => {
  it('healthz and readyz report liveness, the database and current migrations', async () => {
    expect((await api(s.app, { method: 'GET', url: '/healthz' })).body).toEqual({ status: 'ok' });
    const ready = await api(s.app, { method: 'GET', url: '/readyz' });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      database: s.dbKind,
      redis: { status: s.ctx.redis ? 'up' : 'off' },
    });
    expect(ready.body.migrations.applied).toBe(ready.body.migrations.expected);
  });

  it('metrics expose the HTTP histogram by route template, method and status, and process metrics', async () => {
    await api(s.app, { method: 'GET', url: `/api/v1/orgs/00000000-0000-4000-8000-000000000000/members` });
    const res = await api(s.app, { method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.raw.body;
    expect(text).toMatch(
      /promptops_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/orgs\/:orgId\/members",status="401"\}/,
    );
    expect(text).toContain('promptops_process_cpu_user_seconds_total');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('serves an OpenAPI 3.1 document listing every route with its schemas', async () => {
    const res = await api(s.app, { method: 'GET', url: '/api/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const route of s.app.apiRoutes) {
      const p = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[p]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${p} missing from OpenAPI`).toBeDefined();
      expect(Object.keys(op.responses ?? {}).length, `${route.method} ${p} has no responses`).toBeGreaterThan(
        0,
      );
      const success = Object.keys(op.responses).find((code) => code.startsWith('2'));
      expect(success, `${route.method} ${p} has no success response`).toBeDefined();
      if (['post', 'put', 'patch'].includes(route.method.toLowerCase()) && !p.endsWith('/logout')) {
        expect(op.requestBody, `${route.method} ${p} has no request body schema`).toBeDefined();
      }
    }
    const docs = await api(s.app, { method: 'GET', url: '/api/docs/' });
    expect(docs.status).toBe(200);
    expect(docs.raw.body).toContain('swagger');
  });
});

describe('errors', () => {
  it('answers malformed JSON, unknown routes and wrong media types with problem+json', async () => {
    const bad = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).not.toMatch(/at .*\.js:\d+/);
    const missing = await api(s.app, { method: 'GET', url: '/api/v1/nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found' });
    const media = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<x/>',
    });
    expect(media.statusCode).toBe(415);
  });

  it('echoes a safe request id and generates one otherwise', async () => {
    const given = await s.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(given.headers['x-request-id']).toBe('trace-123');
    const generated = await s.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logging', () => {
  it('never writes passwords, tokens, keys or Authorization headers', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const logger = pino({ ...loggerOptions('debug') }, sink);
    const ctx = await createAppContext(
      loadConfig({
        PROMPTOPS_MASTER_KEY: s.ctx.config.PROMPTOPS_MASTER_KEY!,
        ...(s.ctx.config.DATABASE_URL ? { DATABASE_URL: s.ctx.config.DATABASE_URL } : {}),
      }),
      { ...(await embeddedTestOptions()), logger },
    );
    const app = await buildApp(ctx);
    try {
      const email = uniqueEmail();
      const res = await api(app, {
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password: TEST_PASSWORD, name: 'Log', organizationName: 'Logs' },
      });
      expect(res.status).toBe(201);
      await api(app, {
        method: 'GET',
        url: '/api/v1/me',
        token: res.body.accessToken,
        headers: { cookie: 'session=secret-cookie' },
      });
      await api(app, { method: 'GET', url: `/api/v1/invitations/inv_secret_token_value` });
      logger.info(
        { body: { password: TEST_PASSWORD, apiKey: 'sk-live-123', refreshToken: res.body.refreshToken } },
        'object with secrets',
      );
      const all = lines.join('');
      expect(lines.length).toBeGreaterThan(4);
      for (const secret of [
        TEST_PASSWORD,
        res.body.accessToken,
        res.body.refreshToken,
        'sk-live-123',
        'secret-cookie',
      ]) {
        expect(all).not.toContain(secret);
      }
      expect(all).toContain('[redacted]');
    } finally {
      await app.close();
      await closeAppContext(ctx);
    }
  });
});

describe('configuration', () => {
  it('rejects bad values with a message naming each variable', () => {
    expect(() =>
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', PROMPTOPS_MASTER_KEY: 'short' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
    }
    expect(loadConfig({}).PORT).toBe(3000);
  });
});

describe.runIf(process.env.PROMPTOPS_TEST_DB !== 'postgres')('embedded database on disk', () => {
  it('keeps all data across a restart on the same data dir', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'promptops-data-'));
    try {
      const config = loadConfig({ PROMPTOPS_DATA_DIR: dir, LOG_LEVEL: 'silent' });
      const ctx1 = await createAppContext(config);
      const app1 = await buildApp(ctx1, { logger: false });
      const session = await signup(app1, 'Durable Org');
      await app1.close();
      await closeAppContext(ctx1);

      const ctx2 = await createAppContext(config);
      const app2 = await buildApp(ctx2, { logger: false });
      try {
        // Same generated master key, so the old access token still verifies.
        const me = await api(app2, { method: 'GET', url: '/api/v1/me', token: session.accessToken });
        expect(me.status).toBe(200);
        expect(me.body.memberships[0].organization.name).toBe('Durable Org');
        const login = await api(app2, {
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: session.email, password: TEST_PASSWORD },
        });
        expect(login.status).toBe(200);
      } finally {
        await app2.close();
        await closeAppContext(ctx2);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('generated OpenAPI document', () => {
  it('docs/openapi.json matches the live spec (run `npm run openapi` after changing routes)', async () => {
    const { readFile } = await import('node:fs/promises');
    const committed = JSON.parse(
      await readFile(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    );
    expect(s.app.swagger()).toEqual(committed);
  });
});
