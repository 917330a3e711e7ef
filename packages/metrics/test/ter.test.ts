import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusTer, sentenceTer, type TerOptions } from '../src/index.js';
import { BeamEditDistance, TerWorkspace } from '../src/ter/beam-edit-distance.js';
import { tokenizeForTer } from '../src/ter/tercom-tokenizer.js';
import { performShift, translationEditRate } from '../src/ter/translation-edit-rate.js';
import { fixture, referenceStreams, type TerExpected } from './helpers/chrf-ter-fixture.js';

const TOLERANCE = 1e-8;

function expectTer(
  actual: { score: number; numEdits: number; refLength: number },
  expected: TerExpected,
  label = '',
) {
  expect(Math.abs(actual.score - expected[0]), `${label} score`).toBeLessThan(TOLERANCE);
  expect(actual.numEdits, `${label} numEdits`).toBe(expected[1]);
  expect(Math.abs(actual.refLength - expected[2]), `${label} refLength`).toBeLessThan(TOLERANCE);
}

const DEFAULT_TOKENIZER = { normalized: false, noPunct: false, asianSupport: false, caseSensitive: false };

// Vectors from sacrebleu's own test suite (test_ter.py compares to 1e-3; the statistics here are
// sacrebleu 2.6.0's, compared exactly).
describe("TER matches sacrebleu's test vectors", () => {
  it.each<[string, string[], string[], number, TerExpected]>([
    ['perfect match', ['aaaa bbbb cccc dddd'], ['aaaa bbbb cccc dddd'], 0, [0, 0, 4]],
    ['no overlap', ['dddd eeee ffff'], ['aaaa bbbb cccc'], 1, [100, 3, 3]],
    ['empty hypothesis', [''], ['a'], 1, [100, 1, 1]],
    ['a single shift fixes it', ['d e f g h a b c'], ['a b c d e f g h'], 1 / 8, [12.5, 1, 8]],
    [
      'WMT dev data (2019)',
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit das Bild ungefähr dieselbe Größe aufweist wie die andere Größe .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie Werte für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " ein .',
        'Sie können beispielsweise ein Dokument erstellen , das ein Auto über die Bühne enthält .',
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      [
        'wählen Sie " Bild neu berechnen , " um beim Ändern der Bildgröße Pixel hinzuzufügen oder zu entfernen , damit die Darstellung des Bildes in einer anderen Größe beibehalten wird .',
        'wenn Sie alle Aufgaben im aktuellen Dokument aktualisieren möchten , wählen Sie im Menü des Aufgabenbedienfelds die Option " Alle Aufgaben aktualisieren . "',
        'klicken Sie auf der Registerkarte " Optionen " auf die Schaltfläche " Benutzerdefiniert " und geben Sie für " Fehlerkorrektur-Level " und " Y / X-Verhältnis " niedrigere Werte ein .',
        'Sie können beispielsweise ein Dokument erstellen , das ein Auto enthalt , das sich über die Bühne bewegt .',
        'wählen Sie im Dialogfeld " Neu aus Vorlage " eine Vorlage aus und klicken Sie auf " Neu . "',
      ],
      0.136,
      [13.600000000000001, 17, 125],
    ],
  ])('%s', (_name, hyps, refs, published, expected) => {
    const result = corpusTer(hyps, [refs]);
    expect(Math.abs(result.score - 100 * published)).toBeLessThan(1e-3);
    expectTer(result, expected);
  });

  // test_tokenizer_ter.py
  it.each<[string, Partial<typeof DEFAULT_TOKENIZER>, string]>([
    ['a b c d', {}, 'a b c d'],
    ['', {}, ''],
    ['a b c d.', {}, 'a b c d.'],
    ['A B C D.', {}, 'a b c d.'],
    ['a b c d.', { noPunct: true }, 'a b c d'],
    ['A ; B ) C : D.', { noPunct: true }, 'a b c d'],
    ['a b (c) d.', { normalized: true }, 'a b ( c ) d .'],
    ["Jim's car.", { normalized: true }, "jim 's car ."],
    ['4.2', { normalized: true }, '4.2'],
    ['美众院公布对特', { normalized: true, asianSupport: true }, '美 众 院 公 布 对 特'],
    ['りの拳銃を持', { normalized: true, asianSupport: true }, 'りの 拳 銃 を 持'],
  ])('Tercom tokenizer: %j with %j', (input, opts, expected) => {
    expect(tokenizeForTer(input, { ...DEFAULT_TOKENIZER, ...opts }).join(' ')).toBe(expected);
  });
});

