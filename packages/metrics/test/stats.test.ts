import { describe, expect, it } from 'vitest';
import {
  abTestBinary,
  abTestContinuous,
  abTestContinuousFromSummary,
  betaCredibleInterval,
  inverseRegularizedIncompleteBeta,
  logGamma,
  normalMeanCredibleInterval,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
} from '../src/index.js';
import { logBeta } from '../src/stats/special-functions.js';
import { millerProbability } from './helpers/closed-forms.js';
import { binomial, mulberry32, normalSampler } from './helpers/seeded-random.js';

// Reference values below were computed with SciPy 1.17.1 (scipy.special.betainc/betaincinv/
// gammaln, scipy.stats.t, and scipy.integrate.quad + optimize.brentq for the A/B quantities).

describe('special functions', () => {
  it.each([
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247],
    [1, 0],
    [7.5, 7.534364236758734],
    [171.3, 708.1149470389971],
    [1e6, 12815504.569147611],
  ])('logGamma(%f)', (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it.each([
    [0.3, 2.5, 7.1, 0.6490225790210132],
    [0.001, 0.5, 0.5, 0.020135041633377492],
    [0.999, 30, 2, 0.9995438962809783],
    [0.5, 1000, 1000, 0.4999999999999992],
    [0.02, 1.5, 300, 0.993054642980148],
    [0.7, 0.1, 0.2, 0.7163269829958612],
  ])('I_%f(%f, %f)', (x, a, b, expected) => {
    expect(Math.abs(regularizedIncompleteBeta(x, a, b) - expected)).toBeLessThan(1e-12);
  });

  // ln B(a, b) with large arguments, from mpmath at 40 digits (SciPy's betaln is off by up to
  // 2e-9 for these); the sum of three ln Γ would keep only ~1e-9.
  it.each([
    [500001, 500001, -693153.8625246217],
    [30.5, 2e6, -369.5608147771946],
    [0.5, 1e6, -6.335390211057437],
    [1e7, 3, -47.661140072314986],
    [4000.5, 6000.5, -6733.802927439792],
    [12, 15, -18.568172732389435],
    [10, 10, -13.736229227036555],
  ])('logBeta(%f, %f)', (a, b, expected) => {
    expect(Math.abs(logBeta(a, b) - expected)).toBeLessThan(2e-15 * Math.max(1, Math.abs(expected)));
  });

  it('closed forms of the incomplete beta', () => {
    for (const x of [0.01, 0.3, 0.77]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 14);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 14);
    }
    // I_p(k, n - k + 1) = P(Binomial(n, p) >= k)
    const n = 20;
    const p = 0.35;
    let tail = 0;
    for (let j = 7; j <= n; j++)
      tail += Math.exp(-logBeta(j + 1, n - j + 1) - Math.log(n + 1)) * p ** j * (1 - p) ** (n - j);
    expect(regularizedIncompleteBeta(p, 7, n - 7 + 1)).toBeCloseTo(tail, 13);
  });

  it.each([
    [0.025, 31, 71, 0.2189787263040341],
    [0.975, 31, 71, 0.396147128647689],
    [1e-6, 0.5, 0.5, 2.46740110027031e-12],
    [0.5, 2, 3, 0.3857275681323895],
    [0.99, 0.3, 5, 0.4314426493616462],
  ])('inverse incomplete beta p=%f (%f, %f)', (p, a, b, expected) => {
    expect(Math.abs(inverseRegularizedIncompleteBeta(p, a, b) - expected)).toBeLessThan(
      1e-12 * Math.max(expected, 1e-3),
    );
  });

  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 10, 2.228138851986274],
    [0.975, 29, 2.045229642132703],
    [0.025, 3.5, -2.9400886379827296],
    [0.9999, 5, 9.677566300882814],
    [0.6, 100, 0.25402218245822766],
  ])('Student t quantile p=%f df=%f', (p, df, expected) => {
    expect(Math.abs(studentTQuantile(p, df) - expected)).toBeLessThan(1e-10 * Math.abs(expected));
  });

  it.each([
    [2.0, 3, 0.9303370157205785],
    [-1.5, 7.5, 0.08724028529323204],
    [0.1, 1, 0.5317255174305535],
  ])('Student t CDF t=%f df=%f', (t, df, expected) => {
    expect(Math.abs(studentTCdf(t, df) - expected)).toBeLessThan(1e-13);
  });
});

