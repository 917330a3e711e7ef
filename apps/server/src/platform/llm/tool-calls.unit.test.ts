import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import { anthropicClient, openAiClient, TEST_KEY } from '../../mock-llm/test-support.js';
import { AnthropicClient } from './anthropic-client.js';
import { OpenAiCompatibleClient } from './openai-client.js';
import type { ChatRequest, LlmClient, StreamEvent, ToolDefinition } from './types.js';

// Tool use through both provider clients, against the simulator over HTTP: what goes on the wire
// (checked in the simulator's request log) and what comes back as stream events.

let mock: MockLlmServer;

const LOOKUP: ToolDefinition = {
  name: 'lookup_order',
  description: 'Find an order',
  parameters: {
    type: 'object',
    properties: { order: { type: 'string' }, express: { type: 'boolean' } },
    required: ['order'],
  },
};

beforeAll(async () => {
  mock = await startMockLlm({ key: TEST_KEY, chunkGapMs: 0, latencyMs: 0, chunkCount: 4 });
});
afterAll(() => mock.close());

async function events(client: LlmClient, request: ChatRequest): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of client.stream(request, new AbortController().signal)) out.push(e);
  return out;
}

async function lastRequestBody(): Promise<any> {
  const res = (await (await fetch(`${mock.url}/_mock/requests?limit=1`)).json()) as {
    requests: { body: unknown }[];
  };
  return res.requests[0]!.body;
}

function toolPieces(list: StreamEvent[]) {
  return list.filter((e): e is Extract<StreamEvent, { type: 'tool_call' }> => e.type === 'tool_call');
}

const clients: [string, () => LlmClient, string][] = [
  [
    'OpenAI protocol',
    () => new OpenAiCompatibleClient(`${mock.url}/v1`, TEST_KEY, 'compatible'),
    'mock-gpt-4o',
  ],
  ['Anthropic', () => new AnthropicClient(mock.url, TEST_KEY), 'mock-claude-sonnet'],
];

describe.each(clients)('%s client: tools', (_name, make, model) => {
  it('streams a forced tool call as pieces: id and name first, then arguments, then finish tool_calls', async () => {
    const list = await events(make(), {
      model,
      messages: [
        { role: 'system', content: 'You look orders up.' },
        { role: 'user', content: 'Where is order 42?' },
      ],
      params: {},
      tools: [LOOKUP],
      toolChoice: { name: 'lookup_order' },
    });
    const pieces = toolPieces(list);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0]).toMatchObject({ index: 0, name: 'lookup_order' });
    expect(pieces[0]!.id).toMatch(/^(call_|toolu_)/);
    expect(pieces.every((p) => p.index === 0)).toBe(true);
    expect(JSON.parse(pieces.map((p) => p.arguments).join(''))).toEqual({
      order: 'Where is order 42?',
      express: true,
    });
    expect(list.filter((e) => e.type === 'delta')).toEqual([]);
    expect(list).toContainEqual({ type: 'finish', reason: 'tool_calls' });
    expect(list.some((e) => e.type === 'usage' && e.outputTokens > 0)).toBe(true);
  });

  it('sends tool calls and results back in the provider’s own shape and gets a text answer', async () => {
    const list = await events(make(), {
      model,
      messages: [
        { role: 'user', content: 'Where are orders 42 and 43?' },
        {
          role: 'assistant',
          content: '',
          toolCalls: [
            { id: 'call_a', name: 'lookup_order', arguments: '{"order":"42"}' },
            { id: 'call_b', name: 'lookup_order', arguments: '{"order":"43"}' },
          ],
        },
        { role: 'tool', content: 'Order 42 shipped', toolCallId: 'call_a' },
        { role: 'tool', content: 'Order 43 packed', toolCallId: 'call_b' },
      ],
      params: { maxTokens: 100 },
      tools: [LOOKUP],
      toolChoice: 'auto',
    });
    const text = list.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(toolPieces(list)).toEqual([]);
    expect(list).toContainEqual({ type: 'finish', reason: 'stop' });
    const body = await lastRequestBody();
    if (model.startsWith('mock-claude')) {
      // Both results in one user turn after the assistant's tool_use blocks.
      expect(text).toMatch(/^Mock reply to: Order 42 shippedOrder 43 packed/);
      expect(body.messages).toEqual([
        { role: 'user', content: 'Where are orders 42 and 43?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_a', name: 'lookup_order', input: { order: '42' } },
            { type: 'tool_use', id: 'call_b', name: 'lookup_order', input: { order: '43' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_a', content: 'Order 42 shipped' },
            { type: 'tool_result', tool_use_id: 'call_b', content: 'Order 43 packed' },
          ],
        },
      ]);
      expect(body.tools).toEqual([
        { name: 'lookup_order', description: 'Find an order', input_schema: LOOKUP.parameters },
      ]);
      expect(body.tool_choice).toEqual({ type: 'auto' });
    } else {
      expect(text).toMatch(/^Mock reply to: Order 43 packed/);
      expect(body.messages[1]).toEqual({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'lookup_order', arguments: '{"order":"42"}' } },
          { id: 'call_b', type: 'function', function: { name: 'lookup_order', arguments: '{"order":"43"}' } },
        ],
      });
      expect(body.messages[2]).toEqual({ role: 'tool', content: 'Order 42 shipped', tool_call_id: 'call_a' });
      expect(body.tools).toEqual([
        {
          type: 'function',
          function: { name: 'lookup_order', description: 'Find an order', parameters: LOOKUP.parameters },
        },
      ]);
      expect(body.tool_choice).toBe('auto');
    }
  });

  it('a call without tools sends none and answers text as before', async () => {
    const list = await events(make(), {
      model,
      messages: [{ role: 'user', content: 'Plain hello' }],
      params: {},
    });
    expect(toolPieces(list)).toEqual([]);
    expect(list).toContainEqual({ type: 'finish', reason: 'stop' });
    const body = await lastRequestBody();
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
  });
});

