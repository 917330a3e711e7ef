import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PromptOps,
  RenderError,
  type PromptOpsOptions,
  type RunEvent,
} from '@promptops/sdk';
import { OutboxRelay } from '../src/platform/events/outbox-relay.js';
import {
  api,
  apiKey,
  builtInMockModelId,
  eventually,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * The SDK against a real listening server with an API key: the prompt cache and its
 * invalidation by the change feed, fallbacks when the server is gone, render and runs.
 */
let s: TestServer;
let relay: OutboxRelay;
let baseUrl: string;
let admin: Session;
let key: string;
let modelId: string;
let serverClosed = false;
const clients: PromptOps[] = [];

beforeAll(async () => {
  s = await startTestServer();
  // What `promptops start` runs: the outbox relay publishing committed events (default interval).
  relay = new OutboxRelay(s.ctx.database, s.ctx.events, pino({ level: 'silent' }));
  relay.start();
  baseUrl = await s.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signup(s.app, 'SDK Org');
  key = await apiKey(s.app, admin, 'editor');
  modelId = await builtInMockModelId(s.app, admin);
}, 60_000);

afterAll(async () => {
  clients.forEach((c) => c.close());
  await relay?.close();
  if (!serverClosed) await s?.close();
});

/** An SDK client whose every request is recorded (method and path with query). */
function sdk(options: Partial<PromptOpsOptions> = {}) {
  const requests: string[] = [];
  const client = new PromptOps({
    baseUrl,
    apiKey: key,
    orgId: admin.orgId,
    fetch: (request) => {
      const url = new URL(request.url);
      requests.push(`${request.method} ${decodeURIComponent(url.pathname)}${url.search}`);
      return fetch(request);
    },
    ...options,
  });
  clients.push(client);
  const promptReads = () => requests.filter((r) => r.startsWith('GET') && r.includes('/prompts/')).length;
  return { client, requests, promptReads };
}

async function createPrompt(body: Record<string, unknown>) {
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/prompts`,
    token: admin.accessToken,
    payload: body,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function newVersion(name: string, body: Record<string, unknown>) {
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/versions`,
    token: admin.accessToken,
    payload: body,
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function moveLabel(name: string, label: string, version: number) {
  const res = await api(s.app, {
    method: 'PUT',
    url: `/api/v1/orgs/${admin.orgId}/prompts/${encodeURIComponent(name)}/labels/${label}`,
    token: admin.accessToken,
    payload: { version },
  });
  expect(res.status).toBe(200);
}

async function outboxPending(): Promise<boolean> {
  const [row] = await sql<{ pending: boolean }>(
    s.ctx,
    'SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL) AS pending',
  );
  return Boolean(row?.pending);
}

describe('getPrompt', () => {
  it('serves a cached prompt without a request, and sees a moved label in under a second', async () => {
    await createPrompt({ name: 'sdk/greeting', template: 'Hello {{name}}, v1' });
    await newVersion('sdk/greeting', { template: 'Hello {{name}}, v2' });
    await moveLabel('sdk/greeting', 'production', 1);
    // The setup's events are relayed before the client's feed opens (live only), so none of them
    // can arrive later and refresh the cache while the test counts requests.
    await eventually('the outbox to be relayed', async () => !(await outboxPending()));
    const { client, promptReads } = sdk();
    await client.changeFeedOpened();
    expect(client.changeFeedState).toBe('open');

    const first = await client.getPrompt('sdk/greeting', { label: 'production' });
    expect(first).toMatchObject({ fallback: false, name: 'sdk/greeting', version: 1 });
    expect(promptReads()).toBe(1);
    for (let i = 0; i < 100; i++) {
      expect((await client.getPrompt('sdk/greeting', { label: 'production' })).version).toBe(1);
    }
    expect(promptReads()).toBe(1);
    // Another selector is another entry: one more request, then cached too.
    expect((await client.getPrompt('sdk/greeting')).version).toBe(2);
    expect((await client.getPrompt('sdk/greeting')).version).toBe(2);
    expect(promptReads()).toBe(2);

    const readsAtMove = promptReads();
    const movedAt = performance.now();
    await moveLabel('sdk/greeting', 'production', 2);
    const seen = await eventually('the moved label', async () => {
      const p = await client.getPrompt('sdk/greeting', { label: 'production' });
      return p.version === 2 ? p : undefined;
    });
    const elapsed = performance.now() - movedAt;
    console.log(`moved label seen by the SDK after ${elapsed.toFixed(0)} ms`);
    expect(elapsed).toBeLessThan(1000);
    expect(seen.fallback === false && seen.labels).toContain('production');
    // Events refresh that prompt's two entries (the setup's own events may still be arriving):
    // polling the cache makes no requests of its own.
    expect(promptReads() - readsAtMove).toBeLessThanOrEqual(4);
  });

  it('keeps one entry per subject while an experiment runs, and follows it starting', async () => {
    await createPrompt({ name: 'sdk/ab', template: 'A {{x}}' });
    await newVersion('sdk/ab', { template: 'B {{x}}' });
    const { client, promptReads } = sdk();
    await client.changeFeedOpened();
    const before = await client.getPrompt('sdk/ab', { subject: 'user-1' });
    expect(before.fallback === false && before.experiment).toBeUndefined();
    expect(before.version).toBe(2);

    const started = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/experiments`,
      token: admin.accessToken,
      payload: {
        name: 'sdk ab',
        promptName: 'sdk/ab',
        variants: [
          { name: 'a', version: 1, weight: 1 },
          { name: 'b', version: 2, weight: 1 },
        ],
        metric: { name: 'converted', kind: 'binary' },
      },
    });
    expect(started.status).toBe(201);
    const experimentId = started.body.experiment?.id ?? started.body.id;
    const chosen = await eventually('the experiment to reach the cache', async () => {
      const p = await client.getPrompt('sdk/ab', { subject: 'user-1' });
      return p.fallback === false && p.experiment ? p : undefined;
    });
    expect(chosen.experiment!.id).toBe(experimentId);
    // The subject's variant is what the server assigns: fetched without the SDK, it agrees.
    const direct = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/prompts/sdk%2Fab?subject=user-1`,
      token: key,
    });
    expect(chosen.version).toBe(direct.body.version);
    const reads = promptReads();
    await client.getPrompt('sdk/ab', { subject: 'user-1' });
    expect(promptReads()).toBe(reads);
    // A label ignores the subject: subjects share that entry.
    await client.getPrompt('sdk/ab', { label: 'latest', subject: 'user-2' });
    await client.getPrompt('sdk/ab', { label: 'latest', subject: 'user-3' });
    expect(promptReads()).toBe(reads + 1);
  });

  it('finds the organization from the API key alone (GET /api/v1/me)', async () => {
    const { client, requests } = sdk({ orgId: undefined, cache: false });
    expect(await client.orgId()).toBe(admin.orgId);
    expect((await client.getPrompt('sdk/greeting', { version: 1 })).version).toBe(1);
    expect(requests.filter((r) => r === 'GET /api/v1/me')).toHaveLength(1);
  });

  it('throws typed errors: NotFoundError, AuthenticationError; another organization’s prompt is not found', async () => {
    const { client } = sdk({ cache: false });
    await expect(client.getPrompt('sdk/missing')).rejects.toBeInstanceOf(NotFoundError);
    const badKey = sdk({ apiKey: 'po_not_a_key', cache: false }).client;
    await expect(badKey.getPrompt('sdk/greeting')).rejects.toBeInstanceOf(AuthenticationError);
    const other = await signup(s.app, 'Other SDK Org');
    const otherKey = await apiKey(s.app, other, 'viewer');
    const crossOrg = sdk({ apiKey: otherKey, cache: false }).client;
    const error = await crossOrg.getPrompt('sdk/greeting').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    // A not-found prompt is an error, not an outage: the fallback does not hide it.
    await expect(client.getPrompt('sdk/missing', { fallback: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('render and run', () => {
  it('renders exactly what the server sends to the model, includes expanded', async () => {
    await createPrompt({ name: 'sdk/shared', template: 'Always be kind to {{company}} customers.' });
    await createPrompt({
      name: 'sdk/support',
      type: 'chat',
      messages: [
        { role: 'system', content: '{{> sdk/shared}} Answer in {{lang}}.' },
        { role: 'user', content: '{{question}} \\{{literal}}' },
      ],
      variables: [{ name: 'lang', default: 'English' }],
      modelId,
    });
    const { client } = sdk();
    const prompt = await client.getPrompt('sdk/support');
    const variables = { company: 'Acme', question: 'Where is my order?' };
    const rendered = client.render(prompt, variables);
    expect(rendered.messages[0]!.content).toBe('Always be kind to Acme customers. Answer in English.');
    const execution = await client.run({ prompt, variables });
    expect(execution.status).toBe('succeeded');
    expect(rendered.messages).toEqual(execution.input.messages);

    const text = await client.getPrompt('sdk/greeting', { version: 1 });
    const ran = await client.run({
      name: 'sdk/greeting',
      version: 1,
      variables: { name: 'Ada' },
      model: 'mock-fast',
    });
    expect(client.render(text, { name: 'Ada' }).messages).toEqual(ran.input.messages);
    expect(() => client.render(text, {})).toThrow(RenderError);
  });

  it('streams a run as typed events whose deltas join to the stored output', async () => {
    const { client } = sdk();
    const stream = client.run({
      name: 'sdk/support',
      variables: { company: 'Acme', question: 'Tell me a long story about shipping.' },
      stream: true,
    });
    const events: RunEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events[0]!.type).toBe('start');
    const deltas = events.flatMap((e) => (e.type === 'delta' ? [e.text] : []));
    expect(deltas.length).toBeGreaterThan(1);
    const done = events.at(-1)!;
    if (done.type !== 'done') throw new Error(`ended with ${done.type}`);
    expect(done.execution.status).toBe('succeeded');
    expect(done.execution.output).toBe(deltas.join(''));
    expect(done.execution.id).toBe(stream.executionId);

    // The text-only view, and the stored run as the server keeps it.
    const again = client.run({
      name: 'sdk/support',
      variables: { company: 'Acme', question: 'Hi' },
      stream: true,
    });
    let joined = '';
    for await (const text of again.textStream()) joined += text;
    const stored = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/executions/${again.executionId}`,
      token: key,
    });
    expect(stored.body.execution.output).toBe(joined);
    expect(stored.body.execution.source).toBe('api');
  });
});

describe('a streamed run', () => {
  it('is cancelled on the server when the reader stops early', async () => {
    const { client } = sdk();
    const stream = client.run({
      name: 'sdk/support',
      variables: { company: 'Acme', question: 'Tell me a long story about shipping.' },
      stream: true,
    });
    for await (const event of stream) if (event.type === 'delta') break;
    const stored = await eventually('the run to be stored as cancelled', async () => {
      const res = await api(s.app, {
        method: 'GET',
        url: `/api/v1/orgs/${admin.orgId}/executions/${stream.executionId}`,
        token: key,
      });
      // The run is stored as its first token goes out: a moment later than the reader saw it.
      if (res.status === 404) return undefined;
      return res.body.execution.status === 'running' ? undefined : res.body.execution;
    });
    expect(stored.status).toBe('cancelled');
    expect(stream.execution).toBeUndefined();
  });
});

// Last: it stops the server.
describe('when the server is gone', () => {
  it('serves the last good copy, else the fallback, else a NetworkError', async () => {
    const { client } = sdk({ cache: { ttlMs: 1 }, retries: { maxRetries: 1, baseDelayMs: 5 } });
    const cached = await client.getPrompt('sdk/greeting', { label: 'production' });
    await client.changeFeedOpened();
    serverClosed = true;
    await s.close();
    await eventually('the feed to notice', () => client.changeFeedState === 'connecting');

    // Stale (ttl 1 ms) and unrefreshable: still served, at once.
    const served = await client.getPrompt('sdk/greeting', { label: 'production' });
    expect(served).toEqual(cached);
    const fallback = await client.getPrompt('sdk/never-fetched', { fallback: 'Hi {{name}}!' });
    expect(fallback).toMatchObject({ fallback: true, version: null, template: 'Hi {{name}}!' });
    expect(client.render(fallback, { name: 'Ada' })).toMatchObject({ type: 'text', text: 'Hi Ada!' });
    await expect(client.getPrompt('sdk/never-fetched')).rejects.toBeInstanceOf(NetworkError);
  });
});