describe('abTestBinary (Beta-Binomial)', () => {
  it('Beta(1,1) vs Beta(2,1): P(B>A) = 2/3, losses 1/4 and 1/12 in closed form', () => {
    const r = abTestBinary({ successes: 0, trials: 0 }, { successes: 1, trials: 1 });
    expect(r.a.parameters).toEqual({ alpha: 1, beta: 1 });
    expect(r.b.parameters).toEqual({ alpha: 2, beta: 1 });
    expect(r.probabilityBBeatsA).toBeCloseTo(2 / 3, 10);
    expect(r.expectedLoss.chooseA).toBeCloseTo(1 / 4, 10);
    expect(r.expectedLoss.chooseB).toBeCloseTo(1 / 12, 10);
    expect(r.a.credibleInterval.lower).toBeCloseTo(0.025, 12);
    expect(r.b.credibleInterval.upper).toBeCloseTo(Math.sqrt(0.975), 12);
  });

  it('30/100 vs 45/100 matches the closed form and SciPy integration', () => {
    const r = abTestBinary({ successes: 30, trials: 100 }, { successes: 45, trials: 100 });
    expect(r.probabilityBBeatsA).toBeCloseTo(millerProbability(31, 71, 46, 56), 9);
    expect(r.probabilityBBeatsA).toBeCloseTo(0.985476491996167, 9);
    expect(r.expectedLoss.chooseA).toBeCloseTo(0.1474070720530443, 9);
    expect(r.expectedLoss.chooseB).toBeCloseTo(0.0003482485236324939, 9);
    expect(r.a.mean).toBeCloseTo(31 / 102, 14);
    expect(r.a.credibleInterval.lower).toBeCloseTo(0.2189787263040341, 12);
    expect(r.a.credibleInterval.upper).toBeCloseTo(0.396147128647689, 12);
    expect(r.difference.lower).toBeCloseTo(0.015131135039584204, 8);
    expect(r.difference.upper).toBeCloseTo(0.2766478736528935, 8);
    expect(r.relativeUplift!.lower).toBeCloseTo(0.04102708372933317, 8);
    expect(r.relativeUplift!.median).toBeCloseTo(0.4876033064158223, 8);
    expect(r.relativeUplift!.upper).toBeCloseTo(1.1717663039310442, 8);
  });

  it('matches the closed form on lopsided and large samples', () => {
    const cases: Array<[number, number, number, number]> = [
      [3, 10, 9, 12],
      [120, 1000, 150, 1000],
      [0, 50, 2, 50],
      [4000, 10000, 4100, 10000],
    ];
    for (const [sA, nA, sB, nB] of cases) {
      const r = abTestBinary({ successes: sA, trials: nA }, { successes: sB, trials: nB });
      expect(r.probabilityBBeatsA).toBeCloseTo(
        millerProbability(1 + sA, 1 + nA - sA, 1 + sB, 1 + nB - sB),
        8,
      );
    }
  });

  it('identical data is symmetric', () => {
    const r = abTestBinary({ successes: 40, trials: 90 }, { successes: 40, trials: 90 });
    expect(r.probabilityBBeatsA).toBeCloseTo(0.5, 10);
    expect(r.expectedLoss.chooseA).toBeCloseTo(r.expectedLoss.chooseB, 10);
    expect(r.difference.mean).toBe(0);
    expect(r.difference.lower).toBeCloseTo(-r.difference.upper, 8);
    expect(r.relativeUplift!.median).toBeCloseTo(0, 8);
  });

  it('honours the prior and lower-is-better metrics', () => {
    const jeffreys = abTestBinary(
      { successes: 2, trials: 10 },
      { successes: 5, trials: 10 },
      { prior: { alpha: 0.5, beta: 0.5 } },
    );
    expect(jeffreys.b.parameters).toEqual({ alpha: 5.5, beta: 5.5 });
    expect(jeffreys.b.mean).toBeCloseTo(0.5, 14);
    const higher = abTestBinary({ successes: 2, trials: 10 }, { successes: 5, trials: 10 });
    const lower = abTestBinary(
      { successes: 2, trials: 10 },
      { successes: 5, trials: 10 },
      { higherIsBetter: false },
    );
    expect(lower.probabilityBBeatsA).toBeCloseTo(1 - higher.probabilityBBeatsA, 12);
    expect(lower.expectedLoss).toEqual({
      chooseA: higher.expectedLoss.chooseB,
      chooseB: higher.expectedLoss.chooseA,
    });
  });

  it('rejects impossible counts', () => {
    expect(() => abTestBinary({ successes: 5, trials: 3 }, { successes: 1, trials: 3 })).toThrow(/exceed/);
    expect(() => abTestBinary({ successes: -1, trials: 3 }, { successes: 1, trials: 3 })).toThrow(
      /non-negative/,
    );
    expect(() =>
      abTestBinary({ successes: 1, trials: 3 }, { successes: 1, trials: 3 }, { credibleMass: 1 }),
    ).toThrow();
  });
});