describe('the simulator answers tool calls through the official SDKs, not streamed', () => {
  it('OpenAI: message.tool_calls with finish_reason tool_calls; tool_choice none answers text', async () => {
    const client = openAiClient(mock);
    const tools = [
      { type: 'function' as const, function: { name: 'lookup_order', parameters: LOOKUP.parameters! } },
    ];
    const res = await client.chat.completions.create({
      model: 'mock-gpt-4o',
      messages: [{ role: 'user', content: 'Order 7 please' }],
      tools,
    });
    expect(res.choices[0]!.finish_reason).toBe('tool_calls');
    const call = res.choices[0]!.message.tool_calls![0]!;
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(JSON.parse(call.function.arguments)).toEqual({ order: 'Order 7 please', express: true });
    const none = await client.chat.completions.create({
      model: 'mock-gpt-4o',
      messages: [{ role: 'user', content: 'Order 7 please' }],
      tools,
      tool_choice: 'none',
    });
    expect(none.choices[0]!.finish_reason).toBe('stop');
    expect(none.choices[0]!.message.content).toMatch(/^Mock reply to: Order 7 please/);
  });

  it('Anthropic: a tool_use block with stop_reason tool_use; any forces a call after a result', async () => {
    const client = anthropicClient(mock);
    const tools = [{ name: 'lookup_order', input_schema: LOOKUP.parameters as { type: 'object' } }];
    const res = await client.messages.create({
      model: 'mock-claude-sonnet',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Order 8 please' }],
      tools,
    });
    expect(res.stop_reason).toBe('tool_use');
    const block = res.content[0]!;
    if (block.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(block.input).toEqual({ order: 'Order 8 please', express: true });
    const forced = await client.messages.create({
      model: 'mock-claude-sonnet',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'Order 8 please' },
        { role: 'assistant', content: [block] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: block.id, content: 'shipped' }] },
      ],
      tools,
      tool_choice: { type: 'any' },
    });
    expect(forced.stop_reason).toBe('tool_use');
  });
});
