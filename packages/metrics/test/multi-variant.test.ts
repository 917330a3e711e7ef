import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  abTestBinary,
  abTestContinuousFromSummary,
  betaCredibleInterval,
  compareVariantsBinary,
  compareVariantsContinuous,
  posteriorCurve,
  studentTQuantile,
  type AbTestContinuousOptions,
  type BinaryOutcomes,
  type MultiVariantResult,
  type ScoreSummary,
} from '../src/index.js';
import { betaPdf, studentTPdf } from '../src/stats/special-functions.js';
import { millerProbability } from './helpers/closed-forms.js';

// Reference values below were computed with SciPy 1.17.1 (scipy.stats.beta and scipy.stats.t for
// the posteriors and their ppf, scipy.integrate.quad for P(best) and the expected losses) by
// fixtures/make-multi-variant-cases.py, which wrote fixtures/multi-variant-cases.json.

interface Case {
  name: string;
  model: 'beta-binomial' | 'normal-unknown-variance';
  higherIsBetter: boolean;
  prior?: { alpha: number; beta: number } & AbTestContinuousOptions['prior'];
  variants: Array<BinaryOutcomes | ScoreSummary>;
  expected: {
    parameters: Array<Record<string, number>>;
    mean: number[];
    credibleInterval95: Array<[number, number]>;
    probabilityBest: number[];
    expectedLoss: number[];
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/multi-variant-cases.json', import.meta.url), 'utf8'),
) as { scipy: string; cases: Case[] };

// Measured agreement with SciPy is ~1e-11; the tolerance leaves room for other platforms' libm.
const TOLERANCE = 1e-9;
const close = (actual: number, expected: number, tolerance = TOLERANCE) =>
  expect(Math.abs(actual - expected)).toBeLessThan(tolerance);

function run(c: Case): MultiVariantResult {
  const opts = { higherIsBetter: c.higherIsBetter, ...(c.prior ? { prior: c.prior } : {}) };
  return c.model === 'beta-binomial'
    ? compareVariantsBinary(c.variants as BinaryOutcomes[], opts)
    : compareVariantsContinuous(c.variants as ScoreSummary[], opts);
}

const sumOfProbabilities = (r: MultiVariantResult) => r.variants.reduce((s, v) => s + v.probabilityBest, 0);

describe('k-variant comparison matches SciPy', () => {
  it('the fixture was made with SciPy 1.17.1 and covers 2, 3, 5 and 8 variants', () => {
    expect(fixture.scipy).toBe('1.17.1');
    const sizes = new Set(fixture.cases.map((c) => c.variants.length));
    for (const k of [2, 3, 5, 8]) expect(sizes).toContain(k);
    expect(fixture.cases.some((c) => !c.higherIsBetter)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = run(c);
    expect(r.model).toBe(c.model);
    expect(r.higherIsBetter).toBe(c.higherIsBetter);
    expect(r.credibleMass).toBe(0.95);
    expect(r.variants).toHaveLength(c.variants.length);
    r.variants.forEach((v, i) => {
      for (const [key, value] of Object.entries(c.expected.parameters[i]!)) {
        close(v.parameters[key]!, value, 1e-12 * Math.max(1, Math.abs(value)));
      }
      close(v.mean, c.expected.mean[i]!, 1e-13);
      const [lower, upper] = c.expected.credibleInterval95[i]!;
      close(v.credibleInterval.lower, lower, 1e-10 * Math.max(1, Math.abs(lower)));
      close(v.credibleInterval.upper, upper, 1e-10 * Math.max(1, Math.abs(upper)));
      close(v.probabilityBest, c.expected.probabilityBest[i]!);
      close(v.expectedLoss, c.expected.expectedLoss[i]!);
    });
    close(sumOfProbabilities(r), 1, 1e-10);
  });
});

describe('closed forms', () => {
  it.each([2, 3, 4, 5, 6, 7, 8])('%i identical posteriors: P(best) = 1/k each, equal losses', (k) => {
    for (const higherIsBetter of [true, false]) {
      const binary = compareVariantsBinary(
        Array.from({ length: k }, () => ({ successes: 37, trials: 120 })),
        { higherIsBetter },
      );
      const scores = compareVariantsContinuous(
        Array.from({ length: k }, () => ({ count: 6, mean: 310, variance: 900 })),
        { higherIsBetter },
      );
      for (const r of [binary, scores]) {
        for (const v of r.variants) {
          // Each posterior's mass beyond its 1e-12 quantiles is left out of the integrals.
          close(v.probabilityBest, 1 / k, 1e-11);
          close(v.expectedLoss, r.variants[0]!.expectedLoss, 1e-12);
        }
      }
    }
  });

  it("two Beta(1,1)-prior variants: P(B best) is Evan Miller's closed-form sum", () => {
    const cases: Array<[number, number, number, number]> = [
      [3, 10, 5, 10],
      [30, 100, 45, 100],
      [3, 10, 9, 12],
      [120, 1000, 150, 1000],
      [0, 50, 2, 50],
      [480, 1000, 520, 1000],
      [4000, 10000, 4100, 10000],
    ];
    for (const [sA, nA, sB, nB] of cases) {
      const r = compareVariantsBinary([
        { successes: sA, trials: nA },
        { successes: sB, trials: nB },
      ]);
      const miller = millerProbability(1 + sA, 1 + nA - sA, 1 + sB, 1 + nB - sB);
      close(r.variants[1]!.probabilityBest, miller);
      close(r.variants[0]!.probabilityBest, 1 - miller);
    }
  });

  it('Beta(1,1), Beta(2,1), Beta(1,2) in closed form, both directions', () => {
    // F = x, x², 2x - x²; densities 1, 2x, 2(1 - x). P(i is max) = ∫₀¹ f_i Π_{j≠i} F_j dx:
    // ∫ x²(2x - x²) = 3/10, ∫ 2x·x(2x - x²) = 3/5, ∫ 2(1 - x)·x·x² = 1/10;
    // E[max] = ∫₀¹ (1 - x·x²·(2x - x²)) dx = 23/30 and E[min] = ∫₀¹ (1 - x)(1 - x²)(1 - x)² dx = 7/30.
    const variants = [
      { successes: 0, trials: 0 },
      { successes: 1, trials: 1 },
      { successes: 0, trials: 1 },
    ];
    const means = [1 / 2, 2 / 3, 1 / 3];
    const higher = compareVariantsBinary(variants);
    const lower = compareVariantsBinary(variants, { higherIsBetter: false });
    [3 / 10, 3 / 5, 1 / 10].forEach((p, i) => close(higher.variants[i]!.probabilityBest, p, 1e-12));
    [3 / 10, 1 / 10, 3 / 5].forEach((p, i) => close(lower.variants[i]!.probabilityBest, p, 1e-12));
    means.forEach((mean, i) => {
      close(higher.variants[i]!.expectedLoss, 23 / 30 - mean, 1e-12);
      close(lower.variants[i]!.expectedLoss, mean - 7 / 30, 1e-12);
    });
  });

  it('credible intervals of Beta(1 + s, 1 + f) are the SciPy beta.ppf values', () => {
    const c = fixture.cases.find((x) => x.name === '3 binary, large counts')!;
    const r = run(c);
    c.variants.forEach((v, i) => {
      const { successes, trials } = v as BinaryOutcomes;
      expect(r.variants[i]!.credibleInterval).toEqual(
        betaCredibleInterval(1 + successes, 1 + trials - successes),
      );
      const [lower, upper] = c.expected.credibleInterval95[i]!;
      close(r.variants[i]!.credibleInterval.lower, lower, 1e-12);
      close(r.variants[i]!.credibleInterval.upper, upper, 1e-12);
    });
    const t = compareVariantsContinuous(
      [
        { count: 12, mean: 3, variance: 2 },
        { count: 5, mean: 4, variance: 1 },
      ],
      { credibleMass: 0.9 },
    );
    const half = studentTQuantile(0.95, 11) * Math.sqrt(2 / 12);
    close(t.variants[0]!.credibleInterval.lower, 3 - half, 1e-12);
    close(t.variants[0]!.credibleInterval.upper, 3 + half, 1e-12);
    expect(t.credibleMass).toBe(0.9);
  });
});

describe('two variants agree with the pairwise A/B test', () => {
  const binaryCases: Array<[BinaryOutcomes, BinaryOutcomes]> = [
    [
      { successes: 3, trials: 10 },
      { successes: 5, trials: 10 },
    ],
    [
      { successes: 480, trials: 1000 },
      { successes: 520, trials: 1000 },
    ],
    [
      { successes: 3, trials: 10 },
      { successes: 480, trials: 1000 },
    ],
    [
      { successes: 0, trials: 50 },
      { successes: 2, trials: 50 },
    ],
    [
      { successes: 4000, trials: 10000 },
      { successes: 4100, trials: 10000 },
    ],
    [
      { successes: 1000, trials: 1000 },
      { successes: 990, trials: 1000 },
    ],
  ];
  // Student t posteriors with 4 or more degrees of freedom: below that the pairwise test's
  // expected loss is itself ~1e-6 off SciPy (its tails in probability space are too coarse).
  const scoreCases: Array<[ScoreSummary, ScoreSummary]> = [
    [
      { count: 20, mean: 10, variance: 4 },
      { count: 30, mean: 11, variance: 9 },
    ],
    [
      { count: 5, mean: 1, variance: 1 },
      { count: 200, mean: 1.2, variance: 0.5 },
    ],
    [
      { count: 40, mean: 300, variance: 400 },
      { count: 25, mean: 290, variance: 900 },
    ],
  ];

  it.each([true, false])('pass/fail, higherIsBetter %s', (higherIsBetter) => {
    for (const [a, b] of binaryCases) {
      const pair = abTestBinary(a, b, { higherIsBetter });
      const r = compareVariantsBinary([a, b], { higherIsBetter });
      close(r.variants[1]!.probabilityBest, pair.probabilityBBeatsA, 1e-8);
      close(r.variants[0]!.probabilityBest, 1 - pair.probabilityBBeatsA, 1e-8);
      close(r.variants[0]!.expectedLoss, pair.expectedLoss.chooseA, 1e-8);
      close(r.variants[1]!.expectedLoss, pair.expectedLoss.chooseB, 1e-8);
      expect(r.variants[0]!.credibleInterval).toEqual(pair.a.credibleInterval);
      expect(r.variants[1]!.parameters).toEqual(pair.b.parameters);
    }
  });

  it.each([true, false])('scores, higherIsBetter %s', (higherIsBetter) => {
    for (const [a, b] of scoreCases) {
      const pair = abTestContinuousFromSummary(a, b, { higherIsBetter });
      const r = compareVariantsContinuous([a, b], { higherIsBetter });
      close(r.variants[1]!.probabilityBest, pair.probabilityBBeatsA, 1e-8);
      close(r.variants[0]!.expectedLoss, pair.expectedLoss.chooseA, 1e-8);
      close(r.variants[1]!.expectedLoss, pair.expectedLoss.chooseB, 1e-8);
      expect(r.variants[1]!.credibleInterval).toEqual(pair.b.credibleInterval);
    }
  });
});

describe('properties', () => {
  const scores: ScoreSummary[] = [
    { count: 9, mean: 0.61, variance: 0.02 },
    { count: 40, mean: 0.58, variance: 0.04 },
    { count: 4, mean: 0.7, variance: 0.09 },
    { count: 150, mean: 0.6, variance: 0.03 },
  ];

  it('reordering the variants reorders the results', () => {
    const r = compareVariantsContinuous(scores);
    const order = [2, 0, 3, 1];
    const shuffled = compareVariantsContinuous(order.map((i) => scores[i]!));
    order.forEach((from, to) => {
      close(shuffled.variants[to]!.probabilityBest, r.variants[from]!.probabilityBest, 1e-12);
      close(shuffled.variants[to]!.expectedLoss, r.variants[from]!.expectedLoss, 1e-12);
    });
  });

  it('lower-is-better equals higher-is-better on negated scores; shifting changes nothing', () => {
    const lower = compareVariantsContinuous(scores, { higherIsBetter: false });
    const negated = compareVariantsContinuous(scores.map((s) => ({ ...s, mean: -s.mean })));
    const shifted = compareVariantsContinuous(
      scores.map((s) => ({ ...s, mean: s.mean + 1000 })),
      { higherIsBetter: false },
    );
    lower.variants.forEach((v, i) => {
      close(v.probabilityBest, negated.variants[i]!.probabilityBest, 1e-12);
      close(v.expectedLoss, negated.variants[i]!.expectedLoss, 1e-12);
      close(v.probabilityBest, shifted.variants[i]!.probabilityBest, 1e-12);
      close(v.expectedLoss, shifted.variants[i]!.expectedLoss, 1e-10);
    });
  });

  it('a clear winner has P(best) near 1 and a loss near 0', () => {
    const r = compareVariantsBinary([
      { successes: 100, trials: 1000 },
      { successes: 300, trials: 1000 },
      { successes: 110, trials: 1000 },
    ]);
    expect(r.variants[1]!.probabilityBest).toBeGreaterThan(1 - 1e-11);
    expect(r.variants[1]!.expectedLoss).toBeLessThan(1e-12);
    close(r.variants[0]!.expectedLoss, 301 / 1002 - 101 / 1002, 1e-9);
  });

  it('a posterior without a finite mean (2 scores, t with 1 df) gives infinite losses', () => {
    const r = compareVariantsContinuous([
      { count: 2, mean: 1, variance: 0.5 },
      { count: 10, mean: 1.2, variance: 0.5 },
      { count: 10, mean: 0.9, variance: 0.5 },
    ]);
    // The Cauchy's x⁻² tails are the hardest case for the quadrature: ~1e-9 instead of ~1e-12.
    close(sumOfProbabilities(r), 1, 5e-9);
    for (const v of r.variants) expect(v.expectedLoss).toBe(Infinity);
    expect(r.variants[0]!.mean).toBeNaN();
  });
});

describe('input checks', () => {
  const ok = { count: 5, mean: 1, variance: 1 };

  it('names the variant that cannot have a posterior', () => {
    expect(() => compareVariantsContinuous([ok, ok, { count: 1, mean: 1, variance: 0 }])).toThrow(
      /^Variant at index 2: need at least 2 scores/,
    );
    expect(() => compareVariantsContinuous([ok, { count: 4, mean: 2, variance: 0 }, ok])).toThrow(
      /^Variant at index 1: scores have zero variance/,
    );
    expect(() => compareVariantsContinuous([ok, { count: 4, mean: 2, variance: 0 }])).toThrow(RangeError);
    expect(() =>
      compareVariantsBinary([
        { successes: 1, trials: 2 },
        { successes: 3, trials: 2 },
      ]),
    ).toThrow(/^Variant at index 1: successes exceed trials/);
  });

  it('a prior gives a posterior to a single score or zero variance', () => {
    const prior = { mean: 0, kappa: 1, alpha: 2, beta: 2 };
    const r = compareVariantsContinuous([{ count: 1, mean: 1, variance: 0 }, ok], { prior });
    expect(r.variants[0]!.parameters.df).toBe(5);
    close(r.variants[0]!.mean, 0.5, 1e-14);
  });

  it('takes 2 to 8 variants and a credible mass in (0, 1)', () => {
    expect(() => compareVariantsContinuous([ok])).toThrow(/2 to 8 variants, got 1/);
    expect(() => compareVariantsBinary(Array(9).fill({ successes: 1, trials: 2 }))).toThrow(/got 9/);
    expect(() => compareVariantsContinuous([ok, ok], { credibleMass: 1 })).toThrow(/credibleMass/);
    expect(() =>
      compareVariantsBinary(
        [
          { successes: 1, trials: 2 },
          { successes: 1, trials: 2 },
        ],
        { prior: { alpha: 0, beta: 1 } },
      ),
    ).toThrow(/prior/);
  });
});

describe('speed', () => {
  it('8 continuous variants take under 50 ms', () => {
    const variants = Array.from({ length: 8 }, (_, i) => ({
      count: 5 + 60 * i,
      mean: 32 + 0.3 * Math.sin(i),
      variance: 20 + 3 * i,
    }));
    const times: number[] = [];
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      compareVariantsContinuous(variants, { higherIsBetter: run % 2 === 0 });
      times.push(performance.now() - start);
    }
    // The first call includes compiling the code; the fastest warm call is what the code costs
    // (slower ones measure other work sharing the machine, e.g. parallel test files).
    expect(Math.min(...times.slice(1))).toBeLessThan(50);
  });
});

describe('posteriorCurve', () => {
  it('draws a Beta posterior over its central 99.9 %', () => {
    const curve = posteriorCurve('beta-binomial', { alpha: 31, beta: 71 });
    expect(curve).toHaveLength(101);
    const interval = betaCredibleInterval(31, 71, 0.999);
    close(curve[0]!.x, interval.lower, 1e-14);
    close(curve[100]!.x, interval.upper, 1e-14);
    for (const { x, density } of curve) close(density, betaPdf(x, 31, 71), 1e-12);
    // Evenly spaced: the trapezoid rule over the curve recovers the 99.9 % mass.
    const fine = posteriorCurve('beta-binomial', { alpha: 31, beta: 71 }, 4001);
    const h = fine[1]!.x - fine[0]!.x;
    const mass = fine.reduce((s, p, i) => s + (i === 0 || i === 4000 ? 0.5 : 1) * p.density * h, 0);
    close(mass, 0.999, 1e-6);
  });

  it('draws a Student t posterior, with the parameters a comparison reports', () => {
    const r = compareVariantsContinuous([
      { count: 20, mean: 10, variance: 4 },
      { count: 30, mean: 11, variance: 9 },
    ]);
    const { location, scale, df } = r.variants[0]!.parameters as {
      location: number;
      scale: number;
      df: number;
    };
    const curve = posteriorCurve(r.model, r.variants[0]!.parameters, 51);
    expect(curve).toHaveLength(51);
    close(curve[25]!.x, location, 1e-12);
    close(curve[0]!.x, location + scale * studentTQuantile(0.0005, df), 1e-12);
    for (const { x, density } of curve)
      close(density, studentTPdf((x - location) / scale, df) / scale, 1e-12);
  });

  it('rejects parameters of the other model and too few points', () => {
    expect(() => posteriorCurve('normal-unknown-variance', { alpha: 2, beta: 3 })).toThrow(/Student t/);
    expect(() => posteriorCurve('beta-binomial', { alpha: 2, beta: 0 })).toThrow(/Beta/);
    expect(() => posteriorCurve('beta-binomial', { alpha: 2, beta: 3 }, 1)).toThrow(/points/);
  });
});
