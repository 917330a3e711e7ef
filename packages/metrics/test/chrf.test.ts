import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusChrf, sentenceChrf, type ChrfOptions } from '../src/index.js';
import { splitChrfWords } from '../src/chrf/chrf.js';
import { fixture, referenceStreams } from './helpers/chrf-ter-fixture.js';

const TOLERANCE = 1e-8;
const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThan(TOLERANCE);

// Vectors from sacrebleu's own test suite (test_chrf.py). That suite compares to 1e-4; the
// second value of each is sacrebleu 2.6.0's full-precision result, compared here to 1e-8.
describe("chrF matches sacrebleu's test vectors", () => {
  it.each<[string, string, number, number]>([
    [
      'Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.',
      'Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.',
      39.14078509,
      39.14078509431498,
    ],
    [
      'Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.',
      'A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.',
      31.22557079,
      31.22557078732341,
    ],
    [
      'Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.',
      'Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.',
      57.15704367,
      57.15704366556671,
    ],
  ])('sentence chrF with epsilon smoothing: %s', (hyp, ref, published, exact) => {
    const score = sentenceChrf(hyp, [ref], { epsSmoothing: true }).score;
    expect(Math.abs(score - published)).toBeLessThan(1e-4);
    close(score, exact);
  });

  const RISK_HYP =
    ' risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .';
  const RISK_REF =
    'risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .';
  const OBAMA_REF = 'Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.';
  it.each<[string[], string[], number, number]>([
    [['abcdefg'], ['hijklmnop'], 0, 1.0000000000000002e-14],
    [['a'], ['b'], 0, 1.0000000000000002e-14],
    [[''], ['b'], 0, 8.333333333333334e-15],
    [[''], ['ref'], 0, 5e-15],
    [[''], ['reference'], 0, 0],
    [['aa'], ['ab'], 8.3333, 8.333333333333343],
    [['a', 'b'], ['a', 'c'], 8.3333, 8.333333333333343],
    [['a'], ['a'], 16.6667, 16.666666666666668],
    [['a b c'], ['a b c'], 50, 50],
    [['a b c'], ['abc'], 50, 50],
    [[RISK_HYP], [RISK_REF], 63.36173, 63.36173005106315],
    [
      [' Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. '],
      [OBAMA_REF],
      64.1302698,
      64.13022155933443,
    ],
    [
      ['Niemand hat die Absicht, eine Mauer zu errichten'],
      ['Niemand hat die Absicht, eine Mauer zu errichten'],
      100,
      100,
    ],
  ])('corpus chrF, beta 3, epsilon smoothing: %j vs %j', (hyps, refs, published, exact) => {
    const score = corpusChrf(hyps, [refs], { beta: 3, epsSmoothing: true }).score;
    expect(Math.abs(score - published)).toBeLessThan(1e-4);
    close(score, exact);
  });

  it.each<[string[], string[], number]>([
    [['a'], ['a'], 100],
    [[''], ['reference'], 0],
    [['a b c'], ['a b c'], 100],
    [['a b c'], ['abc'], 100],
    [[''], ['c'], 0],
    [['a', 'b'], ['a', 'c'], 50],
    [['aa'], ['ab'], 25],
  ])('corpus chrF, beta 3, effective order: %j vs %j', (hyps, refs, expected) => {
    close(corpusChrf(hyps, [refs], { beta: 3 }).score, expected);
  });

  it.each<[string, string, number]>([
    ['Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.', OBAMA_REF, 67.34816062977241],
    [RISK_HYP.trim(), RISK_REF, 65.24144274491823],
  ])('corpus chrF, beta 3, keeping whitespace: %s', (hyp, ref, expected) => {
    close(corpusChrf([hyp], [[ref]], { beta: 3, whitespace: true }).score, expected);
  });
});

