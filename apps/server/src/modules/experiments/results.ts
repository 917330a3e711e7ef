import type { ExperimentMetric, ExperimentResults, Posterior, VariantResult } from '@promptops/contracts';
import {
  betaCredibleInterval,
  compareVariantsBinary,
  compareVariantsContinuous,
  posteriorCurve,
  studentTQuantile,
} from '@promptops/metrics';

/** P(best) a variant needs before it can be declared the winner. */
export const WINNER_PROBABILITY = 0.95;
const CURVE_POINTS = 101;

export interface VariantData {
  name: string;
  version: number;
  subjects: number;
  n: number;
  /** Sum of the outcomes (binary: successes). */
  sum: number;
  mean: number;
  /** Sample variance (n − 1); 0 below two outcomes. */
  variance: number;
}

export interface DecisionRule {
  metric: ExperimentMetric;
  minSamples: number;
  maxExpectedLoss: number;
}

const percent = (p: number) => `${(p * 100).toFixed(1)} %`;
const fmt = (x: number) => (Math.abs(x) >= 1000 || x === 0 ? x.toFixed(0) : x.toPrecision(3));

/**
 * Per-variant posteriors and the decision. Binary metrics: Beta(1, 1) prior, so a rate's
 * posterior is Beta(1 + successes, 1 + failures). Continuous metrics: a normal model with unknown
 * variance under the reference prior (the mean's posterior is Student t with n − 1 degrees of
 * freedom around the sample mean); a variant needs two outcomes that differ before it has one.
 * P(best) and expected loss come from one-dimensional integration, not sampling.
 */
export function experimentResults(
  rule: DecisionRule,
  data: VariantData[],
): Pick<ExperimentResults, 'variants' | 'decision'> {
  const higherIsBetter = rule.metric.higherIsBetter;
  const noPosterior = (v: VariantData): string | null => {
    if (rule.metric.kind === 'binary') return null;
    // Two outcomes give a t posterior with one degree of freedom, which has no mean.
    if (v.n < 3) return 'A continuous metric needs at least three outcomes';
    if (!(v.variance > 0)) return 'All outcomes are equal: the spread of the mean is unknown';
    return null;
  };
  const missing = data.map(noPosterior);
  const comparable = missing.every((m) => m === null);
  const compared = comparable
    ? rule.metric.kind === 'binary'
      ? compareVariantsBinary(
          data.map((v) => ({ successes: Math.round(v.sum), trials: v.n })),
          { higherIsBetter },
        )
      : compareVariantsContinuous(
          data.map((v) => ({ count: v.n, mean: v.mean, variance: v.variance })),
          { higherIsBetter },
        )
    : null;

  const variants: VariantResult[] = data.map((v, i) => {
    const base = {
      name: v.name,
      version: v.version,
      subjects: v.subjects,
      n: v.n,
      mean: v.n > 0 ? v.mean : null,
    };
    const posterior = posteriorOf(rule.metric, v, missing[i] ?? null);
    const c = compared?.variants[i];
    return {
      ...base,
      posterior,
      ci95: intervalOf(posterior),
      probabilityBest: c ? c.probabilityBest : null,
      expectedLoss: c && Number.isFinite(c.expectedLoss) ? c.expectedLoss : null,
      curve: curveOf(posterior),
    };
  });
  return { variants, decision: decide(rule, variants, missing) };
}

function posteriorOf(metric: ExperimentMetric, v: VariantData, missing: string | null): Posterior {
  if (metric.kind === 'binary') return { kind: 'beta', alpha: 1 + v.sum, beta: 1 + v.n - v.sum };
  if (missing !== null) return { kind: 'none', reason: missing };
  return { kind: 'student-t', location: v.mean, scale: Math.sqrt(v.variance / v.n), df: v.n - 1 };
}

function curveOf(posterior: Posterior): VariantResult['curve'] {
  if (posterior.kind === 'beta')
    return posteriorCurve('beta-binomial', { alpha: posterior.alpha, beta: posterior.beta }, CURVE_POINTS);
  if (posterior.kind === 'student-t')
    return posteriorCurve(
      'normal-unknown-variance',
      { location: posterior.location, scale: posterior.scale, df: posterior.df },
      CURVE_POINTS,
    );
  return [];
}

/** The central 95 % interval of the variant's own posterior. */
function intervalOf(posterior: Posterior): [number, number] | null {
  if (posterior.kind === 'beta') {
    const ci = betaCredibleInterval(posterior.alpha, posterior.beta, 0.95);
    return [ci.lower, ci.upper];
  }
  if (posterior.kind === 'student-t') {
    const half = posterior.scale * studentTQuantile(0.975, posterior.df);
    return [posterior.location - half, posterior.location + half];
  }
  return null;
}

function decide(
  rule: DecisionRule,
  variants: VariantResult[],
  missing: (string | null)[],
): ExperimentResults['decision'] {
  const short = variants.filter((v) => v.n < rule.minSamples);
  if (short.length > 0) {
    const list = short.map((v) => `${v.name} has ${v.n}`).join(', ');
    return {
      winner: null,
      state: 'collecting',
      reason: `Collecting outcomes: each variant needs ${rule.minSamples} before a winner can be declared (${list}).`,
    };
  }
  const blocked = variants.findIndex((_, i) => missing[i] !== null);
  if (blocked !== -1)
    return {
      winner: null,
      state: 'collecting',
      reason: `Collecting outcomes: ${variants[blocked]!.name} has no posterior yet (${missing[blocked]}).`,
    };
  const best = variants.reduce((a, b) => ((b.probabilityBest ?? 0) > (a.probabilityBest ?? 0) ? b : a));
  const p = best.probabilityBest ?? 0;
  const loss = best.expectedLoss ?? Infinity;
  if (p >= WINNER_PROBABILITY && loss <= rule.maxExpectedLoss)
    return {
      winner: best.name,
      state: 'winner',
      reason: `${best.name} is best with probability ${percent(p)} (≥ ${percent(WINNER_PROBABILITY)}) and its expected loss ${fmt(loss)} is within the accepted ${fmt(rule.maxExpectedLoss)}.`,
    };
  if (p < WINNER_PROBABILITY)
    return {
      winner: null,
      state: 'undecided',
      reason: `No variant is best with probability ≥ ${percent(WINNER_PROBABILITY)} yet: the leader, ${best.name}, is at ${percent(p)}.`,
    };
  return {
    winner: null,
    state: 'undecided',
    reason: `${best.name} leads with probability ${percent(p)}, but its expected loss ${fmt(loss)} is above the accepted ${fmt(rule.maxExpectedLoss)}: more outcomes are needed.`,
  };
}
