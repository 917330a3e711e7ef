import { z } from 'zod';
import { Id, MAX_INT32, Timestamp } from './common.js';
import { PromptName } from './prompts.js';

export const AnalyticsInterval = z.enum(['hour', 'day']);
export const AnalyticsGroupBy = z.enum(['prompt', 'model', 'version']);
export const AnalyticsSource = z.enum(['playground', 'api', 'evaluation', 'workflow', 'openai']);

/** Longest range one request may cover, per interval: the series stay a few thousand points. */
export const ANALYTICS_MAX_RANGE_DAYS = { hour: 31, day: 400 } as const;

export const AnalyticsQuery = z.object({
  from: Timestamp.describe('Inclusive; rounded down to the interval'),
  to: Timestamp.describe('Exclusive; rounded up to the interval'),
  interval: AnalyticsInterval.default('day'),
  promptName: PromptName.optional(),
  promptVersion: z.coerce.number().int().min(1).max(MAX_INT32).optional().describe('Needs promptName'),
  modelId: Id.optional(),
  source: AnalyticsSource.optional(),
  groupBy: AnalyticsGroupBy.optional().describe(
    'One series per prompt, model or prompt version; omit for one series',
  ),
  scoreKey: z
    .string()
    .max(200)
    .optional()
    .describe('Evaluation score to average; default the score key most evaluations in the range have'),
});
export type AnalyticsQuery = z.input<typeof AnalyticsQuery>;

export const LatencyPercentiles = z
  .object({ p50: z.number().nullable(), p95: z.number().nullable() })
  .describe(
    'Milliseconds, interpolated within the latency histogram bucket that holds the exact percentile (within 25 % of it above 10 ms); null without runs',
  );

export const AnalyticsPoint = z.object({
  t: Timestamp.describe('Start of the hour or day (UTC)'),
  executions: z.number().int().describe('Finished runs (succeeded, failed, cancelled, interrupted)'),
  failed: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.string().describe('Exact decimal USD'),
  latencyMs: LatencyPercentiles,
  evaluationScore: z
    .number()
    .nullable()
    .describe('Mean of the score key over evaluation results finished in this bucket; null without any'),
});
export type AnalyticsPoint = z.infer<typeof AnalyticsPoint>;

export const AnalyticsTotals = z.object({
  executions: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  interrupted: z.number().int(),
  errorRate: z.number().describe('failed / executions; 0 without runs'),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.string().describe('Exact decimal USD'),
  latencyMs: LatencyPercentiles.extend({ mean: z.number().nullable() }),
  evaluationScore: z.number().nullable(),
});
export type AnalyticsTotals = z.infer<typeof AnalyticsTotals>;

export const AnalyticsSeries = z.object({
  key: z
    .string()
    .describe(
      "'all', a prompt name, a model id, or '<prompt>@<version>'; '' for runs without a prompt, '(other)' for the series folded past the 19 most-run",
    ),
  label: z.string().describe('Human-readable name of the key (a model name instead of its id)'),
  points: z.array(AnalyticsPoint),
  totals: AnalyticsTotals,
});

export const RegressionMetric = z.enum(['failure_rate', 'latency_p95', 'evaluation_score']);
export type RegressionMetric = z.infer<typeof RegressionMetric>;

export const Regression = z
  .object({
    id: Id,
    promptName: z.string(),
    version: z.number().int(),
    previousVersion: z.number().int(),
    metric: RegressionMetric,
    probability: z.number().describe('Posterior probability that the new version is worse'),
    current: z.number().describe('The new version: failure rate, p95 ms, or mean score'),
    previous: z.number(),
    detail: z.string(),
    detectedAt: Timestamp,
  })
  .meta({ id: 'Regression' });
export type Regression = z.infer<typeof Regression>;

export const Analytics = z
  .object({
    from: Timestamp,
    to: Timestamp,
    interval: AnalyticsInterval,
    groupBy: AnalyticsGroupBy.nullable(),
    series: z.array(AnalyticsSeries),
    totals: AnalyticsTotals,
    previousTotals: AnalyticsTotals.describe('The same filters over the period of equal length just before'),
    scoreKey: z.string().nullable(),
    scoreKeys: z.array(z.string()).describe('Score keys of evaluations finished in the range'),
    regressions: z.array(Regression).describe('Open regression alerts of the prompts in view'),
  })
  .meta({ id: 'Analytics' });
export type Analytics = z.infer<typeof Analytics>;

export const RegressionListQuery = z.object({
  promptName: PromptName.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const RegressionList = z.object({ items: z.array(Regression) });
