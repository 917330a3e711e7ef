import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, NetworkError, PromptOps, RateLimitError } from '../src/index.js';
import { parseRetryAfter } from '../src/errors.js';

/**
 * Retries against a tiny local HTTP server that answers from a script: the timing of each
 * request is recorded so the waits the SDK chose can be checked.
 */
interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}
let script: Answer[] = [];
const seen: { method: string; url: string; at: number }[] = [];
let server: http.Server;
let baseUrl: string;

const PROMPT = {
  id: '00000000-0000-4000-8000-000000000001',
  promptId: '00000000-0000-4000-8000-000000000002',
  name: 'greeting',
  description: null,
  type: 'text',
  version: 3,
  template: 'Hi {{name}}',
  messages: null,
  variables: [{ name: 'name' }],
  modelId: null,
  params: {},
  commitMessage: null,
  labels: ['production'],
  createdBy: { id: null, email: null, apiKeyName: null },
  createdAt: '2026-01-01T00:00:00.000Z',
};
const problem = (status: number, title: string) => ({ type: 'about:blank', title, status });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, at: performance.now() });
    req.resume();
    const answer = script.shift() ?? { status: 500, body: problem(500, 'Script exhausted') };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function client(retries: ConstructorParameters<typeof PromptOps>[0]['retries'] = {}) {
  script = [];
  seen.length = 0;
  return new PromptOps({ baseUrl, apiKey: 'po_test', orgId: 'org', cache: false, retries });
}

describe('retries', () => {
  it('waits as long as Retry-After (seconds) says, then succeeds', async () => {
    const sdk = client({ baseDelayMs: 1 });
    script = [
      { status: 429, headers: { 'retry-after': '1' }, body: problem(429, 'Too Many Requests') },
      { status: 200, body: PROMPT },
    ];
    const prompt = await sdk.getPrompt('greeting', { label: 'production' });
    expect(prompt.version).toBe(3);
    expect(seen).toHaveLength(2);
    const waited = seen[1]!.at - seen[0]!.at;
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(1500);
    expect(seen[1]!.url).toBe('/api/v1/orgs/org/prompts/greeting?label=production');
  });

  it('reads Retry-After as an HTTP date too', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
  });

  it('backs off on 502/503/504 for reads, then gives the last error typed', async () => {
    const sdk = client({ maxRetries: 2, baseDelayMs: 1 });
    script = [
      { status: 503, body: problem(503, 'Service Unavailable') },
      { status: 502, body: problem(502, 'Bad Gateway') },
      { status: 504, body: problem(504, 'Gateway Timeout') },
    ];
    const error = await sdk.getPrompt('greeting').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(504);
    expect(seen).toHaveLength(3);
  });

  it('gives up at once with a RateLimitError when Retry-After is longer than it will wait', async () => {
    const sdk = client({ maxRetryAfterMs: 5_000 });
    script = [{ status: 429, headers: { 'retry-after': '120' }, body: problem(429, 'Too Many Requests') }];
    const error = await sdk.getPrompt('greeting').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(seen).toHaveLength(1);
  });

  it('repeats a run (POST) after a 429, never after a 502 the server may have acted on', async () => {
    const sdk = client({ baseDelayMs: 1 });
    const execution = { id: 'e1', status: 'succeeded', output: 'ok' };
    script = [
      { status: 429, headers: { 'retry-after': '0' }, body: problem(429, 'Too Many Requests') },
      { status: 201, body: { execution } },
    ];
    const ran = await sdk.run({ name: 'greeting', model: '00000000-0000-4000-8000-0000000000aa' });
    expect(ran.id).toBe('e1');
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST']);

    seen.length = 0;
    script = [
      { status: 502, body: problem(502, 'Bad Gateway') },
      { status: 201, body: { execution } },
    ];
    const error = await sdk
      .run({ name: 'greeting', model: '00000000-0000-4000-8000-0000000000aa' })
      .catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(502);
    expect(seen).toHaveLength(1);
  });

  it('turns a refused connection into a NetworkError after retrying', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const attempts: string[] = [];
    const sdk = new PromptOps({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: 'po_test',
      orgId: 'org',
      cache: false,
      retries: { maxRetries: 2, baseDelayMs: 1 },
      fetch: (request) => {
        attempts.push(request.method);
        return fetch(request);
      },
    });
    const error = await sdk.getPrompt('greeting').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(attempts).toHaveLength(3);
  });
});
