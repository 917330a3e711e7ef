import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import {
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

/**
 * SSRF through provider base URLs (issue: "SSRF with the answer read back"): the egress policy at
 * create/update and at connect time, redirects, and upstream error bodies kept from non-admins.
 */
let open: TestServer; // the embedded default: private egress allowed
let strict: TestServer; // PROMPTOPS_EGRESS_ALLOW_PRIVATE=false
let mock: MockLlmServer;
let target: Server; // an "internal" service answering with revealing errors, or redirecting
let targetUrl: string;
let targetHits = 0;
const BANNER = 'internal-db01.corp:5432 says hello';

beforeAll(async () => {
  mock = await startMockLlm({ port: 0, chunkGapMs: 1 });
  target = createServer((req, res) => {
    targetHits += 1;
    if (req.url?.startsWith('/redirect')) {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      return;
    }
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { message: `${BANNER} ${'x'.repeat(2000)}` } }));
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  [open, strict] = await Promise.all([
    startTestServer(),
    startTestServer({ PROMPTOPS_EGRESS_ALLOW_PRIVATE: 'false' }),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([open?.close(), strict?.close(), mock?.close()]);
  await new Promise((r) => target.close(r));
});

async function addProvider(s: TestServer, org: Session, baseUrl: string, settings: object = {}) {
  return api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${org.orgId}/providers`,
    token: org.accessToken,
    payload: {
      name: `p-${Math.random().toString(36).slice(2)}`,
      type: 'openai-compatible',
      baseUrl,
      settings,
    },
  });
}

async function addModel(s: TestServer, org: Session, providerId: string) {
  const m = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${org.orgId}/models`,
    token: org.accessToken,
    payload: { providerId, name: 'gpt-4o-mini', inputPricePerMTok: '1', outputPricePerMTok: '1' },
  });
  expect(m.status).toBe(201);
  return m.body.id as string;
}

const run = (s: TestServer, who: Session, orgId: string, modelId: string) =>
  api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${orgId}/executions`,
    token: who.accessToken,
    payload: { template: 'hi', modelId },
  });

describe('egress policy on provider base URLs', () => {
  it('refuses cloud metadata and link-local targets at create and update, naming baseUrl', async () => {
    const org = await signup(open.app);
    for (const url of [
      'http://169.254.169.254/latest',
      'http://[fd00:ec2::254]/v1',
      'http://metadata.google.internal/v1',
      'http://2852039166/v1',
    ]) {
      const res = await addProvider(open, org, url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ path: 'baseUrl' });
      expect(res.body.errors[0].message).toMatch(/egress policy/);
    }
    const ok = await addProvider(open, org, `${mock.url}/v1`);
    expect(ok.status).toBe(201);
    const patch = await api(open.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${org.orgId}/providers/${ok.body.id}`,
      token: org.accessToken,
      payload: { baseUrl: 'http://169.254.169.254/v1' },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.errors[0].path).toBe('baseUrl');
    const [row] = await sql<{ base_url: string }>(open.ctx, 'SELECT base_url FROM providers WHERE id = $1', [
      ok.body.id,
    ]);
    expect(row!.base_url).toBe(`${mock.url}/v1`);
  });

  it('refuses loopback in numeric forms when private egress is off; the built-in mock still works', async () => {
    const org = await signup(strict.app);
    for (const url of [
      'http://2130706433:9/v1',
      'http://0x7f.1:9/v1',
      'http://[::ffff:127.0.0.1]:9/v1',
      `${mock.url}/v1`,
    ]) {
      const res = await addProvider(strict, org, url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors[0].path).toBe('baseUrl');
    }
    const builtin = await api(strict.app, {
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/providers`,
      token: org.accessToken,
      payload: { name: 'Mock', type: 'mock' },
    });
    expect(builtin.status).toBe(201);
    const models = await api(strict.app, {
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/models`,
      token: org.accessToken,
    });
    const mockModel = models.body.items.find((m: { providerId: string }) => m.providerId === builtin.body.id);
    const res = await run(strict, org, org.orgId, mockModel.id);
    expect(res.status).toBe(201);
    expect(res.body.execution.status).toBe('succeeded');
  });

  it('checks again at connect time: a stored loopback URL is refused without any request', async () => {
    const org = await signup(strict.app);
    // As if stored before the policy was turned on.
    const [p] = await sql<{ id: string }>(
      strict.ctx,
      `INSERT INTO providers (org_id, name, type, base_url, settings) VALUES ($1, 'legacy', 'openai-compatible', $2, '{"maxRetries": 2}') RETURNING id`,
      [org.orgId, `${mock.url}/v1`],
    );
    const modelId = await addModel(strict, org, p!.id);
    mock.reset();
    const res = await run(strict, org, org.orgId, modelId);
    expect(res.status).toBe(502);
    expect(res.body.detail).toMatch(/Refused by the egress policy: 127\.0\.0\.1 is a loopback address/);
    const exec = await api(strict.app, {
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/executions/${res.body.executionId}`,
      token: org.accessToken,
    });
    // Refusals are not retried and never reach the target.
    expect(exec.body.execution).toMatchObject({ status: 'failed', attempts: 1 });
    expect(mock.stats().total).toBe(0);
  });

  it('refuses a redirect to a refused address (and any redirect)', async () => {
    const org = await signup(open.app);
    const p = await addProvider(open, org, `${targetUrl}/redirect/v1`, { maxRetries: 0 });
    expect(p.status).toBe(201);
    const modelId = await addModel(open, org, p.body.id);
    const before = targetHits;
    const res = await run(open, org, org.orgId, modelId);
    expect(res.status).toBe(502);
    expect(res.body.detail).toMatch(/redirects are refused/);
    // One request to the redirecting server; the redirect itself was never followed or retried.
    expect(targetHits).toBe(before + 1);
  });

  it('shows the upstream error body only to admins, trimmed; others get the status code', async () => {
    const admin = await signup(open.app);
    const editor = await memberWithRole(open.app, admin, 'editor');
    const viewer = await memberWithRole(open.app, admin, 'viewer');
    const p = await addProvider(open, admin, `${targetUrl}/v1`, { maxRetries: 0 });
    const modelId = await addModel(open, admin, p.body.id);

    const asEditor = await run(open, editor, admin.orgId, modelId);
    expect(asEditor.status).toBe(502);
    expect(asEditor.body.detail).toBe(
      'The provider failed: The provider answered HTTP 500 (its message is shown to admins)',
    );
    const url = `/api/v1/orgs/${admin.orgId}/executions/${asEditor.body.executionId}`;
    const seenByAdmin = await api(open.app, { method: 'GET', url, token: admin.accessToken });
    expect(seenByAdmin.body.execution.error).toContain(BANNER);
    expect(seenByAdmin.body.execution.error.length).toBeLessThanOrEqual(500);
    const seenByViewer = await api(open.app, { method: 'GET', url, token: viewer.accessToken });
    expect(seenByViewer.body.execution.error).toBe(
      'The provider answered HTTP 500 (its message is shown to admins)',
    );
    const list = await api(open.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: viewer.accessToken,
    });
    expect(JSON.stringify(list.body)).not.toContain('internal-db01');

    const check = await api(open.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/providers/${p.body.id}/health-check`,
      token: admin.accessToken,
    });
    expect(check.body.health.error).toContain(BANNER);
    for (const path of [`providers/${p.body.id}`, `providers/${p.body.id}/health`, 'models']) {
      const res = await api(open.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/${path}`,
        token: viewer.accessToken,
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body), path).not.toContain('internal-db01');
      expect(JSON.stringify(res.body), path).toContain('HTTP 500');
    }
  });
});
