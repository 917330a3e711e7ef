import type OpenAI from 'openai';
import { AuthenticationError, BadRequestError, RateLimitError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS, startMockLlm } from './index.js';
import type { MockLlmServer } from './index.js';
import { collectTimed, gaps, median, openAiClient, TEST_KEY } from './test-support.js';
import { countPromptTokens, countTextTokens } from './tokens.js';

let server: MockLlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlm({ key: TEST_KEY });
  client = openAiClient(server);
});
afterAll(() => server.close());

const messages: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Explain photosynthesis to a curious ten year old child please' },
];
const expectedPromptTokens = countPromptTokens([
  { role: 'system', text: 'You are terse.' },
  { role: 'user', text: 'Explain photosynthesis to a curious ten year old child please' },
]);

describe('chat completions, non-streaming', () => {
  it('returns a deterministic chat.completion with exact usage', async () => {
    const first = await client.chat.completions.create({ model: 'mock-gpt-4o', messages });
    const second = await client.chat.completions.create({ model: 'mock-gpt-4o', messages });
    const text = first.choices[0]?.message.content ?? '';

    expect(first.object).toBe('chat.completion');
    expect(first.model).toBe('mock-gpt-4o');
    expect(first.choices[0]?.finish_reason).toBe('stop');
    expect(first.choices[0]?.message.role).toBe('assistant');
    expect(text.startsWith('Mock reply to: Explain photosynthesis to a curious ten …')).toBe(true);
    expect(text.split(' ')).toHaveLength(24);
    expect(second.choices[0]?.message.content).toBe(text);
    expect(first.usage).toMatchObject({
      prompt_tokens: expectedPromptTokens,
      completion_tokens: countTextTokens(text),
      total_tokens: expectedPromptTokens + countTextTokens(text),
    });
  });

  it('gives a different reply to a different conversation', async () => {
    const a = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'one' }],
    });
    const b = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'two' }],
    });
    expect(a.choices[0]?.message.content).not.toBe(b.choices[0]?.message.content);
  });

  it('truncates to max_tokens and max_completion_tokens with finish_reason length', async () => {
    const full = await client.chat.completions.create({ model: 'm', messages });
    const fullText = full.choices[0]?.message.content ?? '';
    for (const limit of [{ max_tokens: 5 }, { max_completion_tokens: 7 }]) {
      const cut = await client.chat.completions.create({ model: 'm', messages, ...limit });
      const text = cut.choices[0]?.message.content ?? '';
      const max = 'max_tokens' in limit ? limit.max_tokens : limit.max_completion_tokens;
      expect(cut.choices[0]?.finish_reason).toBe('length');
      expect(cut.usage?.completion_tokens).toBe(max);
      expect(countTextTokens(text)).toBe(max);
      expect(fullText.startsWith(text)).toBe(true);
      expect(text.length).toBeLessThan(fullText.length);
    }
  });

  it('stops before a stop sequence with finish_reason stop', async () => {
    const res = await client.chat.completions.create({
      model: 'm',
      messages,
      stop: ['photosynthesis', 'xyz'],
    });
    expect(res.choices[0]?.message.content).toBe('Mock reply to: Explain ');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage?.completion_tokens).toBe(countTextTokens('Mock reply to: Explain '));
  });

  it('rejects n > 1 and out-of-range temperature in OpenAI error format', async () => {
    const nError = await client.chat.completions
      .create({ model: 'm', messages, n: 2 })
      .catch((e: unknown) => e);
    expect(nError).toBeInstanceOf(BadRequestError);
    expect((nError as BadRequestError).param).toBe('n');
    expect((nError as BadRequestError).type).toBe('invalid_request_error');

    const tError = await client.chat.completions
      .create({ model: 'm', messages, temperature: 3 })
      .catch((e: unknown) => e);
    expect(tError).toBeInstanceOf(BadRequestError);
    expect((tError as BadRequestError).param).toBe('temperature');

    const empty = await client.chat.completions.create({ model: 'm', messages: [] }).catch((e: unknown) => e);
    expect((empty as BadRequestError).param).toBe('messages');
  });
});

describe('chat completions, streaming', () => {
  it('streams role, content chunks spread over time, finish and [DONE], matching the non-streamed text', async () => {
    const reference = await client.chat.completions.create({ model: 'm', messages });
    const stream = await client.chat.completions.create(
      { model: 'm', messages, stream: true },
      { headers: { 'x-mock-chunk-gap-ms': '30', 'x-mock-chunks': '6' } },
    );
    const started = performance.now();
    const received = await collectTimed(stream);
    const chunks = received.map((r) => r.item);

    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const contentChunks = received.filter((r) => r.item.choices[0]?.delta.content);
    expect(contentChunks).toHaveLength(6);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      reference.choices[0]?.message.content,
    );
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.slice(0, -1).every((c) => c.choices[0]?.finish_reason === null)).toBe(true);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.usage === undefined)).toBe(true);

    // 6 chunks 30 ms apart: 150 ms from first to last, not one burst.
    const times = contentChunks.map((r) => r.at);
    expect((times.at(-1) as number) - (times[0] as number)).toBeGreaterThanOrEqual(120);
    expect(median(gaps(times))).toBeGreaterThanOrEqual(20);
    expect((times[0] as number) - started).toBeLessThan(100);
  });

  it('ends with a usage chunk with empty choices when include_usage is set', async () => {
    const reference = await client.chat.completions.create({ model: 'm', messages });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = (await collectTimed(stream)).map((r) => r.item);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual(reference.usage);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('honours max_tokens while streaming', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages,
      max_tokens: 6,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = (await collectTimed(stream)).map((r) => r.item);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(countTextTokens(text)).toBe(6);
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(6);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
  });
});

