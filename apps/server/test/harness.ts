import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import type { Role } from '@promptops/contracts';
import { loadConfig, type Config } from '../src/config.js';
import { buildApp } from '../src/app.js';
import { closeAppContext, createAppContext, type ContextOptions } from '../src/bootstrap.js';
import type { AppContext } from '../src/platform/app-context.js';
import { pgliteSeed } from './template-database.js';

/**
 * An isolated server for one test file: its own database (embedded PGlite in memory, or a fresh
 * PostgreSQL database when the `server:postgres` project runs) and its own Redis key prefix.
 */
export interface TestServer {
  app: FastifyInstance;
  ctx: AppContext;
  dbKind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** A fresh database; a copy of `template` (an already migrated database) when given. */
export async function createPostgresDatabase(
  baseUrl: string,
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `promptops_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestServer(
  env: Record<string, string> = {},
  opts: { logger?: Logger } = {},
): Promise<TestServer> {
  const usePostgres = process.env.PROMPTOPS_TEST_DB === 'postgres';
  let drop: (() => Promise<void>) | undefined;
  const overrides: Record<string, string> = {
    LOG_LEVEL: 'silent',
    PROMPTOPS_MASTER_KEY: randomBytes(32).toString('base64'),
    PROMPTOPS_DATA_DIR: `/tmp/promptops-test-${randomUUID()}`,
    REDIS_PREFIX: `promptops-test:${randomUUID()}:`,
    // Test files sign up many users from one address; the sign-up limit has its own test.
    SIGNUP_MAX_PER_IP: '100000',
    ...env,
  };
  if (usePostgres) {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('server:postgres needs TEST_DATABASE_URL');
    const created = await createPostgresDatabase(base, inject('postgresTemplate'));
    overrides.DATABASE_URL = created.url;
    drop = created.drop;
  }
  if (process.env.TEST_REDIS_URL && !('REDIS_URL' in env)) overrides.REDIS_URL = process.env.TEST_REDIS_URL;
  const config: Config = loadConfig({ ...overrides });
  const ctx = await createAppContext(config, {
    ...(usePostgres ? {} : await embeddedTestOptions()),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    ctx,
    dbKind: usePostgres ? 'postgres' : 'pglite',
    async close() {
      await app.close();
      if (ctx.redis) {
        const keys = await ctx.redis.keys(`${config.REDIS_PREFIX}*`);
        if (keys.length) await ctx.redis.del(...keys);
      }
      await closeAppContext(ctx);
      await drop?.();
    },
  };
}

/**
 * Context options for an in-memory embedded database that starts from the migrated template
 * (an empty one in projects without the template, where the options only matter as a fallback).
 */
export async function embeddedTestOptions(): Promise<ContextOptions> {
  const file = inject('pgliteTemplateFile');
  return { embeddedLocation: 'memory://', ...(file ? { embeddedSeed: await pgliteSeed(file) } : {}) };
}

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomBytes(5).toString('hex')}@example.test`;
}

export interface Session {
  userId: string;
  email: string;
  orgId: string;
  accessToken: string;
  refreshToken: string;
}

export async function api(app: FastifyInstance, opts: InjectOptions & { token?: string }) {
  const { token, headers, ...rest } = opts;
  const res = await app.inject({
    ...rest,
    headers: { ...(headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body ? safeJson(res.body) : undefined,
    raw: res,
  };
}

function safeJson(s: string): any {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export async function signup(
  app: FastifyInstance,
  org = `Org ${randomBytes(3).toString('hex')}`,
): Promise<Session> {
  const email = uniqueEmail();
  const res = await api(app, {
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password: TEST_PASSWORD, name: 'Test User', organizationName: org },
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    userId: res.body.user.id,
    email,
    orgId: res.body.organization.id,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

/**
 * Creates a user with their own org, invites them to `admin.orgId` with `role`, and accepts the
 * invitation as that user.
 */
export async function memberWithRole(app: FastifyInstance, admin: Session, role: Role): Promise<Session> {
  const s = await signup(app);
  const res = await api(app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/members`,
    token: admin.accessToken,
    payload: { email: s.email, role },
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  const accepted = await api(app, {
    method: 'POST',
    url: `/api/v1/me/invitations/${res.body.invitation.id}/accept`,
    token: s.accessToken,
  });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { ...s, orgId: admin.orgId };
}

/** The id of a model of the built-in mock provider that every new organization starts with. */
export async function builtInMockModelId(
  app: FastifyInstance,
  session: Session,
  name = 'mock-fast',
): Promise<string> {
  const res = await api(app, {
    method: 'GET',
    url: `/api/v1/orgs/${session.orgId}/models`,
    token: session.accessToken,
  });
  const model = res.body.items.find((m: { name: string }) => m.name === name);
  if (!model) throw new Error(`no built-in mock model ${name}: ${res.status}`);
  return model.id;
}

export async function apiKey(app: FastifyInstance, admin: Session, role: Role): Promise<string> {
  const res = await api(app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/api-keys`,
    token: admin.accessToken,
    payload: { name: `${role} key`, role },
  });
  if (res.status !== 201) throw new Error(`api key failed: ${res.status}`);
  return res.body.key;
}

export async function sql<T = Record<string, unknown>>(
  ctx: AppContext,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const { rows } = await ctx.database.pool.query(text, params);
  return rows as T[];
}

export interface SseMessage {
  event: string;
  data: any;
  id: string | undefined;
}

/** The events of a real HTTP server-sent-events response as they arrive (comments skipped). */
export async function* sseEvents(res: Response): AsyncGenerator<SseMessage> {
  if (!res.body) throw new Error(`no body (status ${res.status})`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let idx;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data === undefined) continue;
      yield {
        event: /^event: (.*)$/m.exec(block)?.[1] ?? 'message',
        data: JSON.parse(data),
        id: /^id: (.*)$/m.exec(block)?.[1],
      };
    }
  }
}

/** Polls `fn` until it returns something other than undefined/false (no fixed sleeps in tests). */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * For routes whose answer never ends (the change feed): the status and headers only, then the
 * connection is dropped as a client would.
 */
export async function apiStatus(app: FastifyInstance, opts: InjectOptions & { token?: string }) {
  const { token, headers, ...rest } = opts;
  const res = await app.inject({
    ...rest,
    headers: { ...(headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payloadAsStream: true,
  });
  const stream = res.stream();
  const body = res.statusCode >= 300 ? await new Response(stream as never).text() : (stream.destroy(), '');
  return { status: res.statusCode, headers: res.headers, body: body ? safeJson(body) : undefined };
}

/**
 * Per-model limits count per calendar minute. A test whose requests must land in one window starts
 * with a few seconds of it left (near the minute's end it waits for the next one to begin), so a
 * boundary between two requests cannot reset the count mid-test.
 */
export async function withinOneLimitWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
