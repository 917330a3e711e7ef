import OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';
import type {
  ChatRequest,
  FinishReason,
  LlmClient,
  LlmMessage,
  StreamEvent,
  ToolChoice,
  ToolDefinition,
} from './types.js';
import { toProviderError } from './provider-error.js';

function toOpenAiMessage(m: LlmMessage): ChatCompletionMessageParam {
  if (m.role === 'tool') return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
  if (m.role === 'assistant' && m.toolCalls?.length) {
    return {
      role: 'assistant',
      // OpenAI wants null rather than an empty string beside tool calls.
      content: m.content || null,
      tool_calls: m.toolCalls.map((c) => ({
        id: c.id,
        type: 'function',
        function: { name: c.name, arguments: c.arguments },
      })),
    };
  }
  return { role: m.role, content: m.content };
}

function toOpenAiTool(t: ToolDefinition): ChatCompletionTool {
  return {
    type: 'function',
    function: {
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      ...(t.parameters !== undefined ? { parameters: t.parameters } : {}),
    },
  };
}

function toOpenAiToolChoice(c: ToolChoice): ChatCompletionToolChoiceOption {
  return typeof c === 'string' ? c : { type: 'function', function: { name: c.name } };
}

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

/** Text, tool-call pieces and the finish reason of one streamed chunk. */
function* chunkEvents(chunk: ChatCompletionChunk): Generator<StreamEvent> {
  const choice = chunk.choices[0];
  const text = choice?.delta?.content;
  if (text) yield { type: 'delta', text };
  for (const call of choice?.delta?.tool_calls ?? []) {
    yield {
      type: 'tool_call',
      index: call.index,
      ...(call.id ? { id: call.id } : {}),
      ...(call.function?.name ? { name: call.function.name } : {}),
      arguments: call.function?.arguments ?? '',
    };
  }
  if (choice?.finish_reason) yield { type: 'finish', reason: FINISH_REASONS[choice.finish_reason] ?? 'stop' };
}

/** OpenAI, HuggingFace's router, any OpenAI-compatible server and the mock: the official SDK with a base URL. */
export class OpenAiCompatibleClient implements LlmClient {
  private readonly client: OpenAI;

  constructor(
    baseURL: string,
    apiKey: string | null,
    private readonly flavour: 'openai' | 'compatible',
    headers: Record<string, string> = {},
    fetchImpl?: typeof fetch,
  ) {
    // Retries and timeouts are the gateway's policy, not the SDK's, so every attempt is visible.
    this.client = new OpenAI({
      baseURL,
      apiKey: apiKey ?? 'not-needed',
      maxRetries: 0,
      timeout: 600_000,
      defaultHeaders: headers,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }

  async listModels(signal: AbortSignal): Promise<string[]> {
    try {
      const ids: string[] = [];
      for await (const m of this.client.models.list({ signal })) ids.push(m.id);
      return ids;
    } catch (err) {
      throw toProviderError(err);
    }
  }

  async embed(
    model: string,
    texts: readonly string[],
    signal: AbortSignal,
  ): Promise<{ vectors: Float32Array[]; inputTokens: number }> {
    try {
      // 'float' rather than the SDK's base64 default: many compatible servers only speak floats.
      const res = await this.client.embeddings.create(
        { model, input: [...texts], encoding_format: 'float' },
        { signal },
      );
      const vectors = new Array<Float32Array>(texts.length);
      for (const item of res.data) {
        if (item.index < 0 || item.index >= texts.length)
          throw new Error(`Embedding index ${item.index} out of range`);
        vectors[item.index] = Float32Array.from(item.embedding);
      }
      if (vectors.some((v) => v === undefined)) throw new Error('The provider returned too few embeddings');
      return { vectors, inputTokens: res.usage?.prompt_tokens ?? 0 };
    } catch (err) {
      throw toProviderError(err);
    }
  }

  async *stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const { params } = request;
    let stream;
    try {
      const { data, response } = await this.client.chat.completions
        .create(
          {
            model: request.model,
            messages: request.messages.map(toOpenAiMessage),
            stream: true,
            ...(request.tools?.length ? { tools: request.tools.map(toOpenAiTool) } : {}),
            ...(request.toolChoice !== undefined && request.tools?.length
              ? { tool_choice: toOpenAiToolChoice(request.toolChoice) }
              : {}),
            stream_options: { include_usage: true },
            ...(params.temperature !== undefined ? { temperature: params.temperature } : {}),
            ...(params.topP !== undefined ? { top_p: params.topP } : {}),
            ...(params.stop?.length ? { stop: params.stop } : {}),
            // OpenAI itself wants max_completion_tokens; compatible servers mostly know only max_tokens.
            ...(params.maxTokens !== undefined
              ? this.flavour === 'openai'
                ? { max_completion_tokens: params.maxTokens }
                : { max_tokens: params.maxTokens }
              : {}),
          },
          { signal },
        )
        .withResponse();
      stream = data;
      yield { type: 'open', headers: response.headers };
    } catch (err) {
      throw toProviderError(err);
    }
    try {
      for await (const chunk of stream) {
        yield* chunkEvents(chunk);
        if (chunk.usage) {
          yield {
            type: 'usage',
            inputTokens: chunk.usage.prompt_tokens,
            outputTokens: chunk.usage.completion_tokens,
          };
        }
      }
    } catch (err) {
      throw toProviderError(err);
    }
  }
}
