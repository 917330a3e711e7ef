import { createHash } from 'node:crypto';
import { seededRandom } from './reply.js';

// Deterministic unit vectors: the same input always maps to the same vector, different inputs to
// (almost surely) different ones. Values are rounded to float32 so the `float` and `base64`
// encodings of one input decode to identical numbers.

export function embedText(input: string, dims: number): number[] {
  const digest = createHash('sha256').update(input).digest();
  const next = seededRandom(digest.readUInt32LE(0) ^ digest.readUInt32LE(4));
  const raw = new Array<number>(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    const value = next() * 2 - 1;
    raw[i] = value;
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  return raw.map((v) => Math.fround(v * scale));
}

/** OpenAI's `encoding_format: 'base64'`: little-endian float32 bytes, base64-encoded. */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const buffer = Buffer.allocUnsafe(vector.length * 4);
  vector.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer.toString('base64');
}
