import {
  ANALYTICS_MAX_RANGE_DAYS,
  type Analytics,
  type AnalyticsPoint,
  type AnalyticsQuery,
  type AnalyticsTotals,
  type EvaluationVariant,
  type RegressionList,
  type RegressionListQuery,
  type VariantSummary,
} from '@promptops/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import { validationFailed } from '../../platform/errors.js';
import { csvCell } from '../audit/audit.service.js';
import * as repo from './analytics.repository.js';
import { OTHER_KEY, type GroupBy, type RollupFilter, type RollupSums } from './analytics.repository.js';
import { HISTOGRAM_SIZE, histogramPercentile } from './latency-histogram.js';
import { listAlerts } from './regressions.repository.js';
import { toRegression } from './regressions.service.js';

type Query = z.output<typeof AnalyticsQuery>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Series shown at most; the least-run ones past it are summed into one OTHER_KEY series. */
export const MAX_SERIES = 20;
/** Open regression alerts the dashboard lists at most. */
const REGRESSIONS_SHOWN = 50;

export interface Range {
  from: Date;
  to: Date;
  /** Start of the period of equal length just before `from`. */
  previousFrom: Date;
  stepMs: number;
}

/** The range rounded out to whole intervals, checked against the per-interval limit. */
export function resolveRange(q: Pick<Query, 'from' | 'to' | 'interval'>): Range {
  const stepMs = q.interval === 'hour' ? HOUR_MS : DAY_MS;
  const rawFrom = Date.parse(q.from);
  const rawTo = Date.parse(q.to);
  if (rawFrom >= rawTo) throw validationFailed([{ path: 'query.to', message: 'Must be after from' }]);
  const from = Math.floor(rawFrom / stepMs) * stepMs;
  const to = Math.ceil(rawTo / stepMs) * stepMs;
  const maxDays = ANALYTICS_MAX_RANGE_DAYS[q.interval];
  if (to - from > maxDays * DAY_MS)
    throw validationFailed([
      {
        path: 'query.to',
        message: `At most ${maxDays} days after from with interval=${q.interval} (use interval=day for longer ranges)`,
      },
    ]);
  return {
    from: new Date(from),
    to: new Date(to),
    previousFrom: new Date(from - (to - from)),
    stepMs,
  };
}

function filterOf(q: Query): RollupFilter {
  if (q.promptVersion !== undefined && q.promptName === undefined)
    throw validationFailed([{ path: 'query.promptVersion', message: 'Needs promptName' }]);
  return { promptName: q.promptName, promptVersion: q.promptVersion, modelId: q.modelId, source: q.source };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const EMPTY: RollupSums = {
  executions: 0,
  failed: 0,
  cancelled: 0,
  interrupted: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: '0',
  latencyMsSum: 0,
  buckets: new Array<number>(HISTOGRAM_SIZE).fill(0),
};

function toPoint(t: Date, s: RollupSums, score: number | null): AnalyticsPoint {
  return {
    t: t.toISOString(),
    executions: s.executions,
    failed: s.failed,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    costUsd: normalizeDecimal(s.costUsd),
    latencyMs: { p50: histogramPercentile(s.buckets, 50), p95: histogramPercentile(s.buckets, 95) },
    evaluationScore: score,
  };
}

function toTotals(s: RollupSums, score: number | null): AnalyticsTotals {
  return {
    executions: s.executions,
    failed: s.failed,
    cancelled: s.cancelled,
    interrupted: s.interrupted,
    errorRate: s.executions === 0 ? 0 : s.failed / s.executions,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    costUsd: normalizeDecimal(s.costUsd),
    latencyMs: {
      p50: histogramPercentile(s.buckets, 50),
      p95: histogramPercentile(s.buckets, 95),
      mean: s.executions === 0 ? null : round2(s.latencyMsSum / s.executions),
    },
    evaluationScore: score,
  };
}

function labelOf(groupBy: GroupBy | null, key: string, names: string | null, seriesCount: number): string {
  if (key === OTHER_KEY) return `Other (${seriesCount - (MAX_SERIES - 1)} more)`;
  if (groupBy === null) return 'All runs';
  if (groupBy === 'model') return names ?? key;
  if (key === '') return '(no prompt)';
  if (groupBy === 'prompt') return key;
  const at = key.lastIndexOf('@');
  const version = key.slice(at + 1);
  // Drafts run without a version: the rollups count them as version 0.
  return version === '0' ? `${key.slice(0, at)} (drafts)` : `${key.slice(0, at)} v${version}`;
}

/** The series key an evaluation variant's scores belong to (as the rollups' keys are built). */
function variantKey(groupBy: GroupBy | null, v: EvaluationVariant): string {
  switch (groupBy) {
    case null:
      return 'all';
    case 'prompt':
      return v.prompt.name;
    case 'model':
      return v.modelId;
    case 'version':
      return `${v.prompt.name}@${v.prompt.version}`;
  }
}

/** A mean of means weighted by their counts: Σ mean·n / Σ n (null without any). */
class WeightedMean {
  private weighted = 0;
  private n = 0;
  add(mean: number, n: number) {
    this.weighted += mean * n;
    this.n += n;
  }
  get value(): number | null {
    return this.n > 0 ? this.weighted / this.n : null;
  }
}

/** Evaluation scores of the range, of each series and of each of its points, and of the period before. */
class Scores {
  readonly total = new WeightedMean();
  readonly previous = new WeightedMean();
  private readonly series = new Map<string, { total: WeightedMean; points: Map<number, WeightedMean> }>();
  add(key: string, t: number, mean: number, n: number) {
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { total: new WeightedMean(), points: new Map() }));
    s.total.add(mean, n);
    let point = s.points.get(t);
    if (!point) s.points.set(t, (point = new WeightedMean()));
    point.add(mean, n);
  }
  ofSeries(key: string): number | null {
    return this.series.get(key)?.total.value ?? null;
  }
  ofPoint(key: string, t: number): number | null {
    return this.series.get(key)?.points.get(t)?.value ?? null;
  }
}

