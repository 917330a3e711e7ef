import OpenAI from 'openai';
import type { ChatRequest, LlmClient, StreamEvent } from './types.js';
import { toProviderError } from './provider-error.js';

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
            messages: request.messages,
            stream: true,
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
        const text = chunk.choices[0]?.delta?.content;
        if (text) yield { type: 'delta', text };
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
