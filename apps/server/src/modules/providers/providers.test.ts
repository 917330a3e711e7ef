import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { closeAppContext, createAppContext } from '../../bootstrap.js';
import { loadConfig } from '../../config.js';
import { loggerOptions } from '../../platform/logger.js';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import {
  api,
  embeddedTestOptions,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

const SECRET = 'sk-live-abcdefghijklmnop-a1b2';

let s: TestServer;
let admin: Session;
beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app, 'Providers Org');
});
afterAll(async () => s?.close());

const create = (payload: object, token = admin.accessToken) =>
  api(s.app, { method: 'POST', url: `/api/v1/orgs/${admin.orgId}/providers`, token, payload });

describe('providers', () => {
  it('encrypts the API key, returns only a hint, and seeds default models', async () => {
    const res = await create({ name: 'OpenAI', type: 'openai', apiKey: SECRET });
    expect(res.status).toBe(201);
    expect(res.body.keyHint).toBe('…a1b2');
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const [row] = await sql<{ api_key_ciphertext: string }>(
      s.ctx,
      'SELECT api_key_ciphertext FROM providers WHERE id = $1',
      [res.body.id],
    );
    expect(row!.api_key_ciphertext).toMatch(/^v1\.[0-9a-f]{12}\./);
    expect(row!.api_key_ciphertext).not.toContain(SECRET);
    expect(s.ctx.secrets.decrypt(row!.api_key_ciphertext)).toBe(SECRET);

    const models = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
    });
    const openai = models.body.items.filter((m: any) => m.providerId === res.body.id);
    expect(openai.map((m: any) => m.name).sort()).toEqual(['gpt-4-turbo', 'gpt-4o', 'gpt-4o-mini']);
    expect(openai.find((m: any) => m.name === 'gpt-4o-mini')).toMatchObject({
      inputPricePerMTok: '0.15',
      outputPricePerMTok: '0.6',
      isTestModel: false,
    });

    const audit = await sql<{ details: any }>(
      s.ctx,
      `SELECT details FROM audit_events WHERE action = 'provider.created' AND resource_id = $1`,
      [res.body.id],
    );
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(audit[0]!.details.hasKey).toBe(true);
  });

  it('seeds labelled test models for the built-in mock, which needs no key', async () => {
    const res = await create({ name: 'Mock', type: 'mock' });
    expect(res.status).toBe(201);
    const models = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
    });
    const mock = models.body.items.filter((m: any) => m.providerId === res.body.id);
    expect(mock.length).toBeGreaterThan(0);
    for (const m of mock) {
      expect(m.isTestModel).toBe(true);
      expect(Number(m.inputPricePerMTok)).toBeGreaterThan(0);
    }
    // The built-in simulator answers without any configuration.
    const run = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { template: 'Hello {{who}}', variables: { who: 'mock' }, modelId: mock[0].id },
    });
    expect(run.status).toBe(201);
    expect(run.body.execution.output.length).toBeGreaterThan(0);
    expect(Number(run.body.execution.costUsd)).toBeGreaterThan(0);
  });

  it('validates input with field paths', async () => {
    const noUrl = await create({ name: 'vLLM', type: 'openai-compatible' });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.errors).toEqual([{ path: 'baseUrl', message: expect.any(String) }]);
    const badType = await create({ name: 'X', type: 'cohere' });
    expect(badType.body.errors[0].path).toBe('type');
    const dup = await create({ name: 'OpenAI', type: 'openai' });
    expect(dup.status).toBe(409);
    const p = await create({
      name: 'Ollama',
      type: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
    });
    const badPrice = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
      payload: {
        providerId: p.body.id,
        name: 'llama3',
        inputPricePerMTok: '-1',
        outputPricePerMTok: '0.1234567',
      },
    });
    expect(badPrice.status).toBe(400);
    expect(badPrice.body.errors.map((e: any) => e.path).sort()).toEqual([
      'inputPricePerMTok',
      'outputPricePerMTok',
    ]);
  });

  it('replaces and removes keys, edits prices, and deletes providers with their models', async () => {
    const p = await create({ name: 'Anthropic', type: 'anthropic', apiKey: 'sk-ant-old-0000' });
    // A key shorter than 16 characters gets no hint: four characters would give too much away.
    expect(p.body.keyHint).toBeNull();
    const patched = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/providers/${p.body.id}`,
      token: admin.accessToken,
      payload: { apiKey: 'sk-ant-new-key-9999' },
    });
    expect(patched.body.keyHint).toBe('…9999');
    const removed = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/providers/${p.body.id}`,
      token: admin.accessToken,
      payload: { apiKey: null },
    });
    expect(removed.body.keyHint).toBeNull();
    const models = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/models`,
      token: admin.accessToken,
    });
    const sonnet = models.body.items.find(
      (m: any) => m.providerId === p.body.id && m.name.includes('sonnet'),
    );
    const priced = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/models/${sonnet.id}`,
      token: admin.accessToken,
      payload: { inputPricePerMTok: '2.75', active: false },
    });
    expect(priced.body).toMatchObject({ inputPricePerMTok: '2.75', active: false });
    const del = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${admin.orgId}/providers/${p.body.id}`,
      token: admin.accessToken,
    });
    expect(del.status).toBe(204);
    expect(await sql(s.ctx, 'SELECT 1 FROM models WHERE provider_id = $1', [p.body.id])).toHaveLength(0);
  });

  it('lets only admins manage providers; editors and viewers can read', async () => {
    for (const role of ['editor', 'viewer'] as const) {
      const m = await memberWithRole(s.app, admin, role);
      const before = await sql(s.ctx, 'SELECT 1 FROM providers WHERE org_id = $1', [admin.orgId]);
      expect((await create({ name: `by-${role}`, type: 'mock' }, m.accessToken)).status).toBe(403);
      expect(await sql(s.ctx, 'SELECT 1 FROM providers WHERE org_id = $1', [admin.orgId])).toHaveLength(
        before.length,
      );
      const list = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/providers`,
        token: m.accessToken,
      });
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain(SECRET);
    }
  });
});

