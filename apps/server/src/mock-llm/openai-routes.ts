import type { RequestContext } from './context.js';
import { embedText, encodeEmbeddingBase64 } from './embeddings.js';
import { openAiErrorBody } from './errors.js';
import { generateReply, splitIntoChunks } from './reply.js';
import { sseData, writeStream } from './stream.js';
import { chooseToolCall, parseOpenAiToolChoice, parseOpenAiTools, splitArguments } from './tools.js';
import type { PromptMessage } from './tokens.js';
import { countPromptTokens, countTextTokens } from './tokens.js';
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

// OpenAI's /v1/chat/completions, /v1/embeddings and /v1/models.

const FINGERPRINT = 'fp_mock';

function parseChatMessages(value: unknown): PromptMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ValidationError('messages', "'messages' must be a non-empty array.");
  }
  return value.map((raw, i) => {
    const m = raw as { role?: unknown; content?: unknown; name?: unknown; tool_calls?: unknown };
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string') {
      throw new ValidationError(
        `messages[${i}].role`,
        `messages[${i}]: every message needs a string 'role'.`,
      );
    }
    if (m.role === 'tool' && typeof (raw as { tool_call_id?: unknown }).tool_call_id !== 'string') {
      throw new ValidationError(
        `messages[${i}].tool_call_id`,
        `messages[${i}]: a 'tool' message needs the 'tool_call_id' it answers.`,
      );
    }
    const text = contentText(m.content) + (m.tool_calls ? JSON.stringify(m.tool_calls) : '');
    return typeof m.name === 'string' ? { role: m.role, text, name: m.name } : { role: m.role, text };
  });
}

export async function handleChatCompletions(ctx: RequestContext, rawBody: unknown): Promise<void> {
  const body = asObject(rawBody);
  const model = requireString(body, 'model');
  const messages = parseChatMessages(body.messages);
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw new ValidationError('n', 'mock-llm supports only n=1.');
  }
  checkRange(body, 'temperature', 0, 2);
  checkRange(body, 'top_p', 0, 1);
  const maxTokens =
    optionalPositiveInt(body, 'max_completion_tokens') ?? optionalPositiveInt(body, 'max_tokens');
  const stop = stopStrings(body.stop, 'stop', 4);
  const stream = optionalBoolean(body, 'stream');
  if (body.stream_options != null && !stream) {
    throw new ValidationError(
      'stream_options',
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    );
  }
  const includeUsage =
    stream && (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;

  const inputTokens = countPromptTokens(messages, body.tools ? JSON.stringify(body.tools) : '');
  const tools = parseOpenAiTools(body.tools);
  const toolCall = chooseToolCall(
    tools,
    parseOpenAiToolChoice(body.tool_choice, tools),
    messages,
    messages[messages.length - 1]?.role === 'tool',
    'call_',
  );
  const { controls } = ctx;
  const generated = generateReply({
    messages,
    words: Math.max(controls.replyWords, controls.chunkCount),
    text: controls.reply,
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    stop,
  });
  // A tool call is the whole answer: no text beside it.
  const reply = toolCall
    ? { text: '', outputTokens: toolCall.outputTokens, finish: 'stop' as const }
    : generated;
  if (!(await ctx.admit(inputTokens + reply.outputTokens, stream))) return;

  const id = `chatcmpl-${ctx.requestId}`;
  const created = Math.floor(Date.now() / 1000);
  const finishReason = toolCall ? 'tool_calls' : reply.finish === 'length' ? 'length' : 'stop';
  const usage = {
    prompt_tokens: inputTokens,
    completion_tokens: reply.outputTokens,
    total_tokens: inputTokens + reply.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };

  if (!stream) {
    ctx.sendJson(200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: toolCall
            ? {
                role: 'assistant',
                content: null,
                tool_calls: [
                  {
                    id: toolCall.id,
                    type: 'function',
                    function: { name: toolCall.name, arguments: toolCall.arguments },
                  },
                ],
                refusal: null,
                annotations: [],
              }
            : { role: 'assistant', content: reply.text, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
    });
    return;
  }

  // With include_usage every chunk carries `usage: null` and a last chunk with empty choices carries it.
  const chunk = (delta: unknown, finish: string | null): string =>
    sseData({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: FINGERPRINT,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const usageChunk = includeUsage
    ? sseData({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        service_tier: 'default',
        system_fingerprint: FINGERPRINT,
        choices: [],
        usage,
      })
    : '';
  // A tool call streams as OpenAI does: id, name and empty arguments first, then argument pieces.
  const toolPiece = (index: number, fn: { name?: string; arguments: string }, callId?: string) => ({
    tool_calls: [{ index, ...(callId ? { id: callId, type: 'function' } : {}), function: fn }],
  });
  await writeStream(
    ctx,
    toolCall
      ? splitArguments(toolCall.arguments, controls.chunkCount)
      : splitIntoChunks(reply.text, controls.chunkCount),
    {
      head: toolCall
        ? chunk(
            {
              role: 'assistant',
              content: null,
              ...toolPiece(0, { name: toolCall.name, arguments: '' }, toolCall.id),
              refusal: null,
            },
            null,
          )
        : chunk({ role: 'assistant', content: '', refusal: null }, null),
      piece: (text) => chunk(toolCall ? toolPiece(0, { arguments: text }) : { content: text }, null),
      tail: `${chunk({}, finishReason)}${usageChunk}data: [DONE]\n\n`,
      error: sseData(
        openAiErrorBody(500, 'The server had an error while processing your request. (injected by mock-llm)'),
      ),
    },
  );
}

export async function handleEmbeddings(ctx: RequestContext, rawBody: unknown): Promise<void> {
  const body = asObject(rawBody);
  const model = requireString(body, 'model');
  const dims = optionalPositiveInt(body, 'dimensions') ?? ctx.state.options.embeddingDims;
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    throw new ValidationError('encoding_format', "encoding_format: must be 'float' or 'base64'.");
  }
  const inputs = embeddingInputs(body.input);
  let tokens = 0;
  for (const input of inputs) tokens += typeof input === 'string' ? countTextTokens(input) : input.length;
  if (!(await ctx.admit(tokens, false))) return;

  ctx.sendJson(200, {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = embedText(typeof input === 'string' ? input : JSON.stringify(input), dims);
      return {
        object: 'embedding',
        index,
        embedding: format === 'base64' ? encodeEmbeddingBase64(vector) : vector,
      };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/** OpenAI accepts a string, strings, a token array or token arrays. */
function embeddingInputs(input: unknown): (string | number[])[] {
  const isTokens = (v: unknown): v is number[] =>
    Array.isArray(v) && v.length > 0 && v.every((t) => Number.isInteger(t));
  if (typeof input === 'string' && input.length > 0) return [input];
  if (isTokens(input)) return [input];
  if (Array.isArray(input) && input.length > 0) {
    if (input.every((v) => typeof v === 'string' && v.length > 0)) return input as string[];
    if (input.every(isTokens)) return input;
  }
  throw new ValidationError(
    'input',
    'input: must be a non-empty string, an array of non-empty strings, or token arrays.',
  );
}

export function openAiModelList(models: readonly string[]): unknown {
  return { object: 'list', data: models.map(openAiModel) };
}

export function openAiModel(id: string): unknown {
  return { id, object: 'model', created: 1_700_000_000, owned_by: 'promptops-mock' };
}