interface ScoredVariant {
  finishedAt: Date;
  variant: EvaluationVariant;
  metrics: z.infer<typeof VariantSummary>['metrics'];
}

/** Each variant of the evaluations that passes the query's prompt, version and model filters. */
function variantsInView(evaluations: repo.FinishedEvaluationRow[], q: Query): ScoredVariant[] {
  const out: ScoredVariant[] = [];
  for (const e of evaluations) {
    const variants = e.variants as unknown as EvaluationVariant[];
    for (const s of e.summary as unknown as z.infer<typeof VariantSummary>[]) {
      const variant = variants[s.variant];
      if (!variant) continue;
      if (q.promptName !== undefined && variant.prompt.name !== q.promptName) continue;
      if (q.promptVersion !== undefined && variant.prompt.version !== q.promptVersion) continue;
      if (q.modelId !== undefined && variant.modelId !== q.modelId) continue;
      out.push({ finishedAt: e.finishedAt, variant, metrics: s.metrics });
    }
  }
  return out;
}

/** Score keys of the variants, the key more evaluations have first (then by name). */
function scoreKeysOf(scored: ScoredVariant[]): string[] {
  const counts = new Map<string, number>();
  for (const s of scored)
    for (const [key, m] of Object.entries(s.metrics))
      if (m.n > 0) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
}

/**
 * The dashboard: per series and interval, finished runs, failures, tokens, exact cost and
 * latency percentiles from the hourly rollups, and the mean evaluation score of evaluations that
 * finished in each interval; totals for the range and for the period of equal length before it.
 */
