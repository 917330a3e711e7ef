import {
  binaryPosterior,
  checkBinary,
  clamp01,
  normalPosterior,
  resolveBetaPrior,
  resolveCommonOptions,
  summarize,
  type AbTestBinaryOptions,
  type AbTestCommonOptions,
  type AbTestContinuousOptions,
  type AbTestResult,
  type BinaryOutcomes,
  type ParameterizedPosterior,
  type ScoreSummary,
  type VariantPosteriorSummary,
} from './ab-test.js';
import {
  extremeOfPosteriors,
  LINEAR_SCALE,
  LOGIT_SCALE,
  type IntegrationScale,
  type IntegrationVariant,
} from './order-statistics.js';
import { betaPosterior, logitBetaDistribution, studentTPosterior, type Posterior } from './posterior.js';

export type PosteriorModel = AbTestResult['model'];

/** The comparison supports this many variants; the work grows with the square of the count. */
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 8;

export interface VariantComparison extends VariantPosteriorSummary {
  /** P(this variant is the best of all), by numerical integration (not sampling). */
  probabilityBest: number;
  /**
   * Expected shortfall, in the metric's units, of choosing this variant: E[max_j θ_j - θ]
   * (higher is better) or E[θ - min_j θ_j]. Infinity when a posterior has no finite mean
   * (Student t with ≤ 1 degree of freedom: 2 scores and no prior).
   */
  expectedLoss: number;
}

export interface MultiVariantResult {
  model: PosteriorModel;
  credibleMass: number;
  higherIsBetter: boolean;
  /** In the order of the input. */
  variants: VariantComparison[];
}

function checkVariantCount(count: number): void {
  if (!(count >= MIN_VARIANTS && count <= MAX_VARIANTS)) {
    throw new RangeError(`Need ${MIN_VARIANTS} to ${MAX_VARIANTS} variants, got ${count}`);
  }
}

function compareAll(
  model: PosteriorModel,
  variants: ReadonlyArray<ParameterizedPosterior & IntegrationVariant>,
  scale: IntegrationScale,
  opts: AbTestCommonOptions,
): MultiVariantResult {
  const { mass, higherIsBetter, tail } = resolveCommonOptions(opts);
  const { probabilityExtreme, expectedExtreme } = extremeOfPosteriors(variants, scale, higherIsBetter);
  return {
    model,
    credibleMass: mass,
    higherIsBetter,
    variants: variants.map(({ posterior, parameters }, i) => {
      const shortfall = higherIsBetter ? expectedExtreme - posterior.mean : posterior.mean - expectedExtreme;
      return {
        ...summarize(posterior, parameters, tail),
        probabilityBest: clamp01(probabilityExtreme[i]!),
        // Rounding can leave a loss of -1e-17 for a variant that is surely best.
        expectedLoss: Number.isFinite(shortfall) ? Math.max(0, shortfall) : Infinity,
      };
    }),
  };
}

/**
 * Bayesian comparison of 2 to 8 variants with pass/fail outcomes (Beta-Binomial model): each
 * variant's chance of having the best rate and the expected loss of choosing it. For two
 * variants it agrees with `abTestBinary`.
 */
export function compareVariantsBinary(
  variants: readonly BinaryOutcomes[],
  opts: AbTestBinaryOptions = {},
): MultiVariantResult {
  checkVariantCount(variants.length);
  variants.forEach((v, i) => checkBinary(`at index ${i}`, v));
  const prior = resolveBetaPrior(opts.prior);
  const posteriors = variants.map((v) => {
    const parameterized = binaryPosterior(v, prior);
    const { alpha, beta } = parameterized.parameters;
    return { ...parameterized, alongY: logitBetaDistribution(alpha, beta) };
  });
  return compareAll('beta-binomial', posteriors, LOGIT_SCALE, opts);
}

/**
 * Bayesian comparison of 2 to 8 variants with continuous scores, from their summaries (normal
 * model with unknown variance, Student-t posteriors of the means). Without a prior each variant
 * needs at least 2 scores and non-zero variance; otherwise a RangeError names the variant's
 * index. For two variants it agrees with `abTestContinuousFromSummary`.
 */
export function compareVariantsContinuous(
  variants: readonly ScoreSummary[],
  opts: AbTestContinuousOptions = {},
): MultiVariantResult {
  checkVariantCount(variants.length);
  const posteriors = variants.map((v, i) => {
    const parameterized = normalPosterior(`at index ${i}`, v, opts.prior);
    return { ...parameterized, alongY: parameterized.posterior };
  });
  return compareAll('normal-unknown-variance', posteriors, LINEAR_SCALE, opts);
}

function posteriorOf(model: PosteriorModel, parameters: Readonly<Record<string, number>>): Posterior {
  switch (model) {
    case 'beta-binomial': {
      const { alpha = NaN, beta = NaN } = parameters;
      if (!(alpha > 0 && beta > 0)) throw new RangeError('A Beta posterior needs alpha and beta > 0');
      return betaPosterior(alpha, beta);
    }
    case 'normal-unknown-variance': {
      const { location = NaN, scale = NaN, df = NaN } = parameters;
      if (!(Number.isFinite(location) && scale > 0 && df > 0)) {
        throw new RangeError('A Student t posterior needs a finite location, scale > 0 and df > 0');
      }
      return studentTPosterior(location, scale, df);
    }
  }
}

export interface PosteriorCurvePoint {
  x: number;
  density: number;
}

/**
 * Points to draw a variant's posterior density: `points` evenly spaced values over its central
 * 99.9 %, for the `model` and `parameters` a comparison reports.
 */
export function posteriorCurve(
  model: PosteriorModel,
  parameters: Readonly<Record<string, number>>,
  points = 101,
): PosteriorCurvePoint[] {
  if (!(Number.isInteger(points) && points >= 2)) {
    throw new RangeError(`points must be an integer >= 2, got ${points}`);
  }
  const posterior = posteriorOf(model, parameters);
  const lower = posterior.quantile(0.0005);
  const upper = posterior.quantile(0.9995);
  return Array.from({ length: points }, (_, i) => {
    const x = lower + ((upper - lower) * i) / (points - 1);
    return { x, density: posterior.pdf(x) };
  });
}