describe('TER matches sacrebleu 2.6.0 on edge cases (tolerance 1e-8)', () => {
  const configs = Object.entries(fixture.terConfigs);
  it.each(fixture.edgeCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    for (const [config, opts] of configs) {
      expectTer(sentenceTer(c.hyp, c.refs, opts), c.expected[config] as TerExpected, config);
    }
  });

  it.each(configs)('corpus of all edge cases, %s', (config, opts) => {
    const hyps = fixture.edgeCases.map((c) => c.hyp);
    const streams = referenceStreams(fixture.edgeCases.map((c) => c.refs));
    expectTer(corpusTer(hyps, streams, opts), fixture.edgeCorpus[config] as TerExpected);
  });
});

describe(`TER matches sacrebleu 2.6.0 on ${fixture.random.pairs.length} seeded random pairs`, () => {
  const { pairs, sentence, corpus } = fixture.random;
  it.each(Object.entries(fixture.terConfigs))('sentence level, %s', (config, opts) => {
    const expected = sentence[config] as { score: number[]; numEdits: number[]; refLength: number[] };
    pairs.forEach((pair, i) => {
      expectTer(
        sentenceTer(pair.hyp, pair.refs, opts),
        [expected.score[i]!, expected.numEdits[i]!, expected.refLength[i]!],
        `pair ${i}`,
      );
    });
  });

  it.each(Object.entries(fixture.terConfigs))('corpus level, %s', (config, opts) => {
    const streams = referenceStreams(pairs.map((p) => p.refs));
    const hyps = pairs.map((p) => p.hyp);
    expectTer(corpusTer(hyps, streams, opts), corpus[config] as TerExpected);
  });
});

describe('TER behaviour', () => {
  it('takes the fewest edits over references but the mean reference length', () => {
    const result = sentenceTer('a b c d', ['a b c d', 'a b c d e f']);
    expect(result.numEdits).toBe(0);
    expect(result.refLength).toBe(5);
    expect(result.score).toBe(0);
  });

  it('keeps empty references (unlike BLEU) and skips missing ones', () => {
    expectTer(sentenceTer('a b', ['']), [100, 2, 0]);
    expectTer(sentenceTer('', ['']), [0, 0, 0]);
    expectTer(sentenceTer('a b', ['', 'a b']), [0, 0, 1]);
    const missing = null as unknown as string;
    expectTer(
      corpusTer(
        ['a b', 'c d'],
        [
          ['a b', missing],
          [missing, 'c d'],
        ],
      ),
      [0, 0, 4],
    );
    expect(() => corpusTer(['a'], [[missing]])).toThrow(/reference for segment 0/);
    expect(() => sentenceTer('a', [])).toThrow(/at least one reference/);
  });

  it('can exceed 100', () => {
    expectTer(sentenceTer('a b c d e f', ['x y']), [300, 6, 2]);
  });

  it('rejects reference streams of the wrong length', () => {
    expect(() => corpusTer(['a', 'b'], [['a']])).toThrow(/segments/);
    expect(() => corpusTer(['a'], [])).toThrow(/reference stream/);
  });

  it('normalized references are tokenized twice, as sacrebleu does', () => {
    // One pass gives "jim's car" (no space after 's); the second splits it.
    expect(tokenizeForTer("Jim's\u3000car", { ...DEFAULT_TOKENIZER, normalized: true })).toEqual([
      "jim's",
      'car',
    ]);
    expectTer(sentenceTer("jim 's car", ["Jim's\u3000car"], { normalized: true }), [0, 0, 3]);
  });
});

/** Python's _perform_shift, slices and all. */
function pythonShift(words: number[], start: number, length: number, target: number): number[] {
  const slice = (from: number, to?: number) => words.slice(from, to);
  if (target < start) {
    return [
      ...slice(0, target),
      ...slice(start, start + length),
      ...slice(target, start),
      ...slice(start + length),
    ];
  }
  if (target > start + length) {
    return [
      ...slice(0, start),
      ...slice(start + length, target),
      ...slice(start, start + length),
      ...slice(target),
    ];
  }
  return [
    ...slice(0, start),
    ...slice(start + length, length + target),
    ...slice(start, start + length),
    ...slice(length + target),
  ];
}

/** Textbook word-level Levenshtein distance. */
function levenshtein(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j]! + 1, cur[j - 1]! + 1);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

