import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  signup,
  sql,
  startTestServer,
  TEST_PASSWORD,
  uniqueEmail,
  type Session,
  type TestServer,
} from './harness.js';

// Ten identical creates at once: the services' "already exists?" checks all pass before any
// insert commits, so the database's unique indexes decide. The loser must hear 409, not 500.
let s: TestServer;
let admin: Session;

beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app, 'Race Org');
});
afterAll(async () => s?.close());

const tenAtOnce = async (request: () => ReturnType<typeof api>) =>
  Promise.all(Array.from({ length: 10 }, () => request()));
const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();
const oneCreatedNineConflicts = (results: { status: number; headers: Record<string, unknown> }[]) => {
  expect(statuses(results)).toEqual([201, ...Array<number>(9).fill(409)]);
  for (const r of results.filter((r) => r.status === 409)) {
    expect(r.headers['content-type']).toContain('application/problem+json');
  }
};

describe('concurrent identical creates', () => {
  it('sign-up with one email: one account, nine 409', async () => {
    const email = uniqueEmail('race');
    const results = await tenAtOnce(() =>
      api(s.app, {
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password: TEST_PASSWORD, name: 'Racer', organizationName: 'Racing' },
        headers: { 'x-forwarded-for': `10.9.${randomBytes(1)[0]}.${randomBytes(1)[0]}` },
      }),
    );
    oneCreatedNineConflicts(results);
    expect(results.find((r) => r.status === 409)!.body.errors).toEqual([
      { path: 'email', message: expect.any(String) },
    ]);
    const users = await sql(s.ctx, 'SELECT id FROM users WHERE email = $1', [email]);
    expect(users).toHaveLength(1);
  });

  it('organizations with one name: all ten created, each with its own slug', async () => {
    const name = `Same Name ${randomBytes(3).toString('hex')}`;
    const results = await tenAtOnce(() =>
      api(s.app, { method: 'POST', url: '/api/v1/orgs', token: admin.accessToken, payload: { name } }),
    );
    expect(statuses(results)).toEqual(Array<number>(10).fill(201));
    expect(new Set(results.map((r) => r.body.slug)).size).toBe(10);
  });

  it('providers with one name: one created, nine 409', async () => {
    const name = `Provider ${randomBytes(3).toString('hex')}`;
    const results = await tenAtOnce(() =>
      api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/providers`,
        token: admin.accessToken,
        payload: { name, type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' },
      }),
    );
    oneCreatedNineConflicts(results);
    const rows = await sql(s.ctx, 'SELECT id FROM providers WHERE org_id = $1 AND name = $2', [
      admin.orgId,
      name,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('models with one name: one created, nine 409', async () => {
    const provider = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/providers`,
      token: admin.accessToken,
      payload: {
        name: `Models ${randomBytes(3).toString('hex')}`,
        type: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:9/v1',
      },
    });
    expect(provider.status).toBe(201);
    const results = await tenAtOnce(() =>
      api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/models`,
        token: admin.accessToken,
        payload: {
          providerId: provider.body.id,
          name: 'race-model',
          inputPricePerMTok: '1',
          outputPricePerMTok: '2',
        },
      }),
    );
    oneCreatedNineConflicts(results);
  });

  it('invitations of one email: one created, nine 409', async () => {
    const email = uniqueEmail('invitee');
    const results = await tenAtOnce(() =>
      api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/members`,
        token: admin.accessToken,
        payload: { email, role: 'viewer' },
      }),
    );
    oneCreatedNineConflicts(results);
    const rows = await sql(s.ctx, 'SELECT id FROM invitations WHERE org_id = $1 AND email = $2', [
      admin.orgId,
      email,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('adding one existing user as a member: one added, nine 409', async () => {
    const other = await signup(s.app);
    const results = await tenAtOnce(() =>
      api(s.app, {
        method: 'POST',
        url: `/api/v1/orgs/${admin.orgId}/members`,
        token: admin.accessToken,
        payload: { email: other.email, role: 'viewer' },
      }),
    );
    oneCreatedNineConflicts(results);
  });
});
