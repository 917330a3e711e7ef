import type {
  EvaluationVariant,
  Regression,
  RegressionMetric,
  VariantComparison,
  VariantSummary,
} from '@promptops/contracts';
import { abTestBinary } from '@promptops/metrics';
import type { Executor } from '../../platform/db/database.js';
import { emitEvent } from '../../platform/events/events.js';
import type { AppContext } from '../../platform/app-context.js';
import type { z } from 'zod';
import { finishedEvaluations, type FinishedEvaluationRow } from './analytics.repository.js';
import { bucketRange, countAbove, HISTOGRAM_SIZE, histogramPercentile } from './latency-histogram.js';
import * as repo from './regressions.repository.js';

const HOUR_MS = 3_600_000;
/** Runs of the last this many days are compared. */
export const REGRESSION_WINDOW_DAYS = 7;
/** A version needs this many decided runs (not cancelled or interrupted) before its rates count. */
export const MIN_RUNS = 30;
/** Posterior probability of "worse" from which a regression is reported. */
export const REGRESSION_PROBABILITY = 0.95;
/** Scores that measure the call rather than the answer: latency has its own rule, cost is not quality. */
const NOT_QUALITY_SCORES = new Set(['latency_ms', 'cost_usd']);

interface Finding {
  promptName: string;
  version: number;
  previousVersion: number;
  metric: RegressionMetric;
  probability: number;
  current: number;
  previous: number;
  detail: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Runs whose outcome says something about the prompt: cancelled and interrupted ones don't. */
const decided = (v: repo.VersionStats) => v.runs - v.cancelled - v.interrupted;

/**
 * Failure rate: Beta(1 + failed, 1 + succeeded) posteriors of both versions; a regression when
 * the newer version's rate is higher with probability ≥ REGRESSION_PROBABILITY.
 */
export function failureRateFinding(current: repo.VersionStats, previous: repo.VersionStats): Finding | null {
  const n = decided(current);
  const m = decided(previous);
  if (n < MIN_RUNS || m < MIN_RUNS) return null;
  // The counted outcome is a failure, so lower is better.
  const test = abTestBinary(
    { successes: previous.failed, trials: m },
    { successes: current.failed, trials: n },
    { higherIsBetter: false },
  );
  const probability = 1 - test.probabilityBBeatsA;
  if (probability < REGRESSION_PROBABILITY) return null;
  return {
    promptName: current.promptName,
    version: current.version,
    previousVersion: previous.version,
    metric: 'failure_rate',
    probability,
    current: current.failed / n,
    previous: previous.failed / m,
    detail:
      `Version ${current.version} failed ${current.failed} of ${n} runs (${pct(current.failed / n)}), ` +
      `version ${previous.version} ${previous.failed} of ${m} (${pct(previous.failed / m)}), ` +
      `in the last ${REGRESSION_WINDOW_DAYS} days`,
  };
}

/**
 * Latency: the previous version's p95 is the yardstick. Were the newer version no slower, at most
 * 5 % of its runs would take longer than that; with k of its n runs above it, its exceedance rate
 * has a Beta(1 + k, 1 + n − k) posterior. The yardstick is itself estimated from the previous
 * version's m runs, so its true exceedance is not exactly 5 % but Beta(1 + 0.05·m, 1 + 0.95·m)
 * (its own runs above its own p95): a regression is P(newer rate > previous rate) ≥
 * REGRESSION_PROBABILITY. With many previous runs this is P(newer rate > 5 %).
 */
export function latencyFinding(current: repo.VersionStats, previous: repo.VersionStats): Finding | null {
  const n = current.buckets.reduce((a, b) => a + b, 0);
  const m = previous.buckets.reduce((a, b) => a + b, 0);
  if (n < MIN_RUNS || m < MIN_RUNS) return null;
  const yardstick = histogramPercentile(previous.buckets, 95)!;
  // A p95 past the last bound is only known as "more than": nothing to compare against.
  if (yardstick >= bucketRange(HISTOGRAM_SIZE - 1).lower) return null;
  const k = countAbove(current.buckets, yardstick);
  // Counts of runs above a point inside a bucket are interpolated: the Beta model wants whole runs.
  const test = abTestBinary(
    { successes: Math.round(countAbove(previous.buckets, yardstick)), trials: m },
    { successes: Math.round(k), trials: n },
    { higherIsBetter: false },
  );
  const probability = 1 - test.probabilityBBeatsA;
  if (probability < REGRESSION_PROBABILITY) return null;
  return {
    promptName: current.promptName,
    version: current.version,
    previousVersion: previous.version,
    metric: 'latency_p95',
    probability,
    current: histogramPercentile(current.buckets, 95)!,
    previous: yardstick,
    detail:
      `${pct(k / n)} of ${n} runs of version ${current.version} took longer than the p95 of version ` +
      `${previous.version} (${yardstick} ms; 5 % would if it were no slower), in the last ${REGRESSION_WINDOW_DAYS} days`,
  };
}

/**
 * Evaluation score: the newest succeeded evaluation of the window whose baseline (variant 0) is
 * one of the two versions and which ran the other on the same model. Its stored comparison gives
 * the probability that the variant scores better than the baseline (already respecting each
 * score's direction, e.g. lower is better for ter); the newer version is worse with
 * 1 − that when it is the variant, and with that when it is the baseline. The score key where
 * it is most likely worse decides.
 */
export function evaluationFinding(
  promptName: string,
  version: number,
  previousVersion: number,
  evaluations: readonly FinishedEvaluationRow[],
): Finding | null {
  for (const evaluation of evaluations) {
    const variants = evaluation.variants as unknown as EvaluationVariant[];
    const base = variants[0];
    if (!base || base.prompt.name !== promptName) continue;
    const newIsBaseline = base.prompt.version === version;
    if (!newIsBaseline && base.prompt.version !== previousVersion) continue;
    const otherVersion = newIsBaseline ? previousVersion : version;
    const other = variants.findIndex(
      (v, i) =>
        i > 0 &&
        v.prompt.name === promptName &&
        v.prompt.version === otherVersion &&
        v.modelId === base.modelId,
    );
    if (other < 0) continue;
    const comparisons = (evaluation.comparisons as unknown as z.infer<typeof VariantComparison>[]).filter(
      (c) => c.variant === other && !NOT_QUALITY_SCORES.has(c.metric),
    );
    if (comparisons.length === 0) continue;
    // The newest evaluation that compared the two versions is the evidence, worse or not.
    const worst = comparisons
      .map((c) => ({ metric: c.metric, p: newIsBaseline ? c.probabilityBetter : 1 - c.probabilityBetter }))
      .reduce((a, b) => (b.p > a.p ? b : a));
    if (worst.p < REGRESSION_PROBABILITY) return null;
    const summary = evaluation.summary as unknown as z.infer<typeof VariantSummary>[];
    const meanOf = (variant: number) =>
      summary.find((s) => s.variant === variant)?.metrics[worst.metric]?.mean;
    const current = meanOf(newIsBaseline ? 0 : other);
    const previous = meanOf(newIsBaseline ? other : 0);
    if (current === undefined || previous === undefined) return null;
    return {
      promptName,
      version,
      previousVersion,
      metric: 'evaluation_score',
      probability: worst.p,
      current,
      previous,
      detail:
        `Evaluation "${evaluation.name}" on ${base.model}: ${worst.metric} ${round4(current)} for version ` +
        `${version}, ${round4(previous)} for version ${previousVersion}`,
    };
  }
  return null;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function toRegression(row: repo.RegressionAlertRow): Regression {
  return {
    id: row.id,
    promptName: row.promptName,
    version: row.version,
    previousVersion: row.previousVersion,
    metric: row.metric,
    probability: row.probability,
    current: row.current,
    previous: row.previous,
    detail: row.detail,
    detectedAt: row.detectedAt.toISOString(),
  };
}

/** What one organization's runs of the window say: a finding per regressed (prompt, metric). */
async function findRegressions(db: Executor, orgId: string, since: Date, now: Date): Promise<Finding[]> {
  const byPrompt = new Map<string, repo.VersionStats[]>();
  for (const v of await repo.versionStats(db, orgId, since)) {
    if (v.runs <= 0) continue;
    const versions = byPrompt.get(v.promptName);
    if (versions) versions.push(v);
    else byPrompt.set(v.promptName, [v]);
  }
  const findings: Finding[] = [];
  let evaluations: FinishedEvaluationRow[] | undefined;
  for (const [name, versions] of byPrompt) {
    if (versions.length < 2) continue;
    // The newest version that ran against the one before it that ran.
    const [current, previous] = versions.sort((a, b) => b.version - a.version) as [
      repo.VersionStats,
      repo.VersionStats,
    ];
    evaluations ??= await finishedEvaluations(db, orgId, since, now);
    for (const finding of [
      failureRateFinding(current, previous),
      latencyFinding(current, previous),
      evaluationFinding(name, current.version, previous.version, evaluations),
    ])
      if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * Compares, for every prompt of every organization (or of `orgId`), the newest version that ran
 * in the last REGRESSION_WINDOW_DAYS with the version before it that ran, on failure rate,
 * latency and evaluation score. A regression is stored once per (prompt, version, metric); the
 * `analytics.regression_detected` event is written with it, in its transaction, only when the
 * alert is new. Returns the alerts it created.
 */
export async function detectRegressions(
  app: AppContext,
  opts: { now?: Date; orgId?: string; signal?: AbortSignal } = {},
): Promise<Regression[]> {
  const now = opts.now ?? new Date();
  const since = new Date(
    Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - REGRESSION_WINDOW_DAYS * 24 * HOUR_MS,
  );
  const orgIds = opts.orgId ? [opts.orgId] : await repo.listOrgIds(app.db);
  const created: Regression[] = [];
  for (const orgId of orgIds) {
    if (opts.signal?.aborted) break;
    for (const finding of await findRegressions(app.db, orgId, since, now)) {
      const row = await app.db.transaction(async (tx) => {
        const inserted = await repo.insertAlert(tx, { orgId, ...finding });
        if (inserted)
          await emitEvent(tx, {
            orgId,
            type: 'analytics.regression_detected',
            payload: {
              regressionId: inserted.id,
              promptName: inserted.promptName,
              version: inserted.version,
              previousVersion: inserted.previousVersion,
              metric: inserted.metric,
              probability: inserted.probability,
              current: inserted.current,
              previous: inserted.previous,
              detail: inserted.detail,
            },
          });
        return inserted;
      });
      if (row) created.push(toRegression(row));
    }
  }
  return created;
}
