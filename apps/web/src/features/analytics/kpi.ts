import type { AnalyticsTotals, RegressionMetric } from '@promptops/contracts';
import { formatRate } from '../orgs/overview-api';
import { formatDuration } from '../playground/run-format';

/** Which way a figure should move: up is good (quality), down is good (cost), or neither (runs). */
export type Direction = 'up-is-good' | 'down-is-good' | 'neutral';

export interface Change {
  /** "▲ 12 %", "▼ 0.8 pp", "new", "no change". */
  text: string;
  tone: 'good' | 'bad' | 'neutral';
}

function tone(delta: number, direction: Direction): Change['tone'] {
  if (direction === 'neutral' || delta === 0) return 'neutral';
  return delta > 0 === (direction === 'up-is-good') ? 'good' : 'bad';
}

function percent(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 10) return Math.round(abs).toLocaleString('en-US');
  return String(Number(abs.toFixed(1)));
}

/**
 * The change of a figure against the period before, in percent of the earlier value. Null when
 * either period has no value (no latency without runs); "new" when it grew from zero.
 */
export function relativeChange(
  current: number | null,
  previous: number | null,
  direction: Direction,
): Change | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous))
    return null;
  if (previous === 0) {
    if (current === 0) return { text: 'no change', tone: 'neutral' };
    return { text: 'new', tone: 'neutral' };
  }
  const ratio = ((current - previous) / Math.abs(previous)) * 100;
  // Below what one decimal shows, it is no change.
  if (Math.abs(ratio) < 0.05) return { text: 'no change', tone: 'neutral' };
  return { text: `${ratio > 0 ? '▲' : '▼'} ${percent(ratio)} %`, tone: tone(ratio, direction) };
}

/**
 * The change of a rate in percentage points: an error rate going from 1 % to 2 % is "▲ 1 pp",
 * which reads better than "▲ 100 %".
 */
export function pointChange(current: number, previous: number, direction: Direction): Change {
  const points = (current - previous) * 100;
  if (Math.abs(points) < 0.05) return { text: 'no change', tone: 'neutral' };
  return { text: `${points > 0 ? '▲' : '▼'} ${percent(points)} pp`, tone: tone(points, direction) };
}

export type KpiKey = 'runs' | 'cost' | 'latency' | 'errors' | 'quality';

export interface Kpi {
  key: KpiKey;
  label: string;
  /** Formatted for display; cost stays a decimal string (rendered exactly by <Usd>). */
  value: string;
  /** A second line under the value. */
  note: string | null;
  change: Change | null;
}

/** The figure of a score: three significant decimals under 100 (0–1 scores), one above (BLEU). */
export function formatQuality(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return '—';
  return Math.abs(score) >= 100 ? score.toFixed(1) : score.toFixed(3);
}

/** Score keys where a smaller value is better (the evaluators' own keys: TER, latency, cost). */
const LOWER_IS_BETTER_SCORES: ReadonlySet<string> = new Set(['ter', 'latency_ms', 'cost_usd']);

export function scoreDirection(scoreKey: string | null): Direction {
  return scoreKey !== null && LOWER_IS_BETTER_SCORES.has(scoreKey) ? 'down-is-good' : 'up-is-good';
}

/** The five headline figures of a period with their change against the period before. */
export function buildKpis(
  current: AnalyticsTotals,
  previous: AnalyticsTotals,
  scoreKey: string | null,
): Kpi[] {
  const hadRuns = previous.executions > 0;
  return [
    {
      key: 'runs',
      label: 'Runs',
      value: current.executions.toLocaleString('en-US'),
      note: current.failed > 0 ? `${current.failed.toLocaleString('en-US')} failed` : null,
      change: relativeChange(current.executions, previous.executions, 'neutral'),
    },
    {
      key: 'cost',
      label: 'Cost',
      value: current.costUsd,
      note:
        current.executions > 0
          ? `${(current.inputTokens + current.outputTokens).toLocaleString('en-US')} tokens`
          : null,
      change: relativeChange(Number(current.costUsd), Number(previous.costUsd), 'down-is-good'),
    },
    {
      key: 'latency',
      label: 'p95 latency',
      value: formatDuration(current.latencyMs.p95),
      note: current.latencyMs.p50 !== null ? `p50 ${formatDuration(current.latencyMs.p50)}` : null,
      change: relativeChange(current.latencyMs.p95, previous.latencyMs.p95, 'down-is-good'),
    },
    {
      key: 'errors',
      label: 'Error rate',
      value: current.executions > 0 ? formatRate(current.errorRate) : '—',
      note: null,
      change:
        current.executions > 0 && hadRuns
          ? pointChange(current.errorRate, previous.errorRate, 'down-is-good')
          : null,
    },
    {
      key: 'quality',
      label: 'Quality',
      value: formatQuality(current.evaluationScore),
      note: scoreKey ? `mean ${scoreKey}` : 'no evaluation scores',
      change: relativeChange(current.evaluationScore, previous.evaluationScore, scoreDirection(scoreKey)),
    },
  ];
}

export const REGRESSION_METRIC_LABELS: Record<RegressionMetric, string> = {
  failure_rate: 'Failure rate',
  latency_p95: 'p95 latency',
  evaluation_score: 'Evaluation score',
};

/** A regression's figure in its metric's unit: a rate, a duration or a score. */
export function formatRegressionValue(metric: RegressionMetric, value: number): string {
  switch (metric) {
    case 'failure_rate':
      return formatRate(value);
    case 'latency_p95':
      return formatDuration(value);
    case 'evaluation_score':
      return formatQuality(value);
  }
}
