import {
  betaPosterior,
  expectation,
  expectationRule,
  solveIncreasing,
  studentTPosterior,
  type ExpectationRule,
  type Posterior,
} from './posterior.js';

/** Pass/fail counts of one variant. */
export interface BinaryOutcomes {
  successes: number;
  trials: number;
}

/** Summary of continuous scores of one variant (sample variance with n - 1). */
export interface ScoreSummary {
  count: number;
  mean: number;
  variance: number;
}

export interface AbTestCommonOptions {
  /** Mass of the equal-tailed credible intervals; default 0.95. */
  credibleMass?: number;
  /**
   * Whether a larger value is better (pass rate, BLEU) or worse (latency, cost). Decides
   * `probabilityBBeatsA` and `expectedLoss`; default true.
   */
  higherIsBetter?: boolean;
}

export interface AbTestBinaryOptions extends AbTestCommonOptions {
  /** Beta prior on each variant's success rate; default Beta(1, 1) (uniform). */
  prior?: { alpha: number; beta: number };
}

export interface AbTestContinuousOptions extends AbTestCommonOptions {
  /**
   * Normal-Inverse-Gamma prior (mean μ₀, pseudo-count κ₀, shape α₀, rate β₀). Default: the
   * reference prior p(μ, σ²) ∝ 1/σ², whose posterior for μ is t with n - 1 degrees of freedom
   * around the sample mean — the classical t interval.
   */
  prior?: { mean: number; kappa: number; alpha: number; beta: number };
}

export interface Interval {
  lower: number;
  upper: number;
}

export interface VariantPosteriorSummary {
  /** Posterior mean of the rate (binary) or of the mean score (continuous). */
  mean: number;
  credibleInterval: Interval;
  /** Posterior parameters: { alpha, beta } for Beta; { location, scale, df } for Student t. */
  parameters: Record<string, number>;
}

export interface AbTestResult {
  model: 'beta-binomial' | 'normal-unknown-variance';
  credibleMass: number;
  higherIsBetter: boolean;
  a: VariantPosteriorSummary;
  b: VariantPosteriorSummary;
  /** P(B is better than A), by numerical integration (not sampling). */
  probabilityBBeatsA: number;
  /** Expected shortfall, in the metric's units, of committing to each variant. */
  expectedLoss: { chooseA: number; chooseB: number };
  /** Posterior of θ_B - θ_A. */
  difference: { mean: number } & Interval;
  /** Posterior of θ_B / θ_A - 1; null when θ_A can be ≤ 0 (a ratio is then meaningless). */
  relativeUplift: ({ median: number } & Interval) | null;
}

export function checkMass(mass: number): void {
  if (!(mass > 0 && mass < 1)) throw new RangeError(`credibleMass must be in (0, 1), got ${mass}`);
}

function spread(p: Posterior): number {
  return p.quantile(0.75) - p.quantile(0.25);
}

/**
 * Every comparison is an expectation over one variant of a closed-form function of the other.
 * We integrate over the narrower posterior so the integrand stays smooth.
 */
function compare(
  postA: Posterior,
  postB: Posterior,
  model: AbTestResult['model'],
  parametersA: Record<string, number>,
  parametersB: Record<string, number>,
  opts: AbTestCommonOptions,
): AbTestResult {
  const { mass, higherIsBetter, tail } = resolveCommonOptions(opts);
  const overA = spread(postA) <= spread(postB);
  const rule: ExpectationRule = expectationRule(overA ? postA : postB);
  const lowerPartial = (post: Posterior, x: number): number =>
    x - post.mean + post.upperPartialExpectation(x);

  // P(B > A) and E[(B - A)⁺], E[(A - B)⁺]
  const probBGreater = overA
    ? expectation(rule, (a) => 1 - postB.cdf(a))
    : expectation(rule, (b) => postA.cdf(b));
  const bOverA = overA
    ? expectation(rule, (a) => postB.upperPartialExpectation(a))
    : expectation(rule, (b) => lowerPartial(postA, b));
  const aOverB = overA
    ? expectation(rule, (a) => lowerPartial(postB, a))
    : expectation(rule, (b) => postA.upperPartialExpectation(b));

  // CDF of D = B - A
  const differenceCdf = (d: number): number =>
    overA ? expectation(rule, (a) => postB.cdf(a + d)) : expectation(rule, (b) => 1 - postA.cdf(b - d));
  const diffGuessLo = postB.quantile(tail) - postA.quantile(1 - tail);
  const diffGuessHi = postB.quantile(1 - tail) - postA.quantile(tail);
  const difference = {
    mean: postB.mean - postA.mean,
    lower: solveIncreasing(differenceCdf, tail, diffGuessLo, diffGuessHi),
    upper: solveIncreasing(differenceCdf, 1 - tail, diffGuessLo, diffGuessHi),
  };

  return {
    model,
    credibleMass: mass,
    higherIsBetter,
    a: summarize(postA, parametersA, tail),
    b: summarize(postB, parametersB, tail),
    probabilityBBeatsA: clamp01(higherIsBetter ? probBGreater : 1 - probBGreater),
    expectedLoss: higherIsBetter
      ? { chooseA: bOverA, chooseB: aOverB }
      : { chooseA: aOverB, chooseB: bOverA },
    difference,
    relativeUplift: relativeUplift(postA, postB, rule, overA, tail),
  };
}

