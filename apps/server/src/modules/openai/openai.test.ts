import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import OpenAI, {
  APIError,
  AuthenticationError,
  InternalServerError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlm, type MockLlmServer } from '../../mock-llm/index.js';
import {
  api,
  apiKey,
  builtInMockModelId,
  eventually,
  signup,
  startTestServer,
  type Session,
  type TestServer,
  withinOneLimitWindow,
} from '../../../test/harness.js';

let s: TestServer;
let owner: Session;
let foreign: Session;
let baseURL: string;
let editorKey: string;
let client: OpenAI;

const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city'],
    },
  },
};

function sdk(apiKeyValue: string): OpenAI {
  // No SDK retries: a test that expects one error must see exactly that answer.
  return new OpenAI({ apiKey: apiKeyValue, baseURL, maxRetries: 0 });
}

async function execution(id: string) {
  const res = await api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${owner.orgId}/executions/${id.replace(/^chatcmpl-/, '')}`,
    token: owner.accessToken,
  });
  expect(res.status).toBe(200);
  return res.body.execution;
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>) {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
  return { chunks, text };
}

beforeAll(async () => {
  s = await startTestServer();
  baseURL = `${await s.app.listen({ host: '127.0.0.1', port: 0 })}/api/v1/openai`;
  owner = await signup(s.app, 'OpenAI Org');
  foreign = await signup(s.app, 'Other OpenAI Org');
  editorKey = await apiKey(s.app, owner, 'editor');
  client = sdk(editorKey);
}, 60_000);
afterAll(async () => s?.close());

describe('OpenAI-compatible chat completions through the official SDK', () => {
  it('answers a chat.completion and records it as an execution with source openai and its cost', async () => {
    const completion = await client.chat.completions.create({
      model: 'mock-fast',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there from the SDK' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.model).toBe('mock-fast');
    expect(typeof completion.created).toBe('number');
    const choice = completion.choices[0]!;
    expect(choice.index).toBe(0);
    expect(choice.finish_reason).toBe('stop');
    expect(choice.logprobs).toBeNull();
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toMatch(/^Mock reply to: Hello there from the SDK /);
    const usage = completion.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);

    const run = await execution(completion.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      source: 'openai',
      model: 'mock-fast',
      output: choice.message.content,
      usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
    });
    expect(Number(run.costUsd)).toBeGreaterThan(0);
    expect(run.input.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there from the SDK' },
    ]);
  });

  it('streams chunks that concatenate to the non-streamed text, with a usage chunk on request', async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Stream me a short story' }];
    const whole = await client.chat.completions.create({ model: 'mock-fast', messages });
    const { chunks, text } = await collect(
      await client.chat.completions.create({
        model: 'mock-fast',
        messages,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(text).toBe(whole.choices[0]!.message.content);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.object).toBe('chat.completion.chunk');
      expect(c.id).toBe(chunks[0]!.id);
    }
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const usageChunk = chunks[chunks.length - 1]!;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      prompt_tokens: whole.usage!.prompt_tokens,
      completion_tokens: whole.usage!.completion_tokens,
      total_tokens: whole.usage!.total_tokens,
    });
    expect(chunks[chunks.length - 2]!.choices[0]!.finish_reason).toBe('stop');
    // Every chunk before the last says `usage: null`, as OpenAI's do with include_usage.
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);

    const plain = await collect(
      await client.chat.completions.create({ model: 'mock-fast', messages, stream: true }),
    );
    expect(plain.text).toBe(text);
    expect(plain.chunks.every((c) => c.usage === undefined && c.choices.length === 1)).toBe(true);

    const run = await execution(chunks[0]!.id);
    expect(run).toMatchObject({ status: 'succeeded', source: 'openai', output: text });
  });

  it('names the stored run in a header, and stores a stream the client stops as cancelled', async () => {
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Headers please' }];
    const { data, response } = await client.chat.completions
      .create({ model: 'mock-fast', messages })
      .withResponse();
    expect(response.headers.get('x-promptops-execution-id')).toBe(data.id.replace(/^chatcmpl-/, ''));
    const streamed = await client.chat.completions
      .create({ model: 'mock-fast', messages, stream: true })
      .withResponse();
    const runId = streamed.response.headers.get('x-promptops-execution-id');
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    for await (const chunk of streamed.data) {
      expect(chunk.id).toBe(`chatcmpl-${runId}`);
      if (chunk.choices[0]?.delta.content) break; // leaving the loop aborts the request
    }
    const run = await eventually('the stopped stream is stored as cancelled', async () => {
      const e = await execution(runId!);
      return e.status === 'cancelled' ? e : undefined;
    });
    expect(run.source).toBe('openai');
    expect(run.output.length).toBeGreaterThan(0);
  });

  it('passes tools through: a tool call comes back, then the tool message is answered', async () => {
    const question: ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris today?' };
    const first = await client.chat.completions.create({
      model: 'mock-fast',
      messages: [question],
      tools: [WEATHER_TOOL],
      tool_choice: 'auto',
    });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe('function');
    expect(call.id).toMatch(/^call_/);
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Weather in Paris today?', unit: 'celsius' });
    const run = await execution(first.id);
    expect(run.toolCalls).toEqual([{ id: call.id, name: 'get_weather', arguments: call.function.arguments }]);
    expect(run.input.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: WEATHER_TOOL.function.parameters,
      },
    ]);

    // The same call, streamed as OpenAI streams it: id and name first, then argument pieces.
    const streamed = await collect(
      await client.chat.completions.create({
        model: 'mock-fast',
        messages: [question],
        tools: [WEATHER_TOOL],
        stream: true,
      }),
    );
    const pieces = streamed.chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0]).toMatchObject({
      index: 0,
      id: call.id,
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(pieces.slice(1).every((p) => p.index === 0 && p.id === undefined)).toBe(true);
    expect(pieces.map((p) => p.function?.arguments ?? '').join('')).toBe(call.function.arguments);
    expect(streamed.chunks[streamed.chunks.length - 1]!.choices[0]!.finish_reason).toBe('tool_calls');

    const answer = await client.chat.completions.create({
      model: 'mock-fast',
      messages: [
        question,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: 'Sunny and 21 degrees' },
      ],
      tools: [WEATHER_TOOL],
    });
    expect(answer.choices[0]!.finish_reason).toBe('stop');
    expect(answer.choices[0]!.message.content).toMatch(/^Mock reply to: Sunny and 21 degrees/);
    const second = await execution(answer.id);
    expect(second.input.messages).toEqual([
      { role: 'user', content: 'Weather in Paris today?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: call.id, name: 'get_weather', arguments: call.function.arguments }],
      },
      { role: 'tool', content: 'Sunny and 21 degrees', toolCallId: call.id },
    ]);
  });

  it('runs a managed prompt by label, version or latest, with variables from metadata', async () => {
    const modelId = await builtInMockModelId(s.app, owner);
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/prompts`,
      token: owner.accessToken,
      payload: {
        name: 'support/greeter',
        type: 'chat',
        messages: [
          { role: 'system', content: 'You are {{tone}}.' },
          { role: 'user', content: 'Tell me about {{topic}}' },
        ],
        modelId,
        params: { temperature: 0.3, maxTokens: 200 },
      },
    });
    expect(created.status).toBe(201);
    const v2 = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/prompts/${encodeURIComponent('support/greeter')}/versions`,
      token: owner.accessToken,
      payload: { type: 'chat', messages: [{ role: 'user', content: 'Version two on {{topic}}' }], modelId },
    });
    expect(v2.status).toBe(201);
    const label = await api(s.app, {
      method: 'PUT',
      url: `/api/v1/orgs/${owner.orgId}/prompts/${encodeURIComponent('support/greeter')}/labels/production`,
      token: owner.accessToken,
      payload: { version: 1 },
    });
    expect(label.status).toBe(200);

    const run = (model: string, extra: Record<string, unknown> = {}) =>
      client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Keep it short' }],
        // OpenAI's SDK types metadata as strings; the endpoint also takes the object itself.
        metadata: { variables: JSON.stringify({ tone: 'kind', topic: 'otters' }) },
        ...extra,
      });
    const byLabel = await run('prompt:support/greeter@production', { temperature: 0.9 });
    expect(byLabel.choices[0]!.message.content).toMatch(/^Mock reply to: Keep it short/);
    const recorded = await execution(byLabel.id);
    expect(recorded).toMatchObject({ source: 'openai', promptName: 'support/greeter', promptVersion: 1 });
    expect(recorded.input.messages).toEqual([
      { role: 'system', content: 'You are kind.' },
      { role: 'user', content: 'Tell me about otters' },
      { role: 'user', content: 'Keep it short' },
    ]);
    expect(recorded.input.variables).toEqual({ tone: 'kind', topic: 'otters' });
    // The request's temperature overrides the prompt's; the prompt's max tokens stay.
    expect(recorded.input.params).toMatchObject({ temperature: 0.9, maxTokens: 200 });

    const byVersion = await execution((await run('prompt:support/greeter#2')).id);
    expect(byVersion.promptVersion).toBe(2);
    expect(byVersion.input.messages[0]).toEqual({ role: 'user', content: 'Version two on otters' });
    const latest = await execution((await run('prompt:support/greeter')).id);
    expect(latest.promptVersion).toBe(2);

    const missingVariable = await client.chat.completions
      .create({ model: 'prompt:support/greeter@production', messages: [] })
      .catch((e: unknown) => e);
    expect(missingVariable).toBeInstanceOf(BadRequestError);
    expect((missingVariable as BadRequestError).param).toMatch(/^metadata\.variables/);
  });

  it('lists the organization’s models in OpenAI’s format', async () => {
    const ids: string[] = [];
    for await (const m of client.models.list()) {
      expect(m.object).toBe('model');
      expect(m.owned_by).toBe('Built-in mock');
      ids.push(m.id);
    }
    expect(ids).toEqual(expect.arrayContaining(['mock-fast', 'mock-smart']));
    const viewer = sdk(await apiKey(s.app, owner, 'viewer'));
    expect((await viewer.models.list()).data.length).toBe(ids.length);
  });
});

describe('OpenAI-shaped errors the SDK raises as its typed errors', () => {
  it('a bad key is an AuthenticationError; so is a user session instead of an API key', async () => {
    const bad = await sdk('po_not_a_real_key')
      .models.list()
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AuthenticationError);
    expect((bad as AuthenticationError).status).toBe(401);
    expect((bad as AuthenticationError).code).toBe('invalid_api_key');
    expect((bad as AuthenticationError).type).toBe('authentication_error');
    const session = await sdk(owner.accessToken)
      .chat.completions.create({ model: 'mock-fast', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(session).toBeInstanceOf(AuthenticationError);
  });

  it('an unknown model, or another organization’s prompt, is a NotFoundError naming the model', async () => {
    const unknown = await client.chat.completions
      .create({ model: 'gpt-nonexistent', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).code).toBe('model_not_found');
    expect((unknown as NotFoundError).param).toBe('model');

    const modelId = await builtInMockModelId(s.app, foreign);
    const theirs = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${foreign.orgId}/prompts`,
      token: foreign.accessToken,
      payload: { name: 'their-secret', type: 'text', template: 'Secret {{x}}', modelId },
    });
    expect(theirs.status).toBe(201);
    const foreignPrompt = await client.chat.completions
      .create({ model: 'prompt:their-secret', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(foreignPrompt).toBeInstanceOf(NotFoundError);
    expect((foreignPrompt as NotFoundError).message).toContain('prompt:their-secret');
    // Their own key runs it.
    const own = await sdk(await apiKey(s.app, foreign, 'editor')).chat.completions.create({
      model: 'prompt:their-secret',
      messages: [],
      metadata: { variables: JSON.stringify({ x: 'sauce' }) },
    });
    expect(own.choices[0]!.message.content).toMatch(/^Mock reply to: Secret sauce/);
  });

  it('a bad body is a BadRequestError whose param names the field, and nothing is recorded', async () => {
    const before = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${owner.orgId}/executions?source=openai`,
      token: owner.accessToken,
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ model: 'mock-fast', messages: [{ role: 'user', content: 'hi' }], temperature: 5 }, 'temperature'],
      [{ model: 'mock-fast', messages: [{ role: 'wizard', content: 'hi' }] }, 'messages[0].role'],
      [{ model: 'mock-fast', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
      [{ model: 'mock-fast', messages: [] }, 'messages'],
      [{ model: 'mock-fast', messages: [{ role: 'user', content: 'hi' }], n: 3 }, 'n'],
      [{ model: 'prompt:bad name!', messages: [{ role: 'user', content: 'hi' }] }, 'model'],
      [
        {
          model: 'mock-fast',
          messages: [{ role: 'user', content: 'hi' }],
          tools: [WEATHER_TOOL],
          tool_choice: { type: 'function', function: { name: 'nope' } },
        },
        'tool_choice',
      ],
    ];
    for (const [body, param] of cases) {
      const err = await client.chat.completions.create(body as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(body)).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).param, JSON.stringify(body)).toBe(param);
      expect((err as BadRequestError).type).toBe('invalid_request_error');
    }
    const after = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${owner.orgId}/executions?source=openai`,
      token: owner.accessToken,
    });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('a viewer key may list models but not run them: PermissionDeniedError', async () => {
    const viewer = sdk(await apiKey(s.app, owner, 'viewer'));
    const err = await viewer.chat.completions
      .create({ model: 'mock-fast', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect((err as PermissionDeniedError).status).toBe(403);
  });

  it('a model over its request limit is a RateLimitError with Retry-After', async () => {
    const modelId = await builtInMockModelId(s.app, owner, 'mock-smart');
    const limited = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${owner.orgId}/models/${modelId}`,
      token: owner.accessToken,
      payload: { settings: { limits: { requestsPerMinute: 1 } } },
    });
    expect(limited.status).toBe(200);
    await withinOneLimitWindow();
    await client.chat.completions.create({
      model: 'mock-smart',
      messages: [{ role: 'user', content: 'one' }],
    });
    const err = await client.chat.completions
      .create({ model: 'mock-smart', messages: [{ role: 'user', content: 'two' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).code).toBe('rate_limit_exceeded');
    expect(Number((err as RateLimitError).headers?.get('retry-after'))).toBeGreaterThan(0);
  });

  it('unknown paths under the prefix answer OpenAI-shaped; the rest of the API keeps problem+json', async () => {
    const res = await fetch(`${baseURL}/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const malformed = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorKey}`, 'content-type': 'application/json' },
      body: '{"model": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
    const elsewhere = await api(s.app, { method: 'GET', url: `/api/v1/orgs/${owner.orgId}/executions` });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.headers['content-type']).toContain('application/problem+json');
  });
});

describe('provider failures', () => {
  let mock: MockLlmServer;
  const failing = async (name: string, fail: string) => {
    const p = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/providers`,
      token: owner.accessToken,
      payload: {
        name: `Failing ${name}`,
        type: 'openai-compatible',
        baseUrl: `${mock.url}/v1`,
        settings: { headers: { 'x-mock-fail': fail }, maxRetries: 0 },
      },
    });
    expect(p.status).toBe(201);
    const m = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/models`,
      token: owner.accessToken,
      payload: { providerId: p.body.id, name, inputPricePerMTok: '1', outputPricePerMTok: '2' },
    });
    expect(m.status).toBe(201);
  };
  beforeAll(async () => {
    mock = await startMockLlm({ port: 0, chunkGapMs: 1, replyWords: 8 });
    await failing('broken-500', '500');
    await failing('broken-400', '400');
    await failing('broken-mid-stream', 'stream-error');
  });
  afterAll(() => mock?.close());

  it('an outage is a 5xx api_error, a refused request a BadRequestError; both are recorded as failed', async () => {
    const outage = await client.chat.completions
      .create({ model: 'broken-500', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(outage).toBeInstanceOf(InternalServerError);
    expect((outage as InternalServerError).status).toBe(502);
    expect((outage as InternalServerError).type).toBe('api_error');
    // The provider's own message is for admin keys; an editor's key sees the status.
    expect((outage as InternalServerError).message).toContain('HTTP 500');
    const runId = (outage as InternalServerError).headers?.get('x-promptops-execution-id');
    expect(await execution(runId!)).toMatchObject({
      status: 'failed',
      source: 'openai',
      model: 'broken-500',
    });

    const refused = await client.chat.completions
      .create({ model: 'broken-400', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestError);
  });

  it('a failure mid-stream reaches the SDK as an error after the text so far', async () => {
    const stream = await client.chat.completions.create({
      model: 'broken-mid-stream',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    let runId = '';
    const err = await (async () => {
      for await (const chunk of stream) {
        runId = chunk.id.replace(/^chatcmpl-/, '');
        text += chunk.choices[0]?.delta.content ?? '';
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect(text.length).toBeGreaterThan(0);
    const run = await execution(runId);
    expect(run).toMatchObject({ status: 'failed', output: text });
  });
});

describe('the official Python SDK', () => {
  const python = spawnSync('python3', ['-c', 'import openai'], { encoding: 'utf8' });
  const available = python.status === 0;
  if (!available) {
    it.skip('needs python3 with the openai package (Debian: apt-get install python3-openai)', () =>
      undefined);
    return;
  }
  it('runs a completion, a stream and a tool call with the openai package', async () => {
    const script = `
import json, os, sys
from openai import OpenAI, NotFoundError
client = OpenAI(base_url=os.environ["BASE_URL"], api_key=os.environ["API_KEY"], max_retries=0)
done = client.chat.completions.create(model="mock-fast", messages=[{"role": "user", "content": "Hi from Python"}])
parts = [c.choices[0].delta.content or "" for c in client.chat.completions.create(
    model="mock-fast", messages=[{"role": "user", "content": "Hi from Python"}], stream=True) if c.choices]
tool = client.chat.completions.create(model="mock-fast", messages=[{"role": "user", "content": "Weather?"}],
    tools=[{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}])
try:
    client.chat.completions.create(model="no-such-model", messages=[{"role": "user", "content": "x"}])
    missing = None
except NotFoundError as e:
    missing = e.status_code
print(json.dumps({"text": done.choices[0].message.content, "streamed": "".join(parts),
    "tool": tool.choices[0].message.tool_calls[0].function.name, "missing": missing}))
`;
    // Asynchronously: the server answering the script runs in this process.
    const res = await promisify(execFile)('python3', ['-c', script], {
      encoding: 'utf8',
      env: { ...process.env, BASE_URL: baseURL, API_KEY: editorKey },
      timeout: 60_000,
    });
    const out = JSON.parse(res.stdout) as { text: string; streamed: string; tool: string; missing: number };
    expect(out.text).toMatch(/^Mock reply to: Hi from Python/);
    expect(out.streamed).toBe(out.text);
    expect(out.tool).toBe('get_weather');
    expect(out.missing).toBe(404);
  });
});