export async function getAnalytics(app: AppContext, ctx: OrgContext, q: Query): Promise<Analytics> {
  const range = resolveRange(q);
  const filter = filterOf(q);
  const groupBy = q.groupBy ?? null;
  // Evaluation runs have source `evaluation`: another source shows traffic without scores.
  const withScores = q.source === undefined || q.source === 'evaluation';
  const [rows, previous, evaluations, alerts] = await Promise.all([
    repo.seriesSums(
      app.db,
      ctx.orgId,
      { from: range.from, to: range.to, interval: q.interval, groupBy, filter },
      MAX_SERIES,
    ),
    repo.periodSums(app.db, ctx.orgId, { from: range.previousFrom, to: range.from, filter }),
    withScores ? repo.finishedEvaluations(app.db, ctx.orgId, range.previousFrom, range.to) : [],
    listAlerts(app.db, ctx.orgId, { promptName: q.promptName, limit: REGRESSIONS_SHOWN }),
  ]);

  let overall = EMPTY;
  const series = new Map<
    string,
    { label: string | null; totals: RollupSums; points: Map<number, RollupSums> }
  >();
  let seriesCount = 0;
  for (const row of rows) {
    if (row.key === null) {
      overall = row;
      continue;
    }
    let s = series.get(row.key);
    if (!s) series.set(row.key, (s = { label: row.label, totals: EMPTY, points: new Map() }));
    if (row.t === null) {
      s.totals = row;
      seriesCount = Math.max(seriesCount, row.seriesCount);
    } else s.points.set(row.t.getTime(), row);
  }
  // Without grouping there is always the one series, with zeros when nothing ran.
  if (groupBy === null && !series.has('all'))
    series.set('all', { label: null, totals: EMPTY, points: new Map() });

  const scored = variantsInView(evaluations, q);
  const current = scored.filter((s) => s.finishedAt >= range.from);
  const scoreKeys = scoreKeysOf(current);
  const scoreKey = q.scoreKey ?? scoreKeys[0] ?? null;
  const scores = new Scores();
  if (scoreKey !== null) {
    for (const s of scored) {
      const m = s.metrics[scoreKey];
      if (!m || !(m.n > 0)) continue;
      if (s.finishedAt < range.from) {
        scores.previous.add(m.mean, m.n);
        continue;
      }
      scores.total.add(m.mean, m.n);
      const key = variantKey(groupBy, s.variant);
      // A variant whose series is not shown counts in the folded series, or in the totals only.
      const seriesKey = series.has(key) ? key : series.has(OTHER_KEY) ? OTHER_KEY : null;
      if (seriesKey === null) continue;
      scores.add(seriesKey, Math.floor(s.finishedAt.getTime() / range.stepMs) * range.stepMs, m.mean, m.n);
    }
  }

  const out = [...series].map(([key, s]) => {
    const points: AnalyticsPoint[] = [];
    for (let t = range.from.getTime(); t < range.to.getTime(); t += range.stepMs)
      points.push(toPoint(new Date(t), s.points.get(t) ?? EMPTY, scores.ofPoint(key, t)));
    return {
      key,
      label: labelOf(groupBy, key, s.label, seriesCount),
      points,
      totals: toTotals(s.totals, scores.ofSeries(key)),
    };
  });
  out.sort(
    (a, b) =>
      Number(a.key === OTHER_KEY) - Number(b.key === OTHER_KEY) ||
      b.totals.executions - a.totals.executions ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );

  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    interval: q.interval,
    groupBy,
    series: out,
    totals: toTotals(overall, scores.total.value),
    previousTotals: toTotals(previous, scores.previous.value),
    scoreKey,
    scoreKeys,
    regressions: alerts.map(toRegression),
  };
}

export const CSV_COLUMNS = [
  'key',
  'label',
  't',
  'executions',
  'failed',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'latency_p50_ms',
  'latency_p95_ms',
  'evaluation_score',
];

/** The dashboard's points as CSV (RFC 4180): one row per series and interval. */
export async function exportAnalyticsCsv(
  app: AppContext,
  ctx: OrgContext,
  q: Query,
): Promise<{ filename: string; body: string }> {
  const analytics = await getAnalytics(app, ctx, q);
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of analytics.series)
    for (const p of s.points)
      lines.push(
        [
          s.key,
          s.label,
          p.t,
          p.executions,
          p.failed,
          p.inputTokens,
          p.outputTokens,
          p.costUsd,
          p.latencyMs.p50,
          p.latencyMs.p95,
          p.evaluationScore,
        ]
          .map(csvCell)
          .join(','),
      );
  const stamp = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, '');
  return {
    filename: `analytics-${stamp(analytics.from)}-${stamp(analytics.to)}.csv`,
    body: `${lines.join('\r\n')}\r\n`,
  };
}

/** The organization's regression alerts, newest first. */
export async function listRegressions(
  app: AppContext,
  ctx: OrgContext,
  q: z.output<typeof RegressionListQuery>,
): Promise<z.output<typeof RegressionList>> {
  const rows = await listAlerts(app.db, ctx.orgId, { promptName: q.promptName, limit: q.limit });
  return { items: rows.map(toRegression) };
}