/** Options shared by every comparison, with their defaults, checked. */
export function resolveCommonOptions(opts: AbTestCommonOptions): {
  mass: number;
  higherIsBetter: boolean;
  /** Probability in each tail outside the credible interval. */
  tail: number;
} {
  const mass = opts.credibleMass ?? 0.95;
  checkMass(mass);
  return { mass, higherIsBetter: opts.higherIsBetter ?? true, tail: (1 - mass) / 2 };
}

export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

export function summarize(
  post: Posterior,
  parameters: Record<string, number>,
  tail: number,
): VariantPosteriorSummary {
  return {
    mean: post.mean,
    credibleInterval: { lower: post.quantile(tail), upper: post.quantile(1 - tail) },
    parameters,
  };
}

function relativeUplift(
  postA: Posterior,
  postB: Posterior,
  rule: ExpectationRule,
  overA: boolean,
  tail: number,
): AbTestResult['relativeUplift'] {
  // The ratio needs A > 0 almost surely; for scores that may be ≤ 0 we do not report it.
  if (postA.lowerBound < 0 && postA.cdf(0) > 1e-9) return null;
  // P(B/A ≤ r) = P(B ≤ rA) for A > 0.
  const ratioCdf = (r: number): number => {
    if (overA) return expectation(rule, (a) => postB.cdf(r * a));
    if (r === 0) return postB.cdf(0);
    return r > 0
      ? expectation(rule, (b) => 1 - postA.cdf(b / r))
      : expectation(rule, (b) => postA.cdf(b / r));
  };
  const guessLo = postB.quantile(tail) / postA.quantile(1 - tail);
  const guessHi = postB.quantile(1 - tail) / Math.max(postA.quantile(tail), Number.MIN_VALUE);
  const lo = Number.isFinite(guessLo) ? guessLo : 0;
  const hi = Number.isFinite(guessHi) ? Math.max(guessHi, lo + 1e-9) : lo + 1;
  return {
    median: solveIncreasing(ratioCdf, 0.5, lo, hi) - 1,
    lower: solveIncreasing(ratioCdf, tail, lo, hi) - 1,
    upper: solveIncreasing(ratioCdf, 1 - tail, lo, hi) - 1,
  };
}

export function checkBinary(name: string, v: BinaryOutcomes): void {
  if (!Number.isInteger(v.trials) || !Number.isInteger(v.successes) || v.trials < 0 || v.successes < 0) {
    throw new RangeError(`Variant ${name}: successes and trials must be non-negative integers`);
  }
  if (v.successes > v.trials) throw new RangeError(`Variant ${name}: successes exceed trials`);
}

/**
 * Bayesian A/B test for pass/fail outcomes: Beta-Binomial model, each rate's posterior is
 * Beta(α₀ + successes, β₀ + failures).
 */
export function abTestBinary(
  a: BinaryOutcomes,
  b: BinaryOutcomes,
  opts: AbTestBinaryOptions = {},
): AbTestResult {
  checkBinary('A', a);
  checkBinary('B', b);
  const prior = resolveBetaPrior(opts.prior);
  const postA = binaryPosterior(a, prior);
  const postB = binaryPosterior(b, prior);
  return compare(postA.posterior, postB.posterior, 'beta-binomial', postA.parameters, postB.parameters, opts);
}

/** A variant's posterior with the parameters reported for it. */
export interface ParameterizedPosterior {
  posterior: Posterior;
  parameters: Record<string, number>;
}

/** The Beta prior of the options (default Beta(1, 1)), checked. */
export function resolveBetaPrior(prior: AbTestBinaryOptions['prior']): { alpha: number; beta: number } {
  const resolved = prior ?? { alpha: 1, beta: 1 };
  if (!(resolved.alpha > 0 && resolved.beta > 0)) throw new RangeError('Beta prior parameters must be > 0');
  return resolved;
}

