import { describe, expect, it } from 'vitest';
import type { Evaluator } from '@promptops/contracts';
import type { AppError } from '../../platform/errors.js';
import {
  checkEvaluators,
  levenshtein,
  levenshteinSimilarity,
  parseJudgeReply,
  prepareEvaluators,
  type ScoringInput,
} from './evaluators.js';

const deps = {
  judge: async () => ({ reply: '0.5', costUsd: '0.001' }),
  embedder: async () => {
    throw new Error('no embedder in unit tests');
  },
};
const scoring = (output: string, expected: string | null = null): ScoringInput => ({
  output,
  expected,
  input: { q: 'x' },
  latencyMs: 12,
  costUsd: '0.000123',
  signal: new AbortController().signal,
});
async function score(e: Evaluator, output: string, expected: string | null = null) {
  const [prepared] = prepareEvaluators([e], deps);
  return prepared!.score(scoring(output, expected));
}

describe('LLM judge replies', () => {
  it.each([
    ['0.8', 0.8],
    [' 1 ', 1],
    ['0', 0],
    ['{"score": 0.25, "reason": "partly"}', 0.25],
    ['```json\n{"score": "0.5"}\n```', 0.5],
  ])('%j → %d', (reply, expected) => {
    expect(parseJudgeReply(reply)).toMatchObject({ score: expected });
  });
  it.each([
    '1.5',
    '-0.1',
    'great answer',
    '{"reason": "no score"}',
    '{"score": "high"}',
    '{"score": null}',
    '',
  ])('%j is an error, never a zero', (reply) => {
    expect(parseJudgeReply(reply)).toHaveProperty('error');
  });
  it('keeps the reason', () => {
    expect(parseJudgeReply('{"score": 1, "reason": "exact"}')).toEqual({ score: 1, reason: 'exact' });
  });
});

describe('Levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['🙂a', '🙃a', 1],
  ])('%j ↔ %j = %d (in code points)', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
  it('normalises to 1 − distance / longer length', () => {
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 15);
    expect(levenshteinSimilarity('', '')).toBe(1);
  });
});

describe('evaluators', () => {
  it('exact match trims and optionally ignores case', async () => {
    expect((await score({ type: 'exact-match' }, ' Paris ', 'Paris')).scores).toEqual({ exact_match: 1 });
    expect((await score({ type: 'exact-match' }, 'paris', 'Paris')).scores).toEqual({ exact_match: 0 });
    expect(
      (await score({ type: 'exact-match', config: { ignoreCase: true } }, 'paris', 'Paris')).scores,
    ).toEqual({
      exact_match: 1,
    });
  });
  it('a reference-based score without an expected output is an error on that key', async () => {
    const out = await score({ type: 'bleu' }, 'anything', null);
    expect(out.scores).toEqual({});
    expect(out.errors.bleu).toMatch(/no expected output/);
  });
  it('contains looks for the pattern, or else the expected output', async () => {
    expect((await score({ type: 'contains' }, 'The answer is Paris.', 'Paris')).scores.contains).toBe(1);
    expect(
      (await score({ type: 'contains', config: { pattern: 'rome' } }, 'Paris', 'x')).scores.contains,
    ).toBe(0);
  });
  it('json-schema scores output that parses and validates', async () => {
    const e: Evaluator = {
      type: 'json-schema',
      config: { schema: { type: 'object', required: ['a'], properties: { a: { type: 'number' } } } },
    };
    expect((await score(e, '{"a": 1}')).scores.json_schema).toBe(1);
    expect((await score(e, '{"a": "1"}')).scores.json_schema).toBe(0);
    expect((await score(e, 'not json')).scores.json_schema).toBe(0);
  });
  it('custom code may return a boolean or a number; a throw is an error on its key', async () => {
    const ok = await score(
      { type: 'custom', name: 'has_paris', config: { code: '(o) => o.includes("Paris")' } },
      'Paris',
    );
    expect(ok.scores).toEqual({ has_paris: 1 });
    const num = await score(
      { type: 'custom', name: 'len', config: { code: '(o, e) => o.length / e.length' } },
      'ab',
      'abcd',
    );
    expect(num.scores).toEqual({ len: 0.5 });
    const bad = await score(
      { type: 'custom', name: 'boom', config: { code: '() => { throw new Error("no") }' } },
      'x',
    );
    expect(bad.scores).toEqual({});
    expect(bad.errors.boom).toMatch(/runtime/);
  });
  it('latency and cost come from the run; the judge adds its cost', async () => {
    expect((await score({ type: 'latency' }, 'x')).scores).toEqual({ latency_ms: 12 });
    expect((await score({ type: 'cost' }, 'x')).scores).toEqual({ cost_usd: 0.000123 });
    const judged = await score(
      {
        type: 'llm-judge',
        config: { prompt: { name: 'j' }, modelId: '00000000-0000-4000-8000-000000000000' },
      },
      'x',
    );
    expect(judged).toEqual({ scores: { llm_judge: 0.5 }, errors: {}, costUsd: '0.001' });
  });
  it('names the score keys after the evaluator name when given', async () => {
    const out = await score({ type: 'rouge', name: 'r', config: { types: ['rouge1'] } }, 'a b c', 'a b d');
    expect(Object.keys(out.scores)).toEqual(['r.rouge1']);
  });
});

describe('checking settings before a run', () => {
  const fieldsOf = (evaluators: Evaluator[]) => {
    try {
      checkEvaluators(evaluators);
      return [];
    } catch (err) {
      return (err as AppError).extra.errors!.map((e) => e.path);
    }
  };
  it('refuses regexes that do not compile or can backtrack without bound, and bad JSON schemas', () => {
    expect(fieldsOf([{ type: 'regex', config: { pattern: '^\\d+$' } }])).toEqual([]);
    expect(fieldsOf([{ type: 'regex', config: { pattern: '[' } }])).toEqual(['evaluators.0.config.pattern']);
    expect(fieldsOf([{ type: 'exact-match' }, { type: 'regex', config: { pattern: '(x+x+)+y' } }])).toEqual([
      'evaluators.1.config.pattern',
    ]);
    expect(fieldsOf([{ type: 'json-schema', config: { schema: { type: 12 } } }])).toEqual([
      'evaluators.0.config.schema',
    ]);
  });
});
