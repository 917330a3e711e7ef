import type Anthropic from '@anthropic-ai/sdk';
import { AuthenticationError, BadRequestError } from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS, startMockLlm } from './index.js';
import type { MockLlmServer } from './index.js';
import { anthropicClient, collectTimed, gaps, median, TEST_KEY } from './test-support.js';
import { countPromptTokens, countTextTokens } from './tokens.js';

let server: MockLlmServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startMockLlm({ key: TEST_KEY });
  client = anthropicClient(server);
});
afterAll(() => server.close());

const system = 'You answer in haiku.';
const messages: Anthropic.MessageParam[] = [
  { role: 'user', content: 'What is the tallest mountain on earth and how tall' },
];
const params = { model: 'mock-claude-sonnet', max_tokens: 200, system, messages };
const expectedInput = countPromptTokens([
  { role: 'system', text: system },
  { role: 'user', text: 'What is the tallest mountain on earth and how tall' },
]);

describe('messages, non-streaming', () => {
  it('returns a message with exact usage and end_turn', async () => {
    const message = await client.messages.create(params);
    const block = message.content[0];
    const text = block?.type === 'text' ? block.text : '';

    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'mock-claude-sonnet' });
    expect(message.id).toMatch(/^msg_/);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.stop_sequence).toBeNull();
    expect(text.startsWith('Mock reply to: What is the tallest mountain on …')).toBe(true);
    expect(message.usage.input_tokens).toBe(expectedInput);
    expect(message.usage.output_tokens).toBe(countTextTokens(text));
  });

  it('counts the system prompt in the input tokens and count_tokens agrees with usage', async () => {
    const withSystem = await client.messages.countTokens({ model: 'm', system, messages });
    const withoutSystem = await client.messages.countTokens({ model: 'm', messages });
    expect(withSystem.input_tokens).toBe(expectedInput);
    expect(withoutSystem.input_tokens).toBeLessThan(withSystem.input_tokens);
    const message = await client.messages.create({ model: 'm', max_tokens: 50, messages });
    expect(message.usage.input_tokens).toBe(withoutSystem.input_tokens);
  });

  it('truncates at max_tokens with stop_reason max_tokens', async () => {
    const message = await client.messages.create({ ...params, max_tokens: 4 });
    const block = message.content[0];
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(4);
    expect(countTextTokens(block?.type === 'text' ? block.text : '')).toBe(4);
  });

  it('stops at a stop sequence and reports it', async () => {
    const message = await client.messages.create({ ...params, stop_sequences: ['tallest'] });
    const block = message.content[0];
    expect(block?.type === 'text' ? block.text : '').toBe('Mock reply to: What is the ');
    expect(message.stop_reason).toBe('stop_sequence');
    expect(message.stop_sequence).toBe('tallest');
  });

  it('rejects a missing max_tokens in Anthropic error format', async () => {
    const err = await client.messages
      .create({ model: 'm', messages } as unknown as Anthropic.MessageCreateParamsNonStreaming)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).type).toBe('invalid_request_error');
    expect((err as BadRequestError).message).toContain('max_tokens');
  });
});

describe('messages, streaming', () => {
  it('emits the full event sequence with timed deltas and usage in message_delta', async () => {
    const reference = await client.messages.create(params);
    const stream = await client.messages.create(
      { ...params, stream: true },
      { headers: { 'x-mock-chunk-gap-ms': '25', 'x-mock-chunks': '5' } },
    );
    const received = await collectTimed(stream);
    const events = received.map((r) => r.item);

    // The SDK consumes `ping`; the raw-wire test below checks it.
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      ...Array<string>(5).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = events[0];
    expect(start?.type === 'message_start' && start.message.usage.input_tokens).toBe(expectedInput);
    const text = events
      .map((e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? e.delta.text : ''))
      .join('');
    const refBlock = reference.content[0];
    expect(text).toBe(refBlock?.type === 'text' ? refBlock.text : null);
    const delta = events.find((e) => e.type === 'message_delta');
    expect(delta?.type === 'message_delta' && delta.delta.stop_reason).toBe('end_turn');
    expect(delta?.type === 'message_delta' && delta.usage.output_tokens).toBe(reference.usage.output_tokens);

    const times = received.filter((r) => r.item.type === 'content_block_delta').map((r) => r.at);
    expect((times.at(-1) as number) - (times[0] as number)).toBeGreaterThanOrEqual(80);
    expect(median(gaps(times))).toBeGreaterThanOrEqual(15);
  });

  it('puts ping on the wire right after content_block_start, accepting x-api-key', async () => {
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': TEST_KEY,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({ ...params, stream: true, max_tokens: 3 }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const names = [...(await res.text()).matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('accumulates to the same final message with the stream helper, stopping at max_tokens', async () => {
    const reference = await client.messages.create({ ...params, max_tokens: 5 });
    const final = await client.messages.stream({ ...params, max_tokens: 5 }).finalMessage();
    expect(final.content).toEqual(reference.content);
    expect(final.stop_reason).toBe('max_tokens');
    expect(final.usage.output_tokens).toBe(5);
    expect(final.usage.input_tokens).toBe(expectedInput);
  });
});

describe('headers, models and auth', () => {
  it('reports anthropic rate-limit headers that decrease', async () => {
    const first = await client.messages.create(params).withResponse();
    const second = await client.messages.create(params).withResponse();
    const h1 = first.response.headers;
    const h2 = second.response.headers;
    expect(h1.get('anthropic-ratelimit-requests-limit')).toBe('10000');
    expect(Number(h2.get('anthropic-ratelimit-requests-remaining'))).toBe(
      Number(h1.get('anthropic-ratelimit-requests-remaining')) - 1,
    );
    const used = second.data.usage.input_tokens + second.data.usage.output_tokens;
    expect(Number(h2.get('anthropic-ratelimit-tokens-remaining'))).toBe(
      Number(h1.get('anthropic-ratelimit-tokens-remaining')) - used,
    );
    const reset = Date.parse(h2.get('anthropic-ratelimit-requests-reset') ?? '');
    expect(reset).toBeGreaterThan(Date.now() - 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() + 61_000);
    expect(h2.get('anthropic-ratelimit-tokens-reset')).toBe(h2.get('anthropic-ratelimit-requests-reset'));
    expect(second.request_id).toMatch(/^req_/);
  });

  it('lists models in Anthropic format', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.type).toBe('model');
      ids.push(model.id);
    }
    expect(ids).toEqual(DEFAULT_MODELS);
  });

  it('rejects a wrong key with AuthenticationError', async () => {
    const wrong = anthropicClient(server, { apiKey: 'sk-ant-wrong' });
    const err = await wrong.messages.create(params).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).type).toBe('authentication_error');
  });
});
