import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rouge, tokenizeForRouge, type RougeType } from '../src/index.js';
import { lcsIndices, lcsLength } from '../src/rouge/lcs.js';

describe('ROUGE vectors from rouge-score (rouge_scorer_test.py)', () => {
  it('rouge1("testing one two", "testing"): P=1 R=1/3 F=1/2', () => {
    const { rouge1 } = rouge('testing one two', 'testing', { types: ['rouge1'] });
    expect(rouge1.precision).toBeCloseTo(1, 12);
    expect(rouge1.recall).toBeCloseTo(1 / 3, 12);
    expect(rouge1.fmeasure).toBeCloseTo(1 / 2, 12);
  });

  it('rouge2("testing one two", "testing one"): P=1 R=1/2 F=2/3', () => {
    const { rouge2 } = rouge('testing one two', 'testing one', { types: ['rouge2'] });
    expect(rouge2.precision).toBeCloseTo(1, 12);
    expect(rouge2.recall).toBeCloseTo(1 / 2, 12);
    expect(rouge2.fmeasure).toBeCloseTo(2 / 3, 12);
  });

  it('rougeL consecutive and non-consecutive: F=4/5', () => {
    for (const prediction of ['testing one', 'testing two']) {
      const { rougeL } = rouge('testing one two', prediction, { types: ['rougeL'] });
      expect(rougeL.precision).toBeCloseTo(1, 12);
      expect(rougeL.recall).toBeCloseTo(2 / 3, 12);
      expect(rougeL.fmeasure).toBeCloseTo(4 / 5, 12);
    }
  });

  it('rougeLsum("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\\nw1 w3 w8 w9 w5"): R=0.8 P=0.4', () => {
    const { rougeLsum } = rouge('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5', { types: ['rougeLsum'] });
    expect(rougeLsum.recall).toBeCloseTo(0.8, 12);
    expect(rougeLsum.precision).toBeCloseTo(0.4, 12);
    expect(rougeLsum.fmeasure).toBeCloseTo(0.5333, 3);
  });

  it.each<RougeType>(['rouge1', 'rouge2', 'rougeL', 'rougeLsum'])(
    'empty prediction gives 0 for %s',
    (type) => {
      expect(rouge('testing one two', '', { types: [type] })[type]).toEqual({
        precision: 0,
        recall: 0,
        fmeasure: 0,
      });
    },
  );

  it('rougeLsum degenerate cases give 0', () => {
    for (const [target, prediction] of [
      ['', 'w1'],
      ['w1 w2 w3 w4 w5', '/'],
    ] as const) {
      expect(rouge(target, prediction, { types: ['rougeLsum'] }).rougeLsum.fmeasure).toBe(0);
    }
  });

  it.each(['rouge1', 'rouge9', 'rougeL', 'rougeLsum'] as const)(
    'valid type %s gives exactly that key',
    (type) => {
      expect(Object.keys(rouge('testing one two', 'testing', { types: [type] }))).toEqual([type]);
    },
  );

  it.each(['rougen', 'rouge0', 'rouge10'])('invalid type %s throws', (type) => {
    expect(() => rouge('testing one two', 'testing', { types: [type as RougeType] })).toThrow(
      /Invalid rouge type/,
    );
  });
});

// rouge-score's comparisons against the official ROUGE-1.5.5 Perl script, on its testdata
// (targets.txt / prediction.txt lines 0 and 1, pyrouge_files/*_multi.0.txt), 5 decimals.
const TARGET_0 =
  "ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n";
const TARGET_1 =
  "KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n";
const PREDICTION_0 = "rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n";
const PREDICTION_1 =
  "n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n";
const TARGET_MULTI =
  TARGET_0 +
  TARGET_1 +
  "NhETebUbBk'er WOvoHMTjSRizKgH'vHiing Xu,hWxfs VkNE QhgKiLHE -HidivzoM.dO anhtion jbLQiSGDTCsuhREebUaKM dv J dVN tmbOT\n" +
  "vMR HDm,xOAetion D,tion HJtodT.mHl UIv-p VjWH'BdyWjnfGU-OjT aEMdFICyLWfQMtion wEMfdOKing AwkeKbO 'DxqNOHBH qKtVvm OYJl mM\n";