describe('abTestContinuous (normal, unknown variance)', () => {
  it('matches SciPy for t posteriors t19(10, sqrt(4/20)) and t29(11, sqrt(9/30))', () => {
    const r = abTestContinuousFromSummary(
      { count: 20, mean: 10, variance: 4 },
      { count: 30, mean: 11, variance: 9 },
    );
    expect(r.model).toBe('normal-unknown-variance');
    expect(r.a.parameters).toEqual({ location: 10, scale: Math.sqrt(4 / 20), df: 19 });
    expect(r.probabilityBBeatsA).toBeCloseTo(0.9135623231916493, 9);
    expect(r.expectedLoss.chooseA).toBeCloseTo(1.0305314274409956, 8);
    expect(r.expectedLoss.chooseB).toBeCloseTo(0.030531427441010013, 8);
    expect(r.difference.lower).toBeCloseTo(-0.45454645199175686, 8);
    expect(r.difference.upper).toBeCloseTo(2.4545464519917477, 8);
    expect(r.relativeUplift!.lower).toBeCloseTo(-0.04292885507601685, 8);
    expect(r.relativeUplift!.upper).toBeCloseTo(0.26220163515746364, 8);
  });

  it('the credible interval is the classical t interval', () => {
    const scores = [12.1, 9.8, 11.4, 10.2, 13.0, 10.9, 9.5];
    const n = scores.length;
    const mean = scores.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const half = studentTQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
    const r = abTestContinuous(
      scores,
      scores.map((x) => x + 1),
    );
    expect(r.a.credibleInterval.lower).toBeCloseTo(mean - half, 12);
    expect(r.a.credibleInterval.upper).toBeCloseTo(mean + half, 12);
    expect(r.difference.mean).toBeCloseTo(1, 12);
  });

  it('lower-is-better latency: B faster wins', () => {
    const latencyA = [320, 310, 355, 298, 340, 330, 312, 325];
    const latencyB = [280, 290, 275, 301, 288, 279, 295, 284];
    const r = abTestContinuous(latencyA, latencyB, { higherIsBetter: false });
    expect(r.probabilityBBeatsA).toBeGreaterThan(0.99);
    expect(r.expectedLoss.chooseB).toBeLessThan(r.expectedLoss.chooseA);
    expect(r.relativeUplift!.upper).toBeLessThan(0);
  });

  it('no relative uplift when the baseline mean may be negative', () => {
    const r = abTestContinuous([-1, 0.5, 1, -0.5, 0.2], [1, 2, 1.5, 2.5, 1.8]);
    expect(r.relativeUplift).toBeNull();
  });

  it('needs two scores per variant and non-zero variance without a prior', () => {
    expect(() => abTestContinuous([1], [1, 2])).toThrow(/at least 2/);
    expect(() => abTestContinuous([1, 1], [1, 2])).toThrow(/zero variance/);
    const withPrior = abTestContinuous([1], [2], { prior: { mean: 0, kappa: 1, alpha: 2, beta: 2 } });
    expect(withPrior.a.parameters.df).toBe(5);
    expect(withPrior.a.mean).toBeCloseTo(0.5, 12);
  });
});

describe('credible interval coverage (seeded simulation)', () => {
  it('Beta-Binomial 95% intervals cover the true rate in 93-97% of 4000 trials', () => {
    const uniform = mulberry32(20240601);
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const p = uniform(); // drawn from the Beta(1, 1) prior
      const n = 10 + Math.floor(uniform() * 190);
      const k = binomial(uniform, n, p);
      const { lower, upper } = betaCredibleInterval(1 + k, 1 + n - k);
      if (lower <= p && p <= upper) covered++;
    }
    const coverage = covered / trials;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });

  it('Beta-Binomial intervals also cover a fixed rate (frequentist check, p = 0.3, n = 400)', () => {
    const uniform = mulberry32(7);
    let covered = 0;
    const trials = 3000;
    for (let t = 0; t < trials; t++) {
      const k = binomial(uniform, 400, 0.3);
      const { lower, upper } = betaCredibleInterval(1 + k, 1 + 400 - k);
      if (lower <= 0.3 && 0.3 <= upper) covered++;
    }
    expect(covered / trials).toBeGreaterThanOrEqual(0.93);
    expect(covered / trials).toBeLessThanOrEqual(0.97);
  });

  it('normal-model 95% intervals cover the true mean in 93-97% of 4000 trials', () => {
    const uniform = mulberry32(424242);
    const normal = normalSampler(uniform);
    let covered = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const mu = 50 + 20 * normal();
      const sigma = 0.5 + 5 * uniform();
      const n = 3 + Math.floor(uniform() * 40);
      const scores = Array.from({ length: n }, () => mu + sigma * normal());
      const { lower, upper } = normalMeanCredibleInterval(scores);
      if (lower <= mu && mu <= upper) covered++;
    }
    const coverage = covered / trials;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });

  it('the A/B result reports exactly these intervals', () => {
    const r = abTestBinary({ successes: 17, trials: 60 }, { successes: 25, trials: 61 });
    expect(r.a.credibleInterval).toEqual(betaCredibleInterval(18, 44));
    const scores = [3, 4, 5, 4.5, 3.5];
    expect(abTestContinuous(scores, [1, 2, 3]).a.credibleInterval).toEqual(
      normalMeanCredibleInterval(scores),
    );
  });
});
