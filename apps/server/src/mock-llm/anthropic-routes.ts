import type { RequestContext } from './context.js';
import { anthropicErrorBody } from './errors.js';
import { generateReply, splitIntoChunks } from './reply.js';
import { sse, writeStream } from './stream.js';
import { chooseToolCall, parseAnthropicToolChoice, parseAnthropicTools, splitArguments } from './tools.js';
import type { PromptMessage } from './tokens.js';
import { countPromptTokens } from './tokens.js';
import type { Body } from './validation.js';
import {
  asObject,
  checkRange,
  contentText,
  optionalBoolean,
  optionalPositiveInt,
  requireString,
  stopStrings,
  ValidationError,
} from './validation.js';

// Anthropic's /v1/messages (with the full SSE event sequence) and /v1/messages/count_tokens.

const ROLES = new Set(['user', 'assistant', 'system']);

/** The prompt as both endpoints count it: system first, then the messages, plus serialized tools. */
function parsePrompt(body: Body): { messages: PromptMessage[]; tokens: number } {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw new ValidationError('messages', 'messages: Field required (a non-empty array)');
  }
  const messages: PromptMessage[] = [];
  if (body.system !== undefined && body.system !== null) {
    if (typeof body.system !== 'string' && !Array.isArray(body.system)) {
      throw new ValidationError('system', 'system: must be a string or an array of text blocks');
    }
    messages.push({ role: 'system', text: contentText(body.system) });
  }
  body.messages.forEach((raw, i) => {
    const m = raw as { role?: unknown; content?: unknown };
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string' || !ROLES.has(m.role)) {
      throw new ValidationError(`messages.${i}.role`, `messages.${i}.role: must be "user" or "assistant"`);
    }
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) {
      throw new ValidationError(`messages.${i}.content`, `messages.${i}.content: Field required`);
    }
    messages.push({ role: m.role, text: contentText(m.content) });
  });
  return { messages, tokens: countPromptTokens(messages, body.tools ? JSON.stringify(body.tools) : '') };
}

export async function handleCountTokens(ctx: RequestContext, rawBody: unknown): Promise<void> {
  const body = asObject(rawBody);
  requireString(body, 'model');
  const { tokens } = parsePrompt(body);
  if (!(await ctx.admit(0, false))) return;
  ctx.sendJson(200, { input_tokens: tokens });
}

export async function handleMessages(ctx: RequestContext, rawBody: unknown): Promise<void> {
  const body = asObject(rawBody);
  const model = requireString(body, 'model');
  const maxTokens = optionalPositiveInt(body, 'max_tokens');
  if (maxTokens === undefined) throw new ValidationError('max_tokens', 'max_tokens: Field required');
  const { messages, tokens: inputTokens } = parsePrompt(body);
  checkRange(body, 'temperature', 0, 1);
  checkRange(body, 'top_p', 0, 1);
  const stop = stopStrings(body.stop_sequences, 'stop_sequences', 8192);
  const stream = optionalBoolean(body, 'stream');

  const tools = parseAnthropicTools(body.tools);
  const toolCall = chooseToolCall(
    tools,
    parseAnthropicToolChoice(body.tool_choice, tools),
    messages,
    endsWithToolResult(body.messages as unknown[]),
    'toolu_',
  );
  const { controls } = ctx;
  const generated = generateReply({
    messages,
    words: Math.max(controls.replyWords, controls.chunkCount),
    text: controls.reply,
    maxTokens,
    stop,
  });
  const reply = toolCall
    ? { text: '', outputTokens: toolCall.outputTokens, finish: 'stop' as const, stopSequence: null }
    : generated;
  if (!(await ctx.admit(inputTokens + reply.outputTokens, stream))) return;

  const id = `msg_mock_${ctx.requestId}`;
  const stopReason = toolCall
    ? 'tool_use'
    : reply.finish === 'length'
      ? 'max_tokens'
      : reply.finish === 'stop_sequence'
        ? 'stop_sequence'
        : 'end_turn';
  const usage = (outputTokens: number) => ({
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  });
  const message = (content: unknown[], outputTokens: number, done: boolean) => ({
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: done ? stopReason : null,
    stop_sequence: done ? reply.stopSequence : null,
    usage: usage(outputTokens),
  });

  if (!stream) {
    const content = toolCall
      ? [{ type: 'tool_use', id: toolCall.id, name: toolCall.name, input: toolCall.input }]
      : [{ type: 'text', text: reply.text }];
    ctx.sendJson(200, message(content, reply.outputTokens, true));
    return;
  }

  const block = toolCall
    ? { type: 'tool_use', id: toolCall.id, name: toolCall.name, input: {} }
    : { type: 'text', text: '' };
  await writeStream(
    ctx,
    toolCall
      ? splitArguments(toolCall.arguments, controls.chunkCount)
      : splitIntoChunks(reply.text, controls.chunkCount),
    {
      // Like the real API, message_start reports 1 output token; message_delta's count is the total.
      head:
        sse('message_start', { type: 'message_start', message: message([], 1, false) }) +
        sse('content_block_start', {
          type: 'content_block_start',
          index: 0,
          content_block: block,
        }) +
        sse('ping', { type: 'ping' }),
      piece: (text) =>
        sse('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: toolCall ? { type: 'input_json_delta', partial_json: text } : { type: 'text_delta', text },
        }),
      tail:
        sse('content_block_stop', { type: 'content_block_stop', index: 0 }) +
        sse('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: stopReason, stop_sequence: reply.stopSequence },
          usage: {
            input_tokens: inputTokens,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
            output_tokens: reply.outputTokens,
          },
        }) +
        sse('message_stop', { type: 'message_stop' }),
      error: sse(
        'error',
        anthropicErrorBody(529, 'Overloaded (injected by mock-llm)', `req_${ctx.requestId}`),
      ),
    },
  );
}

/** The conversation ends with a user turn made only of tool results. */
function endsWithToolResult(messages: unknown[]): boolean {
  const last = messages[messages.length - 1] as { role?: unknown; content?: unknown } | undefined;
  return (
    last?.role === 'user' &&
    Array.isArray(last.content) &&
    last.content.length > 0 &&
    last.content.every((b) => (b as { type?: unknown })?.type === 'tool_result')
  );
}

export function anthropicModelList(models: readonly string[]): unknown {
  return {
    data: models.map(anthropicModel),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models[models.length - 1] ?? null,
  };
}

export function anthropicModel(id: string): unknown {
  return {
    type: 'model',
    id,
    display_name: `${id} (mock-llm test model)`,
    created_at: '2025-01-01T00:00:00Z',
  };
}
