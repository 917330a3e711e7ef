import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarity, createLocalEmbedder, type LocalEmbedder } from '../src/index.js';
import { truncateKeepingTrailingSpecials } from '../src/embeddings/local-embedder.js';

// The fixture lives beside the repository: <repo>/../shared/fixtures/tiny-sentence-model.
const FIXTURE_DIR = fileURLToPath(
  new URL('../../../../shared/fixtures/tiny-sentence-model', import.meta.url),
);

interface Reference {
  sentences: Array<{
    text: string;
    input_ids: number[];
    truncated: boolean;
    embedding: number[];
    embedding_if_final_sep_dropped?: number[];
  }>;
  pairs: Array<{ a: string; b: string; cosine: number }>;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('local transformers.js embedder vs sentence-transformers reference', () => {
  let reference: Reference;
  let batched: LocalEmbedder;
  let oneByOne: LocalEmbedder;

  beforeAll(() => {
    if (!existsSync(`${FIXTURE_DIR}/reference.json`)) {
      throw new Error(
        `Embedding fixture missing: expected ${FIXTURE_DIR}/reference.json ` +
          '(the shared fixtures folder sits next to the repository root, as <repo>/../shared/fixtures).',
      );
    }
    reference = JSON.parse(readFileSync(`${FIXTURE_DIR}/reference.json`, 'utf8')) as Reference;
    batched = createLocalEmbedder({ model: FIXTURE_DIR, batchSize: 32 });
    oneByOne = createLocalEmbedder({ model: FIXTURE_DIR, batchSize: 1 });
  });

  afterAll(async () => {
    await batched?.dispose();
    await oneByOne?.dispose();
  });

  it('has a truncated sentence to test (fixture sanity)', () => {
    expect(reference.sentences.filter((s) => s.truncated)).toHaveLength(1);
  });

  it('matches every reference embedding within 1e-4, batched and one at a time', async () => {
    const texts = reference.sentences.map((s) => s.text);
    const [inBatch, single] = await Promise.all([batched.embed(texts), oneByOne.embed(texts)]);
    reference.sentences.forEach((s, i) => {
      expect(maxAbsDiff(inBatch[i]!, s.embedding), s.text.slice(0, 40)).toBeLessThan(1e-4);
      expect(maxAbsDiff(single[i]!, s.embedding), s.text.slice(0, 40)).toBeLessThan(1e-4);
    });
  });

  it('truncates long input like Python (keeps the final [SEP]), not like transformers.js', async () => {
    const long = reference.sentences.find((s) => s.truncated)!;
    const [vector] = await batched.embed([long.text]);
    expect(maxAbsDiff(vector!, long.embedding)).toBeLessThan(1e-4);
    expect(maxAbsDiff(vector!, long.embedding_if_final_sep_dropped!)).toBeGreaterThan(1e-3);
    expect(long.input_ids).toHaveLength(128);
    expect(long.input_ids.at(-1)).toBe(3); // [SEP]
  });

  it('matches the reference cosines within 1e-4', async () => {
    for (const pair of reference.pairs) {
      const [a, b] = await batched.embed([pair.a, pair.b]);
      expect(Math.abs(cosineSimilarity(a!, b!) - pair.cosine)).toBeLessThan(1e-4);
    }
  });

  it('returns unit vectors of the model dimension, including for empty text', async () => {
    const [empty, text] = await batched.embed(['', 'The cat is sleeping.']);
    for (const v of [empty!, text!]) {
      expect(v).toHaveLength(64);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
  });

  it('fails clearly for a missing directory', () => {
    expect(() => createLocalEmbedder({ model: `${FIXTURE_DIR}-missing` })).toThrow(/not found/);
  });
});

describe('truncateKeepingTrailingSpecials', () => {
  const special = (id: number) => id === 2 || id === 3;
  it('keeps the trailing special token and cuts content', () => {
    expect(truncateKeepingTrailingSpecials([2, 10, 11, 12, 13, 3], 4, special)).toEqual([0, 1, 2, 5]);
  });
  it('leaves short input alone', () => {
    expect(truncateKeepingTrailingSpecials([2, 10, 3], 4, special)).toEqual([0, 1, 2]);
  });
  it('cuts plainly when there is no trailing special token', () => {
    expect(truncateKeepingTrailingSpecials([10, 11, 12, 13], 2, special)).toEqual([0, 1]);
  });
});

describe('lazy loading', () => {
  it('importing the package does not load onnxruntime; embedding does', () => {
    const indexUrl = new URL('../src/index.ts', import.meta.url).href;
    const script = `
      const loaded = () => process.report.getReport().sharedObjects.some((so) => /onnxruntime/.test(so));
      const metrics = await import(${JSON.stringify(indexUrl)});
      const afterImport = loaded();
      const embedder = metrics.createLocalEmbedder({ model: ${JSON.stringify(FIXTURE_DIR)} });
      await embedder.embed(['hello']);
      console.log(JSON.stringify({ afterImport, afterEmbed: loaded() }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ afterImport: false, afterEmbed: true });
  });
});