describe('rate-limit headers', () => {
  it('reports limits and decreasing remaining requests and tokens', async () => {
    const first = await client.chat.completions.create({ model: 'm', messages }).withResponse();
    const second = await client.chat.completions.create({ model: 'm', messages }).withResponse();
    const h1 = first.response.headers;
    const h2 = second.response.headers;
    expect(h1.get('x-ratelimit-limit-requests')).toBe('10000');
    expect(h1.get('x-ratelimit-limit-tokens')).toBe('50000000');
    expect(Number(h2.get('x-ratelimit-remaining-requests'))).toBe(
      Number(h1.get('x-ratelimit-remaining-requests')) - 1,
    );
    expect(Number(h2.get('x-ratelimit-remaining-tokens'))).toBe(
      Number(h1.get('x-ratelimit-remaining-tokens')) - (second.data.usage?.total_tokens ?? NaN),
    );
    expect(h2.get('x-ratelimit-reset-requests')).toMatch(/^(\d+ms|[\d.]+s|\d+m[\d.]+s)$/);
    expect(h2.get('x-ratelimit-reset-tokens')).toMatch(/^(\d+ms|[\d.]+s|\d+m[\d.]+s)$/);
  });

  it('refuses with a real 429 and Retry-After once the requests per minute are used up', async () => {
    const limited = await startMockLlm({ rateLimitRequests: 2 });
    try {
      const c = openAiClient(limited);
      await c.chat.completions.create({ model: 'm', messages });
      const second = await c.chat.completions.create({ model: 'm', messages }).withResponse();
      expect(second.response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      const err = await c.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimitError);
      const rateError = err as RateLimitError;
      expect(rateError.code).toBe('rate_limit_exceeded');
      expect(rateError.type).toBe('requests');
      expect(Number(rateError.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(rateError.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    } finally {
      await limited.close();
    }
  });
});

describe('embeddings', () => {
  it('returns deterministic unit vectors as floats, with usage', async () => {
    const res = await client.embeddings.create({
      model: 'mock-embedding',
      input: 'hello world',
      encoding_format: 'float',
    });
    const again = await client.embeddings.create({
      model: 'mock-embedding',
      input: 'hello world',
      encoding_format: 'float',
    });
    const vector = res.data[0]?.embedding ?? [];
    expect(vector).toHaveLength(64);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(again.data[0]?.embedding).toEqual(vector);
    expect(res.usage).toEqual({
      prompt_tokens: countTextTokens('hello world'),
      total_tokens: countTextTokens('hello world'),
    });
  });

  it('serves the SDK default base64 path with the same vectors, for string arrays', async () => {
    const inputs = ['alpha', 'beta gamma'];
    const viaBase64 = await client.embeddings.create({ model: 'mock-embedding', input: inputs });
    const viaFloat = await client.embeddings.create({
      model: 'mock-embedding',
      input: inputs,
      encoding_format: 'float',
    });
    const recorded = server.requests(1)[0];
    expect(recorded?.body).toMatchObject({ encoding_format: 'float' });
    const base64Request = server.requests(2)[0];
    expect(base64Request?.body).toMatchObject({ encoding_format: 'base64' });

    expect(viaBase64.data.map((d) => d.index)).toEqual([0, 1]);
    expect(viaBase64.data.map((d) => Array.from(d.embedding))).toEqual(viaFloat.data.map((d) => d.embedding));
    expect(viaFloat.data[0]?.embedding).not.toEqual(viaFloat.data[1]?.embedding);
    expect(viaBase64.usage.prompt_tokens).toBe(countTextTokens('alpha') + countTextTokens('beta gamma'));
  });

  it('honours dimensions', async () => {
    const res = await client.embeddings.create({
      model: 'm',
      input: 'x',
      dimensions: 16,
      encoding_format: 'float',
    });
    expect(res.data[0]?.embedding).toHaveLength(16);
  });
});

describe('models and auth', () => {
  it('lists the configured models and retrieves any id', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(DEFAULT_MODELS);
    const one = await client.models.retrieve('whatever-model');
    expect(one).toMatchObject({ id: 'whatever-model', object: 'model' });
  });

  it('rejects a wrong key with AuthenticationError and never echoes the key', async () => {
    const wrong = openAiClient(server, { apiKey: 'sk-wrong-secret' });
    const err = await wrong.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).status).toBe(401);
    expect((err as AuthenticationError).code).toBe('invalid_api_key');
    expect(JSON.stringify((err as AuthenticationError).error)).not.toContain('sk-wrong');
  });

  it('answers unknown paths with a 404 in OpenAI format', async () => {
    const res = await fetch(`${server.url}/v1/nope`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        message: 'Invalid URL (GET /v1/nope)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});