describe('chrF matches sacrebleu 2.6.0 on edge cases (tolerance 1e-8)', () => {
  const configs = Object.entries(fixture.chrfConfigs);
  it.each(fixture.edgeCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    for (const [config, opts] of configs) {
      const expected = c.expected[config] as number;
      expect(Math.abs(sentenceChrf(c.hyp, c.refs, opts).score - expected), config).toBeLessThan(TOLERANCE);
    }
  });

  it.each(configs)('corpus of all edge cases, %s', (config, opts) => {
    const hyps = fixture.edgeCases.map((c) => c.hyp);
    const streams = referenceStreams(fixture.edgeCases.map((c) => c.refs));
    close(corpusChrf(hyps, streams, opts).score, fixture.edgeCorpus[config] as number);
  });
});

describe(`chrF matches sacrebleu 2.6.0 on ${fixture.random.pairs.length} seeded random pairs`, () => {
  const { pairs, sentence, corpus } = fixture.random;
  it.each(Object.entries(fixture.chrfConfigs))('sentence level, %s', (config, opts) => {
    const expected = sentence[config] as number[];
    pairs.forEach((pair, i) => {
      expect(
        Math.abs(sentenceChrf(pair.hyp, pair.refs, opts).score - expected[i]!),
        `pair ${i}`,
      ).toBeLessThan(TOLERANCE);
    });
  });

  it.each(Object.entries(fixture.chrfConfigs))('corpus level, %s', (config, opts) => {
    const streams = referenceStreams(pairs.map((p) => p.refs));
    expect(streams).toHaveLength(fixture.random.referenceStreams);
    close(
      corpusChrf(
        pairs.map((p) => p.hyp),
        streams,
        opts,
      ).score,
      corpus[config] as number,
    );
  });
});