describe('provider keys in logs', () => {
  let mock: MockLlmServer;
  beforeAll(async () => {
    mock = await startMockLlm({ port: 0, key: SECRET });
  });
  afterAll(async () => mock?.close());

  it('never appear in any log line, at debug level, across create, run, tokenize and failures', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const ctx = await createAppContext(
      loadConfig({
        PROMPTOPS_MASTER_KEY: s.ctx.config.PROMPTOPS_MASTER_KEY!,
        ...(s.ctx.config.DATABASE_URL ? { DATABASE_URL: s.ctx.config.DATABASE_URL } : {}),
      }),
      { ...(await embeddedTestOptions()), logger: pino(loggerOptions('debug'), sink) },
    );
    const app = await buildApp(ctx);
    try {
      const owner = await signup(app, 'Log Org');
      const p = await api(app, {
        method: 'POST',
        url: `/api/v1/orgs/${owner.orgId}/providers`,
        token: owner.accessToken,
        payload: { name: 'Local', type: 'openai-compatible', baseUrl: `${mock.url}/v1`, apiKey: SECRET },
      });
      const m = await api(app, {
        method: 'POST',
        url: `/api/v1/orgs/${owner.orgId}/models`,
        token: owner.accessToken,
        payload: { providerId: p.body.id, name: 'gpt-4o', inputPricePerMTok: '1', outputPricePerMTok: '1' },
      });
      expect(
        (
          await api(app, {
            method: 'POST',
            url: `/api/v1/orgs/${owner.orgId}/executions`,
            token: owner.accessToken,
            payload: { template: 'hi', modelId: m.body.id },
          })
        ).status,
      ).toBe(201);
      mock.queueFault({ fail: '401', count: 1 });
      expect(
        (
          await api(app, {
            method: 'POST',
            url: `/api/v1/orgs/${owner.orgId}/executions`,
            token: owner.accessToken,
            payload: { template: 'hi', modelId: m.body.id },
          })
        ).status,
      ).toBe(502);
      await api(app, {
        method: 'POST',
        url: `/api/v1/orgs/${owner.orgId}/tokenize`,
        token: owner.accessToken,
        payload: { text: 'hi', modelId: m.body.id },
      });
      const all = lines.join('');
      expect(lines.length).toBeGreaterThan(6);
      expect(all).not.toContain(SECRET);
      expect(all).not.toContain(SECRET.slice(0, 20));
    } finally {
      await app.close();
      await closeAppContext(ctx);
    }
  });
});
