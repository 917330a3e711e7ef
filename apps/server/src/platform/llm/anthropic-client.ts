import Anthropic from '@anthropic-ai/sdk';
import type { ChatRequest, LlmClient, StreamEvent } from './types.js';
import { toProviderError } from './provider-error.js';

const DEFAULT_MAX_TOKENS = 1024;

function split(request: ChatRequest) {
  const system = request.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const messages = request.messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
  return { system, messages };
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
    try {
      for await (const event of stream) {
        if (event.type === 'message_start') {
          inputTokens = event.message.usage.input_tokens;
          outputTokens = event.message.usage.output_tokens;
        } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          yield { type: 'delta', text: event.delta.text };
        } else if (event.type === 'message_delta') {
          // message_delta carries the final cumulative output count: it replaces, not adds.
          outputTokens = event.usage.output_tokens;
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
        { model: request.model, messages, ...(system ? { system } : {}) },
        { signal },
      );
      return res.input_tokens;
    } catch (err) {
      throw toProviderError(err);
    }
  }
}
