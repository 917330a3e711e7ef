export type Vector = readonly number[] | Float32Array | Float64Array;

/**
 * Cosine similarity of two vectors of equal length, in [-1, 1]. Accumulates in double
 * precision; a zero vector has no direction, so its similarity to anything is 0.
 */
export function cosineSimilarity(a: Vector, b: Vector): number {
  if (a.length !== b.length) throw new RangeError(`Vector lengths differ: ${a.length} vs ${b.length}`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  const cosine = dot / (Math.sqrt(normA) * Math.sqrt(normB));
  return Math.max(-1, Math.min(1, cosine));
}
