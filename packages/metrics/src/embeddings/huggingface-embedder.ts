import { embedInBatches, l2Normalize, type Embedder } from './embedder.js';

export interface HuggingFaceEmbedderOptions {
  /** Model id on the Hub, e.g. 'sentence-transformers/all-MiniLM-L6-v2'. */
  model: string;
  /** Access token; defaults to HF_TOKEN. */
  apiKey?: string;
  /**
   * Full URL of a feature-extraction endpoint (Inference Endpoint, self-hosted server).
   * Default: the serverless Inference API route for `model`.
   */
  endpoint?: string;
  /** Texts per request; default 32. */
  batchSize?: number;
  /** L2-normalize the vectors (what sentence-transformers models do); default true. */
  normalize?: boolean;
  /** Request timeout; default 60 s. */
  timeoutMs?: number;
}

type FeatureExtractionOutput = number[] | number[][];

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'number');
}

// Sentence-embedding models answer one vector per input; plain encoders answer one vector per
// token, which we mean-pool (every returned token is real, so no mask is needed).
function toSentenceVector(output: unknown): Float32Array {
  if (isNumberArray(output)) return Float32Array.from(output);
  if (Array.isArray(output) && output.length > 0 && output.every(isNumberArray)) {
    const tokens = output as number[][];
    const dim = tokens[0]!.length;
    const pooled = new Float64Array(dim);
    for (const token of tokens) {
      if (token.length !== dim) throw new Error('Ragged token embeddings in feature-extraction response');
      for (let d = 0; d < dim; d++) pooled[d]! += token[d]!;
    }
    return Float32Array.from(pooled, (x) => x / tokens.length);
  }
  throw new Error('Unexpected feature-extraction response shape');
}

/** Embeddings from a Hugging Face feature-extraction endpoint over HTTP. */
export function createHuggingFaceEmbedder(opts: HuggingFaceEmbedderOptions): Embedder {
  const endpoint =
    opts.endpoint ??
    `https://router.huggingface.co/hf-inference/models/${opts.model.split('/').map(encodeURIComponent).join('/')}/pipeline/feature-extraction`;
  const apiKey = opts.apiKey ?? process.env.HF_TOKEN;
  const normalize = opts.normalize ?? true;
  return {
    modelId: `huggingface:${endpoint}:${opts.model}:${normalize ? 'norm' : 'raw'}`,
    embed: (texts) =>
      embedInBatches(texts, opts.batchSize ?? 32, async (batch) => {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          body: JSON.stringify({ inputs: batch }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
        });
        if (!response.ok) {
          const detail = (await response.text()).slice(0, 500);
          throw new Error(`Hugging Face feature-extraction failed: HTTP ${response.status} ${detail}`);
        }
        const body = (await response.json()) as FeatureExtractionOutput[];
        if (!Array.isArray(body) || body.length !== batch.length) {
          throw new Error(
            `Hugging Face returned ${Array.isArray(body) ? body.length : 'no'} embeddings for ${batch.length} texts`,
          );
        }
        return body.map((output) => {
          const vector = toSentenceVector(output);
          return normalize ? l2Normalize(vector) : vector;
        });
      }),
  };
}