describe('TER internals', () => {
  it('performs shifts exactly as Python slicing does, for every start, length and target', () => {
    for (let n = 1; n <= 12; n++) {
      const words = Int32Array.from({ length: n }, (_, i) => i);
      const out = new Int32Array(n);
      for (let start = 0; start < n; start++) {
        for (let length = 1; start + length <= n; length++) {
          for (let target = 0; target <= n; target++) {
            performShift(words, n, start, length, target, out);
            expect([...out], `${n} ${start} ${length} ${target}`).toEqual(
              pythonShift([...words], start, length, target),
            );
          }
        }
      }
    }
  });

  const ids = (maxLength: number) =>
    fc.array(fc.integer({ min: 0, max: 4 }), { maxLength }).map((a) => Int32Array.from(a));

  it('the banded edit distance is Levenshtein when the band covers the matrix', () => {
    fc.assert(
      fc.property(ids(24), ids(24), (hyp, ref) => {
        fc.pre(ref.length > 0);
        const distance = new BeamEditDistance(ref, hyp.length, new TerWorkspace());
        distance.setHypothesis(hyp, 0);
        expect(distance.distance()).toBe(levenshtein(hyp, ref));
      }),
      { numRuns: 300 },
    );
  });

  it('scoring a candidate from a shared prefix and suffix is exact under the limit, above it otherwise', () => {
    fc.assert(
      fc.property(
        ids(80),
        ids(80),
        ids(80),
        fc.nat(),
        fc.integer({ min: 0, max: 60 }),
        (current, candidateTail, ref, prefixSeed, limit) => {
          fc.pre(ref.length > 0 && current.length > 0);
          const n = current.length;
          const from = prefixSeed % (n + 1);
          const candidate = Int32Array.from({ length: n }, (_, i) =>
            i < from ? current[i]! : (candidateTail[i] ?? current[i]!),
          );
          const ws = new TerWorkspace();
          const distance = new BeamEditDistance(ref, n, ws);
          distance.setHypothesis(current, 0);
          const full = new BeamEditDistance(ref, n, new TerWorkspace());
          full.setHypothesis(candidate, 0);
          const exact = full.distance();
          let same = n;
          while (same > from && candidate[same - 1] === current[same - 1]) same--;
          for (const agreeFrom of [same, n]) {
            const bounded = distance.distanceOf(candidate, from, agreeFrom, limit);
            if (exact <= limit) expect(bounded).toBe(exact);
            else expect(bounded).toBeGreaterThan(limit);
            expect(distance.distanceOf(candidate, from, agreeFrom, Number.MAX_SAFE_INTEGER)).toBe(exact);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('TER never exceeds the plain edit distance, and reuses its workspace safely', () => {
    const ws = new TerWorkspace();
    fc.assert(
      fc.property(ids(30), ids(24), (hyp, ref) => {
        fc.pre(ref.length > 0);
        const edits = translationEditRate(hyp, ref, ws);
        expect(edits).toBe(translationEditRate(hyp, ref, new TerWorkspace()));
        expect(edits).toBeLessThanOrEqual(levenshtein(hyp, ref));
        expect(edits).toBeGreaterThanOrEqual(Math.abs(hyp.length - ref.length));
      }),
      { numRuns: 300 },
    );
  });
});

describe('TER properties', () => {
  const sentence = fc
    .array(fc.constantFrom('the', 'a', 'Cat', 'cat', 'sat', 'on', 'mat', '.', ',', 'é', '東京', '🙂'), {
      maxLength: 25,
    })
    .map((words) => words.join(' '));
  const options = fc.record<TerOptions>({
    normalized: fc.boolean(),
    noPunct: fc.boolean(),
    asianSupport: fc.boolean(),
    caseSensitive: fc.boolean(),
  });

  it('identical text scores 0 and corpus statistics are sums of segment statistics', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 6 }),
        options,
        (rows, opts) => {
          for (const [, ref] of rows) expect(sentenceTer(ref, [ref], opts).numEdits).toBe(0);
          const corpus = corpusTer(
            rows.map(([hyp]) => hyp),
            [rows.map(([, ref]) => ref)],
            opts,
          );
          const segments = rows.map(([hyp, ref]) => sentenceTer(hyp, [ref], opts));
          expect(corpus.numEdits).toBe(segments.reduce((sum, s) => sum + s.numEdits, 0));
          expect(corpus.refLength).toBeCloseTo(
            segments.reduce((sum, s) => sum + s.refLength, 0),
            9,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
