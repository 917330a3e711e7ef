import { scoreKeys, type Evaluation, type Evaluator, type EvaluatorType } from '@promptops/contracts';
import { formatUsd } from '../providers/model-catalog';
import { formatDuration } from '../playground/run-format';

/** What one score key measures: the evaluator type that writes it, and which way is better. */
export interface MetricInfo {
  key: string;
  type: EvaluatorType | null;
  lowerIsBetter: boolean;
}

/** Types whose score falls as quality rises (the contract's probabilityBetter reads them the same way). */
const LOWER_IS_BETTER: ReadonlySet<EvaluatorType> = new Set(['ter', 'latency', 'cost']);
/** Scores on a 0–100 scale (sacrebleu). */
const PERCENT_SCALE: ReadonlySet<EvaluatorType> = new Set(['bleu', 'chrf', 'ter']);

/**
 * The score keys of an evaluation in the order its evaluators were given, then any other key
 * the summary carries (an evaluator added by a newer server, say).
 */
export function metricInfos(
  evaluators: readonly Evaluator[],
  summary: Evaluation['summary'] = [],
): MetricInfo[] {
  const infos: MetricInfo[] = [];
  const seen = new Set<string>();
  for (const evaluator of evaluators)
    for (const key of scoreKeys(evaluator)) {
      if (seen.has(key)) continue;
      seen.add(key);
      infos.push({ key, type: evaluator.type, lowerIsBetter: LOWER_IS_BETTER.has(evaluator.type) });
    }
  for (const variant of summary)
    for (const key of Object.keys(variant.metrics)) {
      if (seen.has(key)) continue;
      seen.add(key);
      infos.push({ key, type: null, lowerIsBetter: false });
    }
  return infos;
}

/** A score as people read it: milliseconds, dollars, 0–100 with one decimal, else three decimals. */
export function formatScore(info: Pick<MetricInfo, 'type'>, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (info.type) {
    case 'latency':
      return formatDuration(value);
    case 'cost':
      return formatUsd(String(value));
    default:
      if (info.type !== null && PERCENT_SCALE.has(info.type)) return value.toFixed(1);
      return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3);
  }
}

/** A difference with its sign: "+0.042", "−3.1", "+120 ms". */
export function formatDelta(info: Pick<MetricInfo, 'type'>, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${formatScore(info, Math.abs(value))}`;
}

export function formatInterval(info: Pick<MetricInfo, 'type'>, [lo, hi]: readonly [number, number]): string {
  return `[${formatScore(info, lo)}, ${formatScore(info, hi)}]`;
}

/** "97 %", "< 1 %", "> 99 %": extreme probabilities are never shown as certain. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.01) return '< 1 %';
  if (p > 0.99) return '> 99 %';
  return `${Math.round(p * 100)} %`;
}

/** The half-width of an interval, for "0.812 ± 0.031". */
export function halfWidth([lo, hi]: readonly [number, number]): number {
  return (hi - lo) / 2;
}

export type Verdict = 'better' | 'worse' | 'unclear';

/** A comparison's reading: better or worse than the baseline with 95 % posterior probability. */
export function verdict(probabilityBetter: number): Verdict {
  if (probabilityBetter >= 0.95) return 'better';
  if (probabilityBetter <= 0.05) return 'worse';
  return 'unclear';
}

/**
 * The variants with the best mean per metric (several on a tie). Nothing is "best" when only
 * one variant has the metric or all have the same mean.
 */
export function bestVariants(
  summary: Evaluation['summary'],
  infos: readonly MetricInfo[],
): Map<string, Set<number>> {
  const best = new Map<string, Set<number>>();
  for (const info of infos) {
    const scored = summary.filter((s) => s.metrics[info.key] !== undefined && s.metrics[info.key]!.n > 0);
    if (scored.length < 2) continue;
    const means = scored.map((s) => s.metrics[info.key]!.mean);
    const target = info.lowerIsBetter ? Math.min(...means) : Math.max(...means);
    const winners = scored.filter((s) => s.metrics[info.key]!.mean === target).map((s) => s.variant);
    // All equal: nobody is best.
    if (winners.length < scored.length) best.set(info.key, new Set(winners));
  }
  return best;
}

/** A signed change made "positive = better" for the metric, so regressions sort first. */
export function improvement(info: Pick<MetricInfo, 'lowerIsBetter'>, delta: number): number {
  return info.lowerIsBetter ? -delta : delta;
}

/** done/total as a whole percent for the progress bar; 0 for an empty evaluation. */
export function progressPercent(progress: { done: number; failed: number; total: number }): number {
  if (progress.total <= 0) return 0;
  return Math.min(100, (progress.done / progress.total) * 100);
}
