import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  builtInMockModelId,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';

let s: TestServer;
let admin: Session;
let modelId: string;

beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app, 'Prompt Size Org');
  modelId = await builtInMockModelId(s.app, admin);
});
afterAll(async () => s?.close());

const run = (payload: object) =>
  api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/executions`,
    token: admin.accessToken,
    payload: { modelId, ...payload },
  });
const storedRuns = async () =>
  (
    await sql<{ n: number }>(s.ctx, 'SELECT count(*)::int AS n FROM executions WHERE org_id = $1', [
      admin.orgId,
    ])
  )[0]!.n;

describe('rendered prompt size', () => {
  it('refuses {{a}} × 40,000 with a 10 kB value early, before any provider call', async () => {
    const before = await storedRuns();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const res = await run({ template: '{{a}}'.repeat(40_000), variables: { a: 'x'.repeat(10_000) } });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { path: 'template', message: 'The rendered prompt would exceed 1,000,000 characters' },
    ]);
    expect(elapsed).toBeLessThan(2_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024);
    expect(await storedRuns()).toBe(before);
  });

  it('names the chat message that crosses the limit, for a stored prompt too', async () => {
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: admin.accessToken,
      payload: {
        name: 'size/chat',
        messages: [
          { role: 'system', content: 'Short.' },
          { role: 'user', content: '{{q}} {{q}} {{q}}' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const res = await run({ prompt: { name: 'size/chat' }, variables: { q: 'y'.repeat(400_000) } });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].path).toBe('messages.1.content');
    // Just under the limit still runs.
    const ok = await run({ prompt: { name: 'size/chat' }, variables: { q: 'y'.repeat(300_000) } });
    expect(ok.status).toBe(201);
  });

  it('refuses storing more than 200,000 characters of messages, naming the field', async () => {
    const content = 'z'.repeat(150_000);
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/prompts`,
      token: admin.accessToken,
      payload: {
        name: 'size/too-big',
        messages: [
          { role: 'system', content },
          { role: 'user', content },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: any) => e.path)).toEqual(['messages']);
    const rows = await sql(s.ctx, "SELECT 1 FROM prompts WHERE org_id = $1 AND name = 'size/too-big'", [
      admin.orgId,
    ]);
    expect(rows).toHaveLength(0);
  });
});
