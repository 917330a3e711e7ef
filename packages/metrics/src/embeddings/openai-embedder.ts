import OpenAI from 'openai';
import { embedInBatches, type Embedder } from './embedder.js';

export interface OpenAIEmbedderOptions {
  /** Embedding model, e.g. 'text-embedding-3-small'. */
  model: string;
  /** API key; defaults to OPENAI_API_KEY. Servers without auth (a local gateway) may omit it when baseURL is set. */
  apiKey?: string;
  /** Any OpenAI-compatible server, e.g. 'http://localhost:11434/v1'. */
  baseURL?: string;
  /** Output dimensions, for models that support shortening. */
  dimensions?: number;
  /** Texts per request; default 128. */
  batchSize?: number;
  /** Request timeout; default 60 s. */
  timeoutMs?: number;
  /** Retries on network errors, 429 and 5xx; default 2. */
  maxRetries?: number;
}

/** Embeddings through the official OpenAI SDK, against OpenAI or any compatible `/v1/embeddings`. */
export function createOpenAIEmbedder(opts: OpenAIEmbedderOptions): Embedder {
  const apiKey = opts.apiKey ?? process.env.OPENAI_API_KEY ?? (opts.baseURL ? 'unused' : undefined);
  if (apiKey === undefined) throw new Error('OpenAI embedder needs apiKey (or OPENAI_API_KEY, or a baseURL)');
  const client = new OpenAI({
    apiKey,
    baseURL: opts.baseURL,
    timeout: opts.timeoutMs ?? 60_000,
    maxRetries: opts.maxRetries ?? 2,
  });
  const dimensions = opts.dimensions;
  return {
    modelId: `openai:${opts.baseURL ?? 'default'}:${opts.model}${dimensions ? `:${dimensions}` : ''}`,
    embed: (texts) =>
      embedInBatches(texts, opts.batchSize ?? 128, async (batch) => {
        // 'float' rather than the SDK's base64 default: many compatible servers only speak floats.
        const response = await client.embeddings.create({
          model: opts.model,
          input: batch,
          encoding_format: 'float',
          ...(dimensions ? { dimensions } : {}),
        });
        const vectors = new Array<Float32Array | undefined>(batch.length);
        for (const item of response.data) {
          if (item.index < 0 || item.index >= batch.length)
            throw new Error(`Embedding index ${item.index} out of range`);
          vectors[item.index] = Float32Array.from(item.embedding);
        }
        if (vectors.some((v) => v === undefined))
          throw new Error('Embedding response is missing some inputs');
        return vectors as Float32Array[];
      }),
  };
}
