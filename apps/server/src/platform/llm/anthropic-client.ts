import Anthropic from '@anthropic-ai/sdk';
import type {
  ContentBlockParam,
  MessageParam,
  StopReason,
  Tool,
  ToolChoice as AnthropicToolChoice,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type {
  ChatRequest,
  FinishReason,
  LlmClient,
  StreamEvent,
  ToolChoice,
  ToolDefinition,
} from './types.js';
import { toProviderError } from './provider-error.js';

const DEFAULT_MAX_TOKENS = 1024;

/** Tool arguments as a JSON object, as tool_use blocks carry them (a model may write invalid JSON). */
function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * System messages become the system prompt; an assistant turn's tool calls become tool_use blocks
 * and `tool` messages become tool_result blocks of a user turn (consecutive ones share the turn,
 * as the Messages API wants all results of one assistant turn together).
 */
function split(request: ChatRequest) {
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const messages: MessageParam[] = [];
  for (const m of request.messages) {
    if (m.role === 'system') continue;
    if (m.role === 'tool') {
      const block: ContentBlockParam = {
        type: 'tool_result',
        tool_use_id: m.toolCallId ?? '',
        content: m.content,
      };
      const last = messages[messages.length - 1];
      if (
        last?.role === 'user' &&
        Array.isArray(last.content) &&
        last.content.every((b) => b.type === 'tool_result')
      )
        last.content.push(block);
      else messages.push({ role: 'user', content: [block] });
    } else if (m.role === 'assistant' && m.toolCalls?.length) {
      const content: ContentBlockParam[] = m.content ? [{ type: 'text', text: m.content }] : [];
      for (const c of m.toolCalls)
        content.push({ type: 'tool_use', id: c.id, name: c.name, input: parseArguments(c.arguments) });
      messages.push({ role: 'assistant', content });
    } else {
      messages.push({ role: m.role, content: m.content });
    }
  }
  return { system, messages };
}

function toAnthropicTool(t: ToolDefinition): Tool {
  return {
    name: t.name,
    ...(t.description !== undefined ? { description: t.description } : {}),
    input_schema: (t.parameters ?? { type: 'object', properties: {} }) as Tool['input_schema'],
  };
}

function toAnthropicToolChoice(c: ToolChoice): AnthropicToolChoice {
  if (typeof c !== 'string') return { type: 'tool', name: c.name };
  return c === 'required' ? { type: 'any' } : { type: c };
}

function finishReason(reason: StopReason | null): FinishReason {
  if (reason === 'max_tokens') return 'length';
  if (reason === 'tool_use') return 'tool_calls';
  if (reason === 'refusal') return 'content_filter';
  return 'stop';
}

function toolFields(request: ChatRequest) {
  if (!request.tools?.length) return {};
  return {
    tools: request.tools.map(toAnthropicTool),
    ...(request.toolChoice !== undefined ? { tool_choice: toAnthropicToolChoice(request.toolChoice) } : {}),
  };
}

/** Anthropic's Messages API through the official SDK. */
export class AnthropicClient implements LlmClient {
  private readonly client: Anthropic;

  constructor(
    baseURL: string,
    apiKey: string | null,
    headers: Record<string, string> = {},
    fetchImpl?: typeof fetch,
  ) {
    this.client = new Anthropic({
      baseURL,
      apiKey: apiKey ?? 'not-needed',
      maxRetries: 0,
      timeout: 600_000,
      defaultHeaders: headers,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  async *stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const { system, messages } = split(request);
    const { params } = request;
    let stream;
    try {
      const { data, response } = await this.client.messages
        .create(
          {
            model: request.model,
            max_tokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
            messages,
            stream: true,
            ...(system ? { system } : {}),
            ...toolFields(request),
            ...(params.temperature !== undefined ? { temperature: Math.min(1, params.temperature) } : {}),
            ...(params.topP !== undefined ? { top_p: params.topP } : {}),
            ...(params.stop?.length ? { stop_sequences: params.stop } : {}),
          },
          { signal },
        )
        .withResponse();
      stream = data;
      yield { type: 'open', headers: response.headers };
    } catch (err) {
      throw toProviderError(err);
    }
    let inputTokens = 0;
    let outputTokens = 0;
    // Content block index → position among the answer's tool calls (OpenAI numbers calls alone).
    const toolIndex = new Map<number, number>();
    try {
      for await (const event of stream) {
        if (event.type === 'message_start') {
          inputTokens = event.message.usage.input_tokens;
          outputTokens = event.message.usage.output_tokens;
        } else if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
          const index = toolIndex.size;
          toolIndex.set(event.index, index);
          const block = event.content_block;
          yield { type: 'tool_call', index, id: block.id, name: block.name, arguments: '' };
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          yield { type: 'delta', text: event.delta.text };
        } else if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
          const index = toolIndex.get(event.index);
          if (index !== undefined && event.delta.partial_json)
            yield { type: 'tool_call', index, arguments: event.delta.partial_json };
        } else if (event.type === 'message_delta') {
          // message_delta carries the final cumulative output count: it replaces, not adds.
          outputTokens = event.usage.output_tokens;
          if (event.delta.stop_reason)
            yield { type: 'finish', reason: finishReason(event.delta.stop_reason) };
        }
      }
    } catch (err) {
      throw toProviderError(err);
    }
    yield { type: 'usage', inputTokens, outputTokens };
  }

  async listModels(signal: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const m of this.client.models.list({}, { signal })) ids.push(m.id);
      return ids;
    } catch (err) {
      throw toProviderError(err);
    }
  }

  async countTokens(request: ChatRequest, signal: AbortSignal): Promise<number> {
    const { system, messages } = split(request);
    try {
      const res = await this.client.messages.countTokens(
        { model: request.model, messages, ...(system ? { system } : {}), ...toolFields(request) },
        { signal },
      );
      return res.input_tokens;
    } catch (err) {
      throw toProviderError(err);
    }
  }
}
