import type { Evaluator } from '@promptops/contracts';
import {
  abTestContinuous,
  corpusBleu,
  corpusChrf,
  corpusTer,
  normalMeanCredibleInterval,
  studentTCdf,
  studentTQuantile,
  summarizeScores,
  type ScoreSummary,
} from '@promptops/metrics';
import { scoreKeys } from '@promptops/contracts';
import { addDecimals } from '../../platform/decimal.js';

export interface ScoredResult {
  itemId: string;
  repetition: number;
  output: string | null;
  scores: Record<string, number>;
  latencyMs: number | null;
  costUsd: string;
  error: string | null;
}

export interface MetricSummary {
  mean: number;
  ci95: [number, number];
  n: number;
  corpus?: number;
  itemStd?: number;
}

export interface VariantSummary {
  variant: number;
  metrics: Record<string, MetricSummary>;
  latencyMs: { p50: number | null; p95: number | null };
  costUsd: string;
  failed: number;
}

export interface Comparison {
  metric: string;
  variant: number;
  baseline: 0;
  meanDifference: number;
  ci95: [number, number];
  probabilityBetter: number;
}

/** Linear interpolation between closest ranks (numpy's default percentile). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Mean of each item's scores over its repetitions, by score key (items in result order). */
function itemMeans(results: readonly ScoredResult[]): Map<string, Map<string, number[]>> {
  const byKey = new Map<string, Map<string, number[]>>();
  for (const r of results) {
    for (const [key, value] of Object.entries(r.scores)) {
      let items = byKey.get(key);
      if (!items) byKey.set(key, (items = new Map()));
      const values = items.get(r.itemId);
      if (values) values.push(value);
      else items.set(r.itemId, [value]);
    }
  }
  return byKey;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The 95 % interval of the mean over items: Student's t on the item means (the reference-prior
 * posterior of `@promptops/metrics`, which equals the classical t interval). One item, or items
 * that all score the same, give a zero-width interval.
 */
function interval(values: readonly number[]): [number, number] {
  const m = mean(values);
  if (values.length < 2 || summarizeScores(values).variance === 0) return [m, m];
  const ci = normalMeanCredibleInterval(values, 0.95);
  return [ci.lower, ci.upper];
}

const CORPUS: Partial<Record<Evaluator['type'], (hyps: string[], refs: string[][]) => number>> = {
  bleu: (h, r) => corpusBleu(h, r).score,
  chrf: (h, r) => corpusChrf(h, r).score,
  ter: (h, r) => corpusTer(h, r).score,
};

export function summarizeVariant(
  variant: number,
  results: readonly ScoredResult[],
  evaluators: readonly Evaluator[],
  expected: ReadonlyMap<string, string | null>,
): VariantSummary {
  const metrics: Record<string, MetricSummary> = {};
  const perItem = itemMeans(results);
  for (const [key, items] of perItem) {
    const means = [...items.values()].map(mean);
    const repeated = [...items.values()].filter((v) => v.length > 1);
    const summary: MetricSummary = {
      mean: mean(means),
      ci95: interval(means),
      n: [...items.values()].reduce((n, v) => n + v.length, 0),
    };
    if (repeated.length > 0)
      summary.itemStd = mean(repeated.map((v) => Math.sqrt(summarizeScores(v).variance)));
    metrics[key] = summary;
  }
  for (const e of evaluators) {
    const corpus = CORPUS[e.type];
    const key = scoreKeys(e)[0]!;
    if (!corpus || !metrics[key]) continue;
    const hyps: string[] = [];
    const refs: string[] = [];
    for (const r of results) {
      const ref = expected.get(r.itemId);
      if (r.output === null || r.error !== null || !ref) continue;
      hyps.push(r.output);
      refs.push(ref);
    }
    if (hyps.length > 0) metrics[key].corpus = corpus(hyps, [refs]);
  }
  const latencies = results
    .filter((r) => r.error === null && r.latencyMs !== null)
    .map((r) => r.latencyMs!)
    .sort((a, b) => a - b);
  return {
    variant,
    metrics,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    costUsd: addDecimals('0', ...results.map((r) => r.costUsd)),
    failed: results.filter((r) => r.error !== null).length,
  };
}

/**
 * When one side scores the same on every item, only the other side's mean is uncertain: the
 * difference has that side's t posterior, shifted by the constant. Both constant: a sure answer.
 */
function oneSidedComparison(
  metric: string,
  variant: number,
  difference: number,
  varying: ScoreSummary,
  higherIsBetter: boolean,
): Comparison {
  const base = { metric, variant, baseline: 0 as const, meanDifference: difference };
  if (varying.variance === 0) {
    const better = higherIsBetter ? difference > 0 : difference < 0;
    return {
      ...base,
      ci95: [difference, difference],
      probabilityBetter: difference === 0 ? 0.5 : better ? 1 : 0,
    };
  }
  const df = varying.count - 1;
  const scale = Math.sqrt(varying.variance / varying.count);
  const q = studentTQuantile(0.975, df) * scale;
  const pAboveZero = 1 - studentTCdf(-difference / scale, df);
  return {
    ...base,
    ci95: [difference - q, difference + q],
    probabilityBetter: higherIsBetter ? pAboveZero : 1 - pAboveZero,
  };
}

/**
 * Each variant against the baseline (variant 0), per score key, on the item means: the posterior
 * of the difference of means (normal model with unknown variance, reference prior) and the
 * probability that the variant is better. Needs two items with a score on both sides.
 */
export function compareVariants(
  byVariant: readonly (readonly ScoredResult[])[],
  lowerIsBetter: ReadonlySet<string>,
): Comparison[] {
  const baseline = byVariant[0] ? itemMeans(byVariant[0]) : new Map<string, Map<string, number[]>>();
  const out: Comparison[] = [];
  for (let v = 1; v < byVariant.length; v++) {
    const other = itemMeans(byVariant[v]!);
    for (const [key, baseItems] of baseline) {
      const items = other.get(key);
      if (!items) continue;
      const a = [...baseItems.values()].map(mean);
      const b = [...items.values()].map(mean);
      if (a.length < 2 || b.length < 2) continue;
      const higherIsBetter = !lowerIsBetter.has(key);
      const difference = mean(b) - mean(a);
      const sa = summarizeScores(a);
      const sb = summarizeScores(b);
      if (sa.variance === 0 || sb.variance === 0) {
        out.push(oneSidedComparison(key, v, difference, sa.variance === 0 ? sb : sa, higherIsBetter));
        continue;
      }
      const test = abTestContinuous(a, b, { higherIsBetter });
      out.push({
        metric: key,
        variant: v,
        baseline: 0,
        meanDifference: test.difference.mean,
        ci95: [test.difference.lower, test.difference.upper],
        probabilityBetter: test.probabilityBBeatsA,
      });
    }
  }
  return out;
}