describe('chrF statistics and options', () => {
  it('reports per-order statistics; a hypothesis n-gram counts only if the reference has that order', () => {
    const result = sentenceChrf('a b c', ['abc']);
    expect(result.charNgrams).toEqual([
      { hyp: 3, ref: 3, match: 3 },
      { hyp: 2, ref: 2, match: 2 },
      { hyp: 1, ref: 1, match: 1 },
      { hyp: 0, ref: 0, match: 0 },
      { hyp: 0, ref: 0, match: 0 },
      { hyp: 0, ref: 0, match: 0 },
    ]);
    expect(result.wordNgrams).toEqual([]);
    expect({ charOrder: result.charOrder, wordOrder: result.wordOrder, beta: result.beta }).toEqual({
      charOrder: 6,
      wordOrder: 0,
      beta: 2,
    });
    close(result.score, 100);
  });

  it('chrF++ adds word unigrams and bigrams, with punctuation split off word edges', () => {
    const result = sentenceChrf('the cat, sat', ['the cat sat'], { wordOrder: 2 });
    // Words: the, cat, ",", sat against the, cat, sat.
    expect(result.wordNgrams).toEqual([
      { hyp: 4, ref: 3, match: 3 },
      { hyp: 3, ref: 2, match: 1 },
    ]);
  });

  it('splits one ASCII punctuation mark off the end of a word, else off its start', () => {
    // sacrebleu's own note: '(hi)' gives '(hi' and ')'.
    expect(splitChrfWords('(hi) ,x y. .z ! «a» ..')).toEqual([
      '(hi',
      ')',
      ',',
      'x',
      'y',
      '.',
      '.',
      'z',
      '!',
      '«a»',
      '.',
      '.',
    ]);
  });

  it('counts characters as code points, so astral characters are one character', () => {
    const result = sentenceChrf('😀😀', ['😀']);
    expect(result.charNgrams[0]).toEqual({ hyp: 2, ref: 1, match: 1 });
    expect(result.charNgrams[1]).toEqual({ hyp: 0, ref: 0, match: 0 });
  });

  it('keeps empty references (unlike BLEU) and skips missing ones', () => {
    expect(sentenceChrf('a b', ['']).score).toBe(0);
    expect(sentenceChrf('a b', ['', 'a b']).score).toBeCloseTo(100, 10);
    const missing = null as unknown as string;
    const corpus = corpusChrf(
      ['a b', 'c d'],
      [
        ['a b', missing],
        [missing, 'c d'],
      ],
    );
    close(corpus.score, 100);
    expect(() => corpusChrf(['a'], [[missing]])).toThrow(/reference for segment 0/);
    expect(() => sentenceChrf('a', [])).toThrow(/at least one reference/);
  });

  it('rejects reference streams of the wrong length and invalid options', () => {
    expect(() => corpusChrf(['a', 'b'], [['a']])).toThrow(/segments/);
    expect(() => corpusChrf(['a'], [])).toThrow(/reference stream/);
    expect(() => sentenceChrf('a', ['a'], { charOrder: -1 })).toThrow(/charOrder/);
    expect(() => sentenceChrf('a', ['a'], { wordOrder: 1.5 })).toThrow(/wordOrder/);
    expect(() => sentenceChrf('a', ['a'], { charOrder: 0, wordOrder: 0 })).toThrow(/both be 0/);
    expect(() => sentenceChrf('a', ['a'], { beta: 0 })).toThrow(/beta/);
  });

  it('handles long inputs and large vocabularies', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 4999}`);
    const text = words.join(' ');
    close(sentenceChrf(text, [text], { wordOrder: 2 }).score, 100);
    const shifted = words.slice(1).join(' ');
    const score = sentenceChrf(shifted, [text], { wordOrder: 2 }).score;
    expect(score).toBeGreaterThan(99);
    expect(score).toBeLessThan(100);
    // More distinct characters than the n-gram table covers.
    const chars = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    close(sentenceChrf(chars, [chars]).score, 100);
  });
});

describe('chrF properties', () => {
  const sentence = fc
    .array(
      fc.constantFrom('the', 'a', 'Cat', 'cat', 'sat', 'on', 'mat', '.', ',', 'é', '«', '3.5', '東京', '🙂'),
      {
        maxLength: 25,
      },
    )
    .map((words) => words.join(' '));
  const options = fc.record({
    wordOrder: fc.constantFrom(0, 2),
    lowercase: fc.boolean(),
    whitespace: fc.boolean(),
    epsSmoothing: fc.boolean(),
  });

  // With epsilon smoothing, orders longer than the text count as zero, so short text scores less.
  it('scores stay within [0, 100]; identical text scores 100 without epsilon smoothing', () => {
    fc.assert(
      fc.property(sentence, sentence, options, (hyp, ref, opts) => {
        const score = sentenceChrf(hyp, [ref], opts).score;
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100 + 1e-9);
        fc.pre(ref.trim() !== '' && !opts.epsSmoothing);
        expect(sentenceChrf(ref, [ref], opts).score).toBeCloseTo(100, 9);
      }),
      { numRuns: 300 },
    );
  });

  it('corpus statistics are sums of the segments’ best-reference statistics', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, sentence, sentence), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const opts: ChrfOptions = { wordOrder: 2 };
          const corpus = corpusChrf(
            rows.map(([hyp]) => hyp),
            [rows.map(([, ref]) => ref), rows.map(([, , ref]) => ref)],
            opts,
          );
          const segments = rows.map(([hyp, ref1, ref2]) => sentenceChrf(hyp, [ref1, ref2], opts));
          for (const kind of ['charNgrams', 'wordNgrams'] as const) {
            corpus[kind].forEach((stats, n) => {
              expect(stats.match).toBe(segments.reduce((sum, s) => sum + s[kind][n]!.match, 0));
              expect(stats.ref).toBe(segments.reduce((sum, s) => sum + s[kind][n]!.ref, 0));
              expect(stats.hyp).toBe(segments.reduce((sum, s) => sum + s[kind][n]!.hyp, 0));
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adding a reference never lowers sentence chrF (the best reference wins)', () => {
    fc.assert(
      fc.property(sentence, sentence, sentence, (hyp, ref1, ref2) => {
        const one = sentenceChrf(hyp, [ref1]).score;
        expect(sentenceChrf(hyp, [ref1, ref2]).score).toBeGreaterThanOrEqual(one);
      }),
      { numRuns: 200 },
    );
  });
});
