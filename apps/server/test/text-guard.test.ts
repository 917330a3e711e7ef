import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  builtInMockModelId,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';

// NUL bytes and unpaired surrogates used to reach the database and answer 500 (or leave a
// streamed run hanging); they are refused at the edge with 400 naming the field.
let s: TestServer;
let admin: Session;
let modelId: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app, 'Text Guard Org');
  modelId = await builtInMockModelId(s.app, admin);
});
afterAll(async () => s?.close());

const LONE_HIGH = 'a\uD800b';
const LONE_LOW = '\uDC00';

describe('unstorable text', () => {
  it('refuses a NUL in a nested body field, naming it, and stores nothing', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: admin.accessToken,
      payload: {
        name: 'guard/nul',
        messages: [
          { role: 'system', content: 'fine' },
          { role: 'user', content: 'bad\u0000byte' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'messages.1.content', message: 'Text may not contain NUL characters (\\u0000)' },
    ]);
    expect(await sql(s.ctx, "SELECT 1 FROM prompts WHERE name = 'guard/nul'")).toHaveLength(0);
  });

  it('refuses lone surrogates in variables of a streamed run before the stream opens', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: {
        modelId,
        template: 'Say {{x}} {{y}}',
        variables: { x: LONE_HIGH, y: LONE_LOW },
        stream: true,
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: any) => e.path)).toEqual(['variables.x', 'variables.y']);
  });

  it('accepts paired surrogates (emoji) and other unusual text', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { modelId, template: 'Say {{x}}', variables: { x: '😀 \u0001 \uFEFF 日本' } },
    });
    expect(res.status).toBe(201);
  });

  it('checks query strings and path parameters too', async () => {
    const query = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts?search=a%00b`,
      token: admin.accessToken,
    });
    expect(query.status).toBe(400);
    expect(query.body.errors[0].path).toBe('query.search');
    const params = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts/a%00b`,
      token: admin.accessToken,
    });
    expect(params.status).toBe(400);
    expect(params.body.errors[0].path).toBe('params.name');
  });

  it('refuses an unprintable object key', async () => {
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/executions`,
      token: admin.accessToken,
      payload: { modelId, template: 'hi', variables: { 'k\u0000': 'v' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('variables');
  });

  it('still answers 404, not 400, to a caller without access', async () => {
    const other = await signup(s.app);
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: other.accessToken,
      payload: { name: 'x', template: '\u0000' },
    });
    expect(res.status).toBe(404);
  });
});

describe('values the database cannot hold', () => {
  it('refuses a version number beyond the integer range with 400', async () => {
    await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: admin.accessToken,
      payload: { name: 'guard/version', template: 'hi' },
    });
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts/guard%2Fversion?version=99999999999`,
      token: admin.accessToken,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('query.version');
  });

  it('refuses malformed run-history cursors with 400', async () => {
    for (const raw of [
      '2024-01-01T00:00:00Z|not-a-uuid',
      '-271821-04-20T00:00:00Z|' + crypto.randomUUID(),
      'garbage',
    ]) {
      const cursor = Buffer.from(raw).toString('base64url');
      const res = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/executions?cursor=${cursor}`,
        token: admin.accessToken,
      });
      expect(res.status, raw).toBe(400);
      expect(res.body.errors[0].path).toBe('query.cursor');
    }
  });

  it('answers a YAML alias bomb with 400', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'format: promptops.prompts/v1',
      'prompts: []',
    ].join('\n');
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts-import`,
      token: admin.accessToken,
      headers: { 'content-type': 'application/yaml' },
      payload: bomb,
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('Invalid YAML');
  });

  it('answers PATCH /models/{id} with an empty body by returning the model unchanged', async () => {
    const res = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/models/${modelId}`,
      token: admin.accessToken,
      payload: {},
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(modelId);
    const events = await sql(
      s.ctx,
      "SELECT 1 FROM audit_events WHERE org_id = $1 AND action = 'model.updated'",
      [admin.orgId],
    );
    expect(events).toHaveLength(0);
  });
});
