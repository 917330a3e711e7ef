import {
  APIError as AnthropicAPIError,
  OverloadedError,
  RateLimitError as AnthropicRateLimitError,
} from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm } from './index.js';
import type { MockLlmServer } from './index.js';
import { anthropicClient, openAiClient } from './test-support.js';

let server: MockLlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlm();
  client = openAiClient(server);
});
afterEach(() => server.reset());
afterAll(() => server.close());

const messages: ChatCompletionMessageParam[] = [
  { role: 'user', content: 'Tell me a story about a lighthouse' },
];

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('injected HTTP failures', () => {
  it('answers x-mock-fail: 429 with Retry-After, surfaced by the SDK without retries', async () => {
    const err = await client.chat.completions
      .create({ model: 'm', messages }, { headers: { 'x-mock-fail': '429', 'x-mock-retry-after': '7' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    const rateError = err as RateLimitError;
    expect(rateError.status).toBe(429);
    expect(rateError.headers.get('retry-after')).toBe('7');
    expect(rateError.headers.get('retry-after-ms')).toBe('7000');
    expect(rateError.code).toBe('rate_limit_exceeded');
    expect(server.stats().byRoute['POST /v1/chat/completions']).toBe(1);
  });

  it('lets an SDK with maxRetries: 1 succeed after one queued 429, honouring Retry-After', async () => {
    server.queueFault({ fail: 429, count: 1, retryAfter: 0.2 });
    const retrying = openAiClient(server, { maxRetries: 1 });
    const started = performance.now();
    const res = await retrying.chat.completions.create({ model: 'm', messages });
    const elapsed = performance.now() - started;

    expect(res.choices[0]?.message.content).toMatch(/^Mock reply to: Tell me a story/);
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(server.stats()).toMatchObject({ faultsInjected: 1, byStatus: { '429': 1, '200': 1 } });
    const [failed, retried] = server.requests(2);
    expect(failed?.headers['x-stainless-retry-count']).toBe('0');
    expect(retried?.headers['x-stainless-retry-count']).toBe('1');
  });

  it('applies queued faults to the next N matching requests only', async () => {
    const res = await fetch(`${server.url}/_mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fail: '500', count: 2, path: '/v1/chat/completions' }),
    });
    expect(res.status).toBe(201);

    // A request to another path does not consume the chat fault.
    await client.embeddings.create({ model: 'm', input: 'x' });
    for (let i = 0; i < 2; i++) {
      const err = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InternalServerError);
      expect((err as InternalServerError).type).toBe('server_error');
    }
    const ok = await client.chat.completions.create({ model: 'm', messages });
    expect(ok.choices[0]?.finish_reason).toBe('stop');
    const stats = (await (await fetch(`${server.url}/_mock/stats`)).json()) as { pendingFaults: unknown[] };
    expect(stats.pendingFaults).toEqual([]);
  });

  it('answers x-mock-fail: 500 with an InternalServerError', async () => {
    const err = await client.chat.completions
      .create({ model: 'm', messages }, { headers: { 'x-mock-fail': '500' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InternalServerError);
    expect((err as InternalServerError).status).toBe(500);
  });

  it('waits x-mock-latency-ms before the first byte', async () => {
    const started = performance.now();
    await client.chat.completions.create(
      { model: 'm', messages },
      { headers: { 'x-mock-latency-ms': '150' } },
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('rejects a malformed control header with a 400', async () => {
    const err = await client.chat.completions
      .create({ model: 'm', messages }, { headers: { 'x-mock-fail': 'explode' } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).message).toContain('fail must be');
  });
});

describe('mid-stream failures', () => {
  it('disconnect: the SDK stream yields the partial text, then throws', async () => {
    const stream = await client.chat.completions.create(
      { model: 'm', messages, stream: true },
      { headers: { 'x-mock-fail': 'disconnect', 'x-mock-chunks': '8', 'x-mock-fail-after-chunks': '3' } },
    );
    let text = '';
    let pieces = 0;
    const err = await (async () => {
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content;
        if (content) {
          text += content;
          pieces++;
        }
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(APIUserAbortError);
    expect(pieces).toBe(3);
    expect(text.startsWith('Mock reply to:')).toBe(true);
    await waitFor(() => server.stats().byStatus['dropped'] === 1);
  });

  it('stream-error: the SDK throws the error event sent mid-stream', async () => {
    const stream = await client.chat.completions.create(
      { model: 'm', messages, stream: true },
      { headers: { 'x-mock-fail': 'stream-error', 'x-mock-chunks': '4', 'x-mock-fail-after-chunks': '2' } },
    );
    let pieces = 0;
    const err = await (async () => {
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) pieces++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).message).toContain('injected by mock-llm');
    expect(pieces).toBe(2);
  });

  it('hang: an aborted request ends promptly on both sides', async () => {
    const controller = new AbortController();
    const pending = client.chat.completions
      .create({ model: 'm', messages }, { headers: { 'x-mock-fail': 'hang' }, signal: controller.signal })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const abortedAt = performance.now();
    controller.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(APIUserAbortError);
    expect(performance.now() - abortedAt).toBeLessThan(200);
    await waitFor(() => server.stats().byStatus['dropped'] === 1, 1000);
  });

  it('stall: a stream that stops sending can be aborted by the client', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'm', messages, stream: true },
      { headers: { 'x-mock-fail': 'stall', 'x-mock-fail-after-chunks': '2' }, signal: controller.signal },
    );
    let pieces = 0;
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) pieces++;
    expect(pieces).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    await waitFor(() => server.stats().byStatus['dropped'] === 1, 1000);
  });

  it('close() ends hanging requests promptly', async () => {
    const other = await startMockLlm();
    const c = openAiClient(other);
    const pending = c.chat.completions
      .create({ model: 'm', messages }, { headers: { 'x-mock-fail': 'hang' } })
      .catch((e: unknown) => e);
    await waitFor(() => other.stats().total === 1);
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(await pending).toBeInstanceOf(APIConnectionError);
  });
});

describe('Anthropic failures', () => {
  it('maps an injected 529 to overloaded_error and a 429 to RateLimitError with retry-after', async () => {
    const anthropic = anthropicClient(server);
    const params = { model: 'm', max_tokens: 50, messages: [{ role: 'user' as const, content: 'hi' }] };
    const overloaded = await anthropic.messages
      .create(params, { headers: { 'x-mock-fail': '529' } })
      .catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(OverloadedError);
    expect((overloaded as AnthropicAPIError).status).toBe(529);
    expect((overloaded as AnthropicAPIError).type).toBe('overloaded_error');

    const limited = await anthropic.messages
      .create(params, { headers: { 'x-mock-fail': '429', 'x-mock-retry-after': '3' } })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(AnthropicRateLimitError);
    expect((limited as AnthropicRateLimitError).headers.get('retry-after')).toBe('3');
    expect((limited as AnthropicRateLimitError).error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error' },
    });
  });

  it('sends an SSE error event mid-stream, which the SDK throws after partial text', async () => {
    const anthropic = anthropicClient(server);
    const stream = await anthropic.messages.create(
      { model: 'm', max_tokens: 200, messages: [{ role: 'user', content: 'hi' }], stream: true },
      { headers: { 'x-mock-fail': 'stream-error', 'x-mock-fail-after-chunks': '4' } },
    );
    let text = '';
    const err = await (async () => {
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
          text += event.delta.text;
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnthropicAPIError);
    expect((err as AnthropicAPIError).type).toBe('overloaded_error');
    expect(text).toBe('Mock reply to: hi');
  });

  it('disconnect mid-stream surfaces as an error from the stream helper', async () => {
    const anthropic = anthropicClient(server);
    const stream = anthropic.messages.stream(
      { model: 'm', max_tokens: 200, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-mock-fail': 'disconnect', 'x-mock-fail-after-chunks': '2' } },
    );
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    await expect(stream.finalMessage()).rejects.toThrow();
    expect(texts).toEqual(['Mock', ' reply']);
  });
});