/** Beta(α₀ + successes, β₀ + failures), for counts already checked by `checkBinary`. */
export function binaryPosterior(
  v: BinaryOutcomes,
  prior: { alpha: number; beta: number },
): ParameterizedPosterior & { parameters: { alpha: number; beta: number } } {
  const parameters = { alpha: prior.alpha + v.successes, beta: prior.beta + v.trials - v.successes };
  return { posterior: betaPosterior(parameters.alpha, parameters.beta), parameters };
}

/** Mean and sample variance (n - 1), by Welford's method for numerical stability. */
export function summarizeScores(scores: readonly number[]): ScoreSummary {
  let mean = 0;
  let m2 = 0;
  scores.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`Score ${i} is not a finite number`);
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  });
  const count = scores.length;
  return { count, mean, variance: count > 1 ? m2 / (count - 1) : 0 };
}

/**
 * Student-t posterior of a variant's mean score. Throws a RangeError naming the variant when the
 * data cannot give one (fewer than 2 scores or zero variance without a prior).
 */
export function normalPosterior(
  name: string,
  s: ScoreSummary,
  prior: AbTestContinuousOptions['prior'],
): ParameterizedPosterior {
  const { count: n, mean, variance } = s;
  const sumSquares = variance * Math.max(n - 1, 0);
  let location: number;
  let scale2: number;
  let df: number;
  if (prior === undefined) {
    if (n < 2) throw new RangeError(`Variant ${name}: need at least 2 scores without an informative prior`);
    location = mean;
    df = n - 1;
    scale2 = variance / n;
  } else {
    if (!(prior.kappa > 0 && prior.alpha > 0 && prior.beta > 0)) {
      throw new RangeError('Normal-Inverse-Gamma prior needs kappa, alpha and beta > 0');
    }
    const kappaN = prior.kappa + n;
    const alphaN = prior.alpha + n / 2;
    const betaN = prior.beta + sumSquares / 2 + (prior.kappa * n * (mean - prior.mean) ** 2) / (2 * kappaN);
    location = (prior.kappa * prior.mean + n * mean) / kappaN;
    df = 2 * alphaN;
    scale2 = betaN / (alphaN * kappaN);
  }
  if (!(scale2 > 0))
    throw new RangeError(`Variant ${name}: scores have zero variance; the posterior is degenerate`);
  const scale = Math.sqrt(scale2);
  return { posterior: studentTPosterior(location, scale, df), parameters: { location, scale, df } };
}

/** Bayesian A/B test for continuous scores from summaries (count, mean, sample variance). */
export function abTestContinuousFromSummary(
  a: ScoreSummary,
  b: ScoreSummary,
  opts: AbTestContinuousOptions = {},
): AbTestResult {
  const postA = normalPosterior('A', a, opts.prior);
  const postB = normalPosterior('B', b, opts.prior);
  return compare(
    postA.posterior,
    postB.posterior,
    'normal-unknown-variance',
    postA.parameters,
    postB.parameters,
    opts,
  );
}

/**
 * Bayesian A/B test for continuous scores (BLEU, latency, cost): normal model with unknown
 * mean and variance; each mean's marginal posterior is a Student t.
 */
export function abTestContinuous(
  a: readonly number[],
  b: readonly number[],
  opts: AbTestContinuousOptions = {},
): AbTestResult {
  return abTestContinuousFromSummary(summarizeScores(a), summarizeScores(b), opts);
}

/** Equal-tailed credible interval of Beta(alpha, beta), the interval `abTestBinary` reports. */
export function betaCredibleInterval(alpha: number, beta: number, mass = 0.95): Interval {
  checkMass(mass);
  const post = betaPosterior(alpha, beta);
  const tail = (1 - mass) / 2;
  return { lower: post.quantile(tail), upper: post.quantile(1 - tail) };
}

/**
 * Equal-tailed credible interval for a normal mean with unknown variance under the reference
 * prior (the interval `abTestContinuous` reports without a prior): x̄ ± t·s/√n.
 */
export function normalMeanCredibleInterval(scores: readonly number[], mass = 0.95): Interval {
  checkMass(mass);
  const { posterior } = normalPosterior('scores', summarizeScores(scores), undefined);
  const tail = (1 - mass) / 2;
  return { lower: posterior.quantile(tail), upper: posterior.quantile(1 - tail) };
}
