import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, unwrap, type PromptOpsClient } from '@promptops/client';
import {
  TEST_PASSWORD,
  apiKey,
  signup,
  startTestServer,
  uniqueEmail,
  type Session,
  type TestServer,
} from './harness.js';

/** The generated client against the real server over HTTP: typed paths, bearer auth, problem errors. */
let s: TestServer;
let baseUrl: string;
let owner: Session;

beforeAll(async () => {
  s = await startTestServer();
  baseUrl = await s.app.listen({ host: '127.0.0.1', port: 0 });
  owner = await signup(s.app, 'Client Org');
});
afterAll(async () => s?.close());

describe('generated client', () => {
  it('signs up anonymously, then works with a token function', async () => {
    const anonymous = createClient({ baseUrl });
    const email = uniqueEmail('client');
    const created = await unwrap(
      anonymous.POST('/api/v1/auth/signup', {
        body: { email, password: TEST_PASSWORD, name: 'Client', organizationName: 'Client Co' },
      }),
    );
    expect(created.user.email).toBe(email);

    let current: string | undefined = created.accessToken;
    const client = createClient({ baseUrl, token: () => current });
    const me = await unwrap(client.GET('/api/v1/me'));
    if (!('user' in me)) throw new Error('expected the user form of /me');
    expect(me.memberships.map((m) => m.organization.name)).toEqual(['Client Co']);
    current = undefined;
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });
  });

  it('creates and reads a prompt with an API key, typed end to end', async () => {
    const client: PromptOpsClient = createClient({ baseUrl, token: await apiKey(s.app, owner, 'editor') });
    const path = { orgId: owner.orgId };
    await unwrap(
      client.POST('/api/v1/orgs/{orgId}/prompts', {
        params: { path },
        body: { name: 'support/greeting', type: 'text', template: 'Hello {{name}}' },
      }),
    );
    const version = await unwrap(
      client.GET('/api/v1/orgs/{orgId}/prompts/{name}', {
        params: { path: { ...path, name: 'support/greeting' }, query: { label: 'latest' } },
      }),
    );
    expect(version).toMatchObject({ name: 'support/greeting', version: 1, template: 'Hello {{name}}' });
    expect(version.variables.map((v) => v.name)).toEqual(['name']);
  });

  it('turns problem+json answers into ApiError with the field at fault', async () => {
    const client = createClient({ baseUrl, token: owner.accessToken });
    const error = await unwrap(
      client.POST('/api/v1/orgs/{orgId}/prompts', {
        params: { path: { orgId: owner.orgId } },
        body: { name: '', type: 'text', template: 'x' },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).problem.errors?.map((e) => e.path)).toContain('name');

    const missing = await unwrap(
      client.GET('/api/v1/orgs/{orgId}/prompts/{name}', {
        params: { path: { orgId: owner.orgId, name: 'nope' } },
      }),
    ).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });
});
