import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cosineSimilarity,
  createHuggingFaceEmbedder,
  createOpenAIEmbedder,
  LruEmbeddingCache,
  semanticSimilarity,
  withEmbeddingCache,
  type Embedder,
} from '../src/index.js';

// A deterministic toy embedding: letter frequencies of a..d plus length.
function toyVector(text: string): number[] {
  const counts = [0, 0, 0, 0];
  for (const ch of text) {
    const i = 'abcd'.indexOf(ch);
    if (i >= 0) counts[i]! += 1;
  }
  return [...counts, text.length];
}

interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

async function startServer(
  handler: (req: RecordedRequest, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, requests };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('OpenAI-style embedder (official SDK against a local /v1/embeddings)', () => {
  let fake: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    fake = await startServer((req, res) => {
      if (req.path !== '/v1/embeddings') return sendJson(res, 404, { error: { message: 'not found' } });
      const input = req.body.input as string[];
      if (input.includes('explode')) return sendJson(res, 500, { error: { message: 'backend down' } });
      // Answer out of order: the client must sort by index.
      const data = input
        .map((text, index) => ({ object: 'embedding', index, embedding: toyVector(text) }))
        .reverse();
      sendJson(res, 200, {
        object: 'list',
        data,
        model: req.body.model,
        usage: { prompt_tokens: 1, total_tokens: 1 },
      });
    });
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('embeds in batches, in input order, with the key and options sent', async () => {
    const embedder = createOpenAIEmbedder({
      model: 'toy-embed',
      apiKey: 'sk-test',
      baseURL: `${fake.url}/v1`,
      batchSize: 2,
      dimensions: 5,
      maxRetries: 0,
    });
    fake.requests.length = 0;
    const texts = ['a', 'bb', 'ccc', 'dddd', 'abcd'];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => Array.from(v))).toEqual(texts.map(toyVector));
    expect(fake.requests.map((r) => r.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['abcd']]);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(fake.requests[0]!.body).toMatchObject({
      model: 'toy-embed',
      encoding_format: 'float',
      dimensions: 5,
    });
  });

  it('surfaces server errors', async () => {
    const embedder = createOpenAIEmbedder({ model: 'toy', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await expect(embedder.embed(['explode'])).rejects.toThrow(/500|backend down/);
  });

  it('computes semantic similarity through the embedder', async () => {
    const embedder = createOpenAIEmbedder({ model: 'toy', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    const similarity = await semanticSimilarity(embedder, 'abab', 'baba');
    expect(similarity).toBeCloseTo(1, 12);
  });
});

describe('Hugging Face feature-extraction embedder (local fake endpoint)', () => {
  let fake: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    fake = await startServer((req, res) => {
      const inputs = req.body.inputs as string[];
      if (req.path === '/pooled') return sendJson(res, 200, inputs.map(toyVector));
      if (req.path === '/tokens') {
        // Token-level output: one vector per whitespace token.
        return sendJson(
          res,
          200,
          inputs.map((text) => text.split(' ').map(toyVector)),
        );
      }
      if (req.path === '/short') return sendJson(res, 200, inputs.slice(1).map(toyVector));
      sendJson(res, 503, { error: 'Model is loading' });
    });
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));

  it('normalizes pooled vectors and sends the token', async () => {
    fake.requests.length = 0;
    const embedder = createHuggingFaceEmbedder({
      model: 'org/model',
      endpoint: `${fake.url}/pooled`,
      apiKey: 'hf_x',
      batchSize: 3,
    });
    const vectors = await embedder.embed(['ab', 'cd', 'abcd', 'a']);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer hf_x');
    vectors.forEach((v, i) => {
      expect(Math.hypot(...v)).toBeCloseTo(1, 6);
      expect(cosineSimilarity(v, toyVector(['ab', 'cd', 'abcd', 'a'][i]!))).toBeCloseTo(1, 6);
    });
  });

  it('mean-pools token-level output', async () => {
    const embedder = createHuggingFaceEmbedder({
      model: 'm',
      endpoint: `${fake.url}/tokens`,
      normalize: false,
    });
    const [v] = await embedder.embed(['ab cd']);
    expect(Array.from(v!)).toEqual([0.5, 0.5, 0.5, 0.5, 2]);
  });

  it('rejects a count mismatch and HTTP errors', async () => {
    await expect(
      createHuggingFaceEmbedder({ model: 'm', endpoint: `${fake.url}/short` }).embed(['a', 'b']),
    ).rejects.toThrow(/1 embeddings for 2 texts/);
    await expect(
      createHuggingFaceEmbedder({ model: 'm', endpoint: `${fake.url}/down` }).embed(['a']),
    ).rejects.toThrow(/HTTP 503/);
  });
});

describe('embedding cache', () => {
  function countingEmbedder(modelId = 'toy'): Embedder & { calls: string[][] } {
    const calls: string[][] = [];
    return {
      modelId,
      calls,
      embed: async (texts) => {
        calls.push([...texts]);
        return texts.map((t) => Float32Array.from(toyVector(t)));
      },
    };
  }

  it('embeds each distinct text once, across and within calls', async () => {
    const inner = countingEmbedder();
    const cached = withEmbeddingCache(inner);
    const first = await cached.embed(['a', 'b', 'a']);
    const second = await cached.embed(['b', 'c', 'a']);
    expect(inner.calls).toEqual([['a', 'b'], ['c']]);
    expect(Array.from(first[2]!)).toEqual(toyVector('a'));
    expect(Array.from(second[1]!)).toEqual(toyVector('c'));
  });

  it('keys by model as well as text', async () => {
    const cache = new LruEmbeddingCache();
    const one = countingEmbedder('model-1');
    const two = countingEmbedder('model-2');
    await withEmbeddingCache(one, cache).embed(['same']);
    await withEmbeddingCache(two, cache).embed(['same']);
    expect(one.calls).toHaveLength(1);
    expect(two.calls).toHaveLength(1);
    expect(cache.size).toBe(2);
  });

  it('evicts the least recently used entry', async () => {
    const inner = countingEmbedder();
    const cached = withEmbeddingCache(inner, new LruEmbeddingCache(2));
    await cached.embed(['a', 'b']);
    await cached.embed(['a']); // a is now most recent
    await cached.embed(['c']); // evicts b
    await cached.embed(['a', 'b']);
    expect(inner.calls).toEqual([['a', 'b'], ['c'], ['b']]);
  });
});

describe('cosineSimilarity', () => {
  it('computes known values for arrays and typed arrays', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(cosineSimilarity(Float32Array.from([1, 1]), [-1, -1])).toBeCloseTo(-1, 15);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 15);
  });

  it('is 0 for a zero vector and rejects mismatched lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/lengths/);
  });
});
