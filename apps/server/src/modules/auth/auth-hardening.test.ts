import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createAppContext } from '../../bootstrap.js';
import { ConfigError } from '../../config.js';
import {
  api,
  signup,
  startTestServer,
  TEST_PASSWORD,
  uniqueEmail,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

beforeAll(async () => {
  s = await startTestServer({ SIGNUP_MAX_PER_IP: '3', METRICS_TOKEN });
});
afterAll(async () => s?.close());

const login = (email: string, password: string, ip: string) =>
  api(s.app, { method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
const signupFrom = (ip: string) =>
  api(s.app, {
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email: uniqueEmail('su'), password: TEST_PASSWORD, name: 'N', organizationName: 'O' },
    remoteAddress: ip,
  });

describe('login lockout', () => {
  it('locks the account for the address that failed, not for everyone', async () => {
    const email = uniqueEmail('victim');
    expect((await signupFrom('10.1.0.1')).status).toBe(201);
    const res = await api(s.app, {
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email, password: TEST_PASSWORD, name: 'Victim', organizationName: 'V' },
      remoteAddress: '10.1.0.2',
    });
    expect(res.status).toBe(201);
    const max = s.ctx.config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT;
    for (let i = 0; i < max; i++)
      expect((await login(email, 'wrong password!', '10.66.6.6')).status).toBe(401);
    expect((await login(email, TEST_PASSWORD, '10.66.6.6')).status).toBe(429);
    // The owner, from their own address, still gets in.
    expect((await login(email, TEST_PASSWORD, '10.1.0.2')).status).toBe(200);
  });
});

describe('sign-up rate limit', () => {
  it('refuses the fourth sign-up from one address with 429, others are unaffected', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 3; i++) expect((await signupFrom(ip)).status).toBe(201);
    const blocked = await signupFrom(ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signupFrom('10.2.0.2')).status).toBe(201);
  });
});

describe('access tokens', () => {
  it('refuses a correctly signed token without exp', async () => {
    const session = await signup(s.app);
    const forever = await new SignJWT({ email: session.email, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.userId)
      .setIssuer('promptops')
      .setAudience('promptops-api')
      .setIssuedAt()
      .sign(s.ctx.jwtKey);
    expect((await api(s.app, { method: 'GET', url: '/api/v1/me', token: forever })).status).toBe(401);
    // The same claims with exp are accepted: the key and claims are right, only exp was missing.
    const withExp = await new SignJWT({ email: session.email, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.userId)
      .setIssuer('promptops')
      .setAudience('promptops-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(s.ctx.jwtKey);
    expect((await api(s.app, { method: 'GET', url: '/api/v1/me', token: withExp })).status).toBe(200);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  it('answers 401 without the token or with a wrong one, 200 with it', async () => {
    expect((await api(s.app, { method: 'GET', url: '/metrics' })).status).toBe(401);
    expect(
      (await api(s.app, { method: 'GET', url: '/metrics', token: 'wrong-token-0123456789abcdef' })).status,
    ).toBe(401);
    const ok = await api(s.app, { method: 'GET', url: '/metrics', token: METRICS_TOKEN });
    expect(ok.status).toBe(200);
    expect(ok.raw.body).toContain('promptops_http_request_duration_seconds');
  });
});

describe('master key', () => {
  it('refuses to start with DATABASE_URL and no PROMPTOPS_MASTER_KEY', async () => {
    const dataDir = `/tmp/promptops-nokey-${randomBytes(4).toString('hex')}`;
    const config = loadConfig({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      PROMPTOPS_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    const err = await createAppContext(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain('PROMPTOPS_MASTER_KEY');
  });
});