const PREDICTION_MULTI =
  PREDICTION_0 +
  PREDICTION_1 +
  'xfs VkJE QhgKiLHE -HidivzoM.dO anhing jbLQiSGDTCsuhREebUaKM dv J\n' +
  "VjWH'BdyWjnfGU-OjTNaEMdFICyLWfQMing wEMfdOKijg AwkeKbO 'DxqNO\n";

function expectScore(
  actual: { precision: number; recall: number; fmeasure: number },
  r: number,
  p: number,
  f: number,
) {
  expect(Math.abs(actual.recall - r)).toBeLessThan(5e-6);
  expect(Math.abs(actual.precision - p)).toBeLessThan(5e-6);
  expect(Math.abs(actual.fmeasure - f)).toBeLessThan(5e-6);
}

describe('ROUGE against ROUGE-1.5.5 (rouge-score testdata)', () => {
  it.each([false, true])('rouge1, rouge2, rougeL line 0 (stemmer %s)', (useStemmer) => {
    const s = rouge(TARGET_0, PREDICTION_0, { types: ['rouge1', 'rouge2', 'rougeL'], useStemmer });
    expectScore(s.rouge1, 0.40741, 0.6875, 0.51163);
    expectScore(s.rouge2, 0.30769, 0.53333, 0.39024);
    expectScore(s.rougeL, 0.40741, 0.6875, 0.51163);
  });

  it('line 1 without stemming', () => {
    const s = rouge(TARGET_1, PREDICTION_1, { types: ['rouge1', 'rouge2', 'rougeL'] });
    expectScore(s.rouge1, 0.40476, 0.65385, 0.5);
    expectScore(s.rouge2, 0.29268, 0.48, 0.36364);
    expectScore(s.rougeL, 0.40476, 0.65385, 0.5);
  });

  it('line 1 with stemming (stems -ing/-tion/-er words)', () => {
    const s = rouge(TARGET_1, PREDICTION_1, { types: ['rouge1', 'rouge2'], useStemmer: true });
    expectScore(s.rouge1, 0.42857, 0.69231, 0.52941);
    expectScore(s.rouge2, 0.29268, 0.48, 0.36364);
  });

  it('rougeLsum on multi-sentence text with stemming', () => {
    const s = rouge(TARGET_MULTI, PREDICTION_MULTI, { types: ['rougeLsum'], useStemmer: true });
    expectScore(s.rougeLsum, 0.36538, 0.66667, 0.47205);
  });
});

describe('rouge-score tokenizer', () => {
  it('lowercases and splits on everything outside [a-z0-9]', () => {
    expect(tokenizeForRouge("It's the dog's 3.14-inch bone, isn't it?", false)).toEqual([
      'it',
      's',
      'the',
      'dog',
      's',
      '3',
      '14',
      'inch',
      'bone',
      'isn',
      't',
      'it',
    ]);
  });

  it('splits words at non-ASCII letters, as Python does with [^a-z0-9]', () => {
    expect(tokenizeForRouge('Café naïve Straße 東京 ÀB', false)).toEqual([
      'caf',
      'na',
      've',
      'stra',
      'e',
      'b',
    ]);
  });

  it('stems only tokens longer than 3 characters', () => {
    expect(tokenizeForRouge('was ties running cats', true)).toEqual(['was', 'tie', 'run', 'cat']);
  });
});

