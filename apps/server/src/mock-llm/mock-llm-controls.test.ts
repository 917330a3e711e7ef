import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MOCK_LLM_PORT, parseMockLlmArgs, startMockLlm } from './index.js';
import type { MockLlmServer } from './index.js';
import { generateReply, splitIntoChunks } from './reply.js';
import { openAiClient, TEST_KEY } from './test-support.js';
import { countTextTokens, truncateToTokens } from './tokens.js';

describe('parseMockLlmArgs', () => {
  it('parses every flag in both --flag value and --flag=value forms', () => {
    const opts = parseMockLlmArgs([
      '--port',
      '4011',
      '--key=sk-test',
      '--latency',
      '0',
      '--chunk-gap=10',
      '--chunks',
      '8',
      '--reply-words',
      '40',
      '--dims=32',
      '--models',
      'a, b',
      '--rpm',
      '100',
      '--tpm=5000',
      '--host',
      '0.0.0.0',
    ]);
    expect(opts).toEqual({
      port: 4011,
      key: 'sk-test',
      latencyMs: 0,
      chunkGapMs: 10,
      chunkCount: 8,
      replyWords: 40,
      embeddingDims: 32,
      models: ['a', 'b'],
      rateLimitRequests: 100,
      rateLimitTokens: 5000,
      host: '0.0.0.0',
    });
  });

  it('defaults the CLI port and recognises --help and --verbose', () => {
    expect(parseMockLlmArgs([])).toEqual({ port: DEFAULT_MOCK_LLM_PORT });
    expect(parseMockLlmArgs(['--help']).help).toBe(true);
    expect(typeof parseMockLlmArgs(['--verbose']).log).toBe('function');
  });

  it('rejects unknown flags, missing values and bad numbers', () => {
    expect(() => parseMockLlmArgs(['--nope'])).toThrow(/unknown option --nope/);
    expect(() => parseMockLlmArgs(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseMockLlmArgs(['--latency', 'soon'])).toThrow(/non-negative number/);
    expect(() => parseMockLlmArgs(['--port', '70000'])).toThrow(/port/);
    expect(() => parseMockLlmArgs(['--reply-words', '0'])).toThrow(/replyWords/);
  });
});

describe('reply generation', () => {
  it('splits into chunks that concatenate back to the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 40 }), (text, count) => {
        const pieces = splitIntoChunks(text, count);
        expect(pieces.join('')).toBe(text);
        if (count > 0 && /\S/.test(text)) expect(pieces.length).toBeLessThanOrEqual(count);
      }),
    );
  });

  it('truncates to at most the token budget, exactly reporting the tokens produced', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 1, max: 30 }),
        (text, max) => {
          const cut = truncateToTokens(text, max);
          expect(cut.tokens).toBeLessThanOrEqual(max);
          expect(cut.tokens).toBe(countTextTokens(cut.text));
          expect(text.startsWith(cut.text)).toBe(true);
        },
      ),
    );
  });

  it('keeps output tokens equal to the produced text for any max_tokens', () => {
    const messages = [{ role: 'user', text: 'déjà vu — 東京 emoji 🎉 test' }];
    for (let maxTokens = 1; maxTokens < 40; maxTokens++) {
      const reply = generateReply({ messages, words: 24, maxTokens });
      expect(reply.outputTokens).toBe(countTextTokens(reply.text));
      expect(reply.outputTokens).toBeLessThanOrEqual(maxTokens);
    }
  });
});

describe('server lifecycle and admin API', () => {
  let server: MockLlmServer;
  beforeAll(async () => {
    server = await startMockLlm({ key: TEST_KEY });
  });
  afterAll(() => server.close());

  const admin = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${server.url}/_mock/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json() };
  };

  it('picks distinct free ports for port 0 and closes idempotently', async () => {
    const a = await startMockLlm();
    const b = await startMockLlm();
    expect(a.port).toBeGreaterThan(0);
    expect(a.port).not.toBe(b.port);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}`);
    await Promise.all([a.close(), a.close(), b.close()]);
    await expect(fetch(`${a.url}/v1/models`)).rejects.toThrow();
  });

  it('changes reply length at run time through /_mock/config, and reset restores it', async () => {
    const client = openAiClient(server);
    const ask = async () =>
      (await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }))
        .choices[0]?.message.content ?? '';

    expect((await admin('POST', 'config', { replyWords: 10 })).json).toMatchObject({ replyWords: 10 });
    expect((await ask()).split(' ')).toHaveLength(10);
    expect((await admin('POST', 'config', { replyWords: 0 })).status).toBe(400);
    expect((await admin('POST', 'config', { colour: 1 })).status).toBe(400);
    expect((await admin('POST', 'reset')).status).toBe(200);
    expect((await ask()).split(' ')).toHaveLength(24);
  });

  it('queues, lists and clears faults; rejects bad fault bodies', async () => {
    expect((await admin('POST', 'faults', { fail: 'disconnect', count: 2 })).status).toBe(201);
    expect((await admin('GET', 'faults')).json).toEqual({
      faults: [{ fail: 'disconnect', remaining: 2, path: null, retryAfter: null }],
    });
    expect((await admin('POST', 'faults', { fail: 'teapot' })).status).toBe(400);
    expect((await admin('POST', 'faults', { fail: 500, count: 0 })).status).toBe(400);
    expect((await admin('DELETE', 'faults')).json).toEqual({ faults: [] });
  });

  it('counts requests per route and status, and records requests without credentials', async () => {
    await admin('POST', 'reset');
    const client = openAiClient(server);
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    await client.models.list();
    await openAiClient(server, { apiKey: 'nope' })
      .models.list()
      .catch(() => undefined);

    const stats = (await admin('GET', 'stats')).json;
    expect(stats).toMatchObject({
      total: 3,
      byRoute: { 'POST /v1/chat/completions': 1, 'GET /v1/models': 2 },
      byStatus: { '200': 2, '401': 1 },
    });
    const { requests } = (await admin('GET', 'requests?limit=5')).json as {
      requests: { path: string; headers: Record<string, string>; body: unknown }[];
    };
    // The 401 never reached the handler, so only authenticated requests are recorded.
    expect(requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/models']);
    expect(requests[0]?.body).toMatchObject({ model: 'm' });
    expect(JSON.stringify(requests)).not.toContain(TEST_KEY);
    expect(requests[0]?.headers).not.toHaveProperty('authorization');
  });

  it('answers unknown admin routes with 404', async () => {
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});
