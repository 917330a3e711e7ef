import { createHash } from 'node:crypto';
import { cosineSimilarity } from '../similarity.js';

/** Turns texts into vectors. Implementations batch their requests. */
export interface Embedder {
  /** Identifies model and settings; part of the cache key, so two models never share vectors. */
  readonly modelId: string;
  /** One vector per input text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Storage for cached vectors, keyed by content hash. Plug in a persistent store if needed. */
export interface EmbeddingCache {
  get(key: string): Float32Array | undefined;
  set(key: string, vector: Float32Array): void;
}

/** In-memory least-recently-used cache. */
export class LruEmbeddingCache implements EmbeddingCache {
  private readonly entries = new Map<string, Float32Array>();

  constructor(private readonly maxEntries = 10_000) {
    if (!(maxEntries > 0)) throw new RangeError('maxEntries must be > 0');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): Float32Array | undefined {
    const vector = this.entries.get(key);
    if (vector !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry as most recently used.
      this.entries.delete(key);
      this.entries.set(key, vector);
    }
    return vector;
  }

  set(key: string, vector: Float32Array): void {
    this.entries.delete(key);
    this.entries.set(key, vector);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** SHA-256 of model id and text: the cache key. */
export function embeddingCacheKey(modelId: string, text: string): string {
  return createHash('sha256').update(modelId).update('\u0000').update(text).digest('hex');
}

export interface CachedEmbedder extends Embedder {
  readonly cache: EmbeddingCache;
}

/**
 * Wraps an embedder with a content-hash cache: each distinct text is embedded once, and
 * duplicates within one call are sent once.
 */
export function withEmbeddingCache(
  embedder: Embedder,
  cache: EmbeddingCache = new LruEmbeddingCache(),
): CachedEmbedder {
  return {
    modelId: embedder.modelId,
    cache,
    async embed(texts) {
      const keys = texts.map((text) => embeddingCacheKey(embedder.modelId, text));
      const result = new Array<Float32Array | undefined>(texts.length);
      const missing = new Map<string, { text: string; positions: number[] }>();
      keys.forEach((key, i) => {
        const cached = cache.get(key);
        if (cached !== undefined) {
          result[i] = cached;
          return;
        }
        const entry = missing.get(key);
        if (entry) entry.positions.push(i);
        else missing.set(key, { text: texts[i]!, positions: [i] });
      });
      if (missing.size > 0) {
        const pending = [...missing.entries()];
        const vectors = await embedder.embed(pending.map(([, entry]) => entry.text));
        pending.forEach(([key, entry], j) => {
          const vector = vectors[j]!;
          cache.set(key, vector);
          for (const position of entry.positions) result[position] = vector;
        });
      }
      return result as Float32Array[];
    },
  };
}

/** Runs `embedBatch` on consecutive slices of at most `batchSize` texts. */
export async function embedInBatches(
  texts: readonly string[],
  batchSize: number,
  embedBatch: (batch: string[]) => Promise<Float32Array[]>,
): Promise<Float32Array[]> {
  if (!(Number.isInteger(batchSize) && batchSize > 0))
    throw new RangeError('batchSize must be a positive integer');
  const out: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const vectors = await embedBatch(batch);
    if (vectors.length !== batch.length) {
      throw new Error(`Embedding backend returned ${vectors.length} vectors for ${batch.length} texts`);
    }
    out.push(...vectors);
  }
  return out;
}

/** Scales a vector to unit length (a zero vector stays zero). */
export function l2Normalize(vector: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  norm = Math.sqrt(norm);
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = norm > 0 ? vector[i]! / norm : 0;
  return out;
}

/** Cosine similarity between the embeddings of two texts (one batched request). */
export async function semanticSimilarity(embedder: Embedder, a: string, b: string): Promise<number> {
  const [va, vb] = await embedder.embed([a, b]);
  return cosineSimilarity(va!, vb!);
}