describe('ROUGE own cases', () => {
  it('punctuation and case do not matter', () => {
    const s = rouge('The cat sat on the mat.', 'the CAT, sat; on THE mat!!');
    for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const)
      expect(s[type].fmeasure).toBeCloseTo(1, 12);
  });

  it('stemming makes inflected forms match', () => {
    const plain = rouge('running dogs', 'the dog runs', { types: ['rouge1'] }).rouge1;
    const stemmed = rouge('running dogs', 'the dog runs', { types: ['rouge1'], useStemmer: true }).rouge1;
    expect(plain.fmeasure).toBe(0);
    expect(stemmed.precision).toBeCloseTo(2 / 3, 12);
    expect(stemmed.recall).toBeCloseTo(1, 12);
  });

  it('counts repeated n-grams with clipping', () => {
    const s = rouge('the the cat', 'the the the the', { types: ['rouge1', 'rouge2'] });
    expect(s.rouge1.precision).toBeCloseTo(2 / 4, 12);
    expect(s.rouge1.recall).toBeCloseTo(2 / 3, 12);
    expect(s.rouge2.precision).toBeCloseTo(1 / 3, 12);
    expect(s.rouge2.recall).toBeCloseTo(1 / 2, 12);
  });

  it('digits are tokens; Unicode-only text has no tokens', () => {
    expect(rouge('version 2 0 1', 'version 2.0.1', { types: ['rouge1'] }).rouge1.fmeasure).toBeCloseTo(1, 12);
    expect(rouge('東京タワー', '東京タワー', { types: ['rouge1'] }).rouge1.fmeasure).toBe(0);
  });

  it('rougeLsum ignores empty lines and does not double-count tokens', () => {
    const s = rouge('a b c\n\nd e', 'a b\n\nc d e\na', { types: ['rougeLsum'] }).rougeLsum;
    // Union LCS per target sentence: {a,b,c} then {d,e}: 5 hits over 5 target and 6 prediction tokens.
    expect(s.recall).toBeCloseTo(1, 12);
    expect(s.precision).toBeCloseTo(5 / 6, 12);
  });

  it('rougeL on long texts keeps memory linear (20k x 20k tokens)', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `w${(i * 7) % 501}`).join(' ');
    const b = Array.from({ length: 20_000 }, (_, i) => `w${(i * 11) % 499}`).join(' ');
    const s = rouge(a, b, { types: ['rougeL'] }).rougeL;
    expect(s.fmeasure).toBeGreaterThan(0);
    expect(s.fmeasure).toBeLessThan(1);
  });

  it('defaults to rouge1, rouge2, rougeL and rougeLsum', () => {
    expect(Object.keys(rouge('a b', 'a b'))).toEqual(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
  });
});

function naiveLcs(a: number[], b: number[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    }
  }
  return t[a.length]![b.length]!;
}

describe('LCS properties', () => {
  const seq = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 });

  it('rolling-row length equals the full-table length, and is symmetric', () => {
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        expect(lcsLength(a, b)).toBe(naiveLcs(a, b));
        expect(lcsLength(b, a)).toBe(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('backtracked indices form a common subsequence of maximal length', () => {
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const indices = lcsIndices(a, b);
        expect(indices.length).toBe(naiveLcs(a, b));
        for (let k = 1; k < indices.length; k++) expect(indices[k]!).toBeGreaterThan(indices[k - 1]!);
        // The picked tokens appear in order in b.
        let j = 0;
        for (const i of indices) {
          while (j < b.length && b[j] !== a[i]) j++;
          expect(j).toBeLessThan(b.length);
          j++;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('matches rouge-score on its LCS table example', () => {
    expect(lcsIndices([1, 2, 3, 4, 5], [2, 5, 3, 4])).toEqual([1, 2, 3]);
    expect(lcsIndices([1, 2, 3, 4, 5], [8, 9])).toEqual([]);
  });
});

describe('ROUGE properties', () => {
  const text = fc
    .array(fc.constantFrom('alpha', 'beta', 'gamma', 'running', 'runs', 'the', '.', ',', 'x1', '\n'), {
      maxLength: 25,
    })
    .map((words) => words.join(' '));

  it('scores are in [0, 1]; identical token-bearing text gives 1; swapping swaps P and R (not for Lsum)', () => {
    fc.assert(
      fc.property(text, text, fc.boolean(), (a, b, useStemmer) => {
        const ab = rouge(a, b, { useStemmer });
        const ba = rouge(b, a, { useStemmer });
        for (const type of ['rouge1', 'rouge2', 'rougeL', 'rougeLsum'] as const) {
          for (const v of Object.values(ab[type])) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1 + 1e-12);
          }
          // Summary-level union LCS is not symmetric, so the swap identity holds for the others only.
          if (type === 'rougeLsum') continue;
          expect(ab[type].precision).toBeCloseTo(ba[type].recall, 12);
          expect(ab[type].fmeasure).toBeCloseTo(ba[type].fmeasure, 12);
        }
        if (tokenizeForRouge(a, useStemmer).length > 0) {
          expect(rouge(a, a, { useStemmer, types: ['rouge1', 'rougeL'] }).rougeL.fmeasure).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});
