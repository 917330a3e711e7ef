import { z } from 'zod';
import type { Problem } from './common.js';
import { Id, Timestamp, VersionNumber } from './common.js';
import { DatasetValue, DatasetVersion } from './datasets.js';
import { PromptName, PromptParams } from './prompts.js';

export const EvaluationStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;

/** A stored prompt by name and version or label (neither: `latest`). */
export const PromptReference = z
  .object({
    name: PromptName,
    version: VersionNumber.optional(),
    label: z.string().max(50).optional(),
  })
  .refine((p) => p.version === undefined || p.label === undefined, {
    message: 'Give version or label, not both',
    path: ['label'],
  });

export const EvaluationVariantInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  prompt: PromptReference,
  modelId: Id.optional().describe("Defaults to the prompt version's model"),
  params: PromptParams.optional().describe("Override the prompt version's parameters"),
});

/** A variant as the evaluation ran it: the label and model resolved when it was created. */
export const EvaluationVariant = z.object({
  name: z.string(),
  prompt: z.object({ name: z.string(), version: z.number().int(), label: z.string().nullable() }),
  promptVersionId: Id,
  modelId: Id,
  model: z.string(),
  params: PromptParams,
});
export type EvaluationVariant = z.infer<typeof EvaluationVariant>;

const Ngram = { ignoreCase: z.boolean().optional() };
export const EVALUATOR_TYPES = [
  'bleu',
  'chrf',
  'ter',
  'rouge',
  'semantic-similarity',
  'exact-match',
  'contains',
  'regex',
  'json-schema',
  'levenshtein',
  'llm-judge',
  'custom',
  'latency',
  'cost',
] as const;
export const EvaluatorType = z.enum(EVALUATOR_TYPES);
export type EvaluatorType = z.infer<typeof EvaluatorType>;

const RougeType = z.enum(['rouge1', 'rouge2', 'rougeL', 'rougeLsum']);
const ScoreName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'letters, digits, _ . - (a score key)');

const evaluator = <T extends EvaluatorType, C extends z.ZodType>(type: T, config: C) =>
  z.object({ type: z.literal(type), name: ScoreName.optional(), config });
const none = z.object({}).strict().optional();

export const Evaluator = z
  .discriminatedUnion('type', [
    evaluator('bleu', none),
    evaluator('chrf', none),
    evaluator('ter', none),
    evaluator(
      'rouge',
      z
        .object({ types: z.array(RougeType).min(1).max(4).optional(), stemmer: z.boolean().optional() })
        .strict()
        .optional(),
    ),
    evaluator(
      'semantic-similarity',
      z
        .object({
          embedder: z
            .string()
            .min(1)
            .max(500)
            .describe('A local sentence-transformers model directory, or an embeddings model id'),
        })
        .strict(),
    ),
    evaluator('exact-match', z.object(Ngram).strict().optional()),
    evaluator(
      'contains',
      z
        .object({ ...Ngram, pattern: z.string().max(10_000).optional() })
        .strict()
        .optional(),
    ),
    evaluator(
      'regex',
      z.object({ pattern: z.string().min(1).max(2000), ignoreCase: z.boolean().optional() }).strict(),
    ),
    evaluator('json-schema', z.object({ schema: z.record(z.string(), z.unknown()) }).strict()),
    evaluator('levenshtein', z.object(Ngram).strict().optional()),
    evaluator('llm-judge', z.object({ prompt: PromptReference, modelId: Id }).strict()),
    z.object({
      type: z.literal('custom'),
      name: ScoreName,
      config: z.object({ code: z.string().min(1).max(50_000) }).strict(),
    }),
    evaluator('latency', none),
    evaluator('cost', none),
  ])
  .meta({ id: 'Evaluator' });
export type Evaluator = z.infer<typeof Evaluator>;

export const CreateEvaluationRequest = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    datasetId: Id,
    datasetVersion: DatasetVersion.optional().describe("Defaults to the dataset's current version"),
    variants: z.array(EvaluationVariantInput).min(1).max(8),
    evaluators: z.array(Evaluator).min(1).max(20),
    repetitions: z.number().int().min(1).max(10).default(1),
    concurrency: z.number().int().min(1).max(100).default(10),
    maxCostUsd: z
      .union([z.number().positive(), z.string().regex(/^\d{1,12}(\.\d{1,12})?$/)])
      .optional()
      .describe('No new call starts once this much has been spent; the evaluation then fails'),
  })
  .superRefine((v, ctx) => {
    const keys = new Map<string, number>();
    v.evaluators.forEach((e, i) => {
      for (const key of scoreKeys(e)) {
        if (keys.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['evaluators', i, 'name'],
            message: `Score key "${key}" is already produced by evaluator ${keys.get(key)}; give this one a name`,
          });
        keys.set(key, i);
      }
    });
    const names = new Set<string>();
    v.variants.forEach((variant, i) => {
      if (variant.name === undefined) return;
      if (names.has(variant.name))
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: 'Variant names must differ' });
      names.add(variant.name);
    });
  });
export type CreateEvaluationRequest = z.input<typeof CreateEvaluationRequest>;

/** The score keys an evaluator writes: its `name` when given, else the keys the contract fixes. */
export function scoreKeys(e: Evaluator): string[] {
  if (e.name !== undefined) {
    if (e.type === 'rouge') return (e.config?.types ?? RougeType.options).map((t) => `${e.name}.${t}`);
    return [e.name];
  }
  switch (e.type) {
    case 'rouge':
      return [...(e.config?.types ?? RougeType.options)];
    case 'semantic-similarity':
      return ['semantic_similarity'];
    case 'exact-match':
      return ['exact_match'];
    case 'json-schema':
      return ['json_schema'];
    case 'llm-judge':
      return ['llm_judge'];
    case 'latency':
      return ['latency_ms'];
    case 'cost':
      return ['cost_usd'];
    case 'custom':
      return [e.name];
    case 'bleu':
    case 'chrf':
    case 'ter':
    case 'contains':
    case 'regex':
    case 'levenshtein':
      return [e.type];
  }
}

export const Interval95 = z.tuple([z.number(), z.number()]);

export const MetricSummary = z.object({
  mean: z.number(),
  ci95: Interval95.describe(
    "Student's t interval of the mean over items (repetitions averaged per item first)",
  ),
  n: z.number().int().describe('Results with this score'),
  corpus: z.number().optional().describe('Corpus-level score (bleu, chrf, ter) over the variant outputs'),
  itemStd: z
    .number()
    .optional()
    .describe('Mean standard deviation across repetitions of one item (only with repetitions > 1)'),
});

export const VariantSummary = z.object({
  variant: z.number().int(),
  metrics: z.record(z.string(), MetricSummary),
  latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
  costUsd: z.string().describe('Exact decimal USD'),
  failed: z.number().int(),
});

export const VariantComparison = z.object({
  metric: z.string(),
  variant: z.number().int(),
  baseline: z.literal(0),
  meanDifference: z.number(),
  ci95: Interval95,
  probabilityBetter: z
    .number()
    .describe(
      'Posterior probability that this variant scores better than the baseline (lower is better for ter, latency_ms, cost_usd)',
    ),
});

export const Evaluation = z
  .object({
    id: Id,
    name: z.string(),
    status: EvaluationStatus,
    datasetId: Id,
    datasetName: z.string().nullable(),
    datasetVersion: DatasetVersion,
    variants: z.array(EvaluationVariant),
    evaluators: z.array(Evaluator),
    repetitions: z.number().int(),
    concurrency: z.number().int(),
    maxCostUsd: z.string().nullable(),
    progress: z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int() }),
    costUsd: z.string().describe('Exact decimal USD spent so far'),
    error: z.string().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    summary: z.array(VariantSummary),
    comparisons: z.array(VariantComparison),
  })
  .meta({ id: 'Evaluation' });
export type Evaluation = z.infer<typeof Evaluation>;

export const EvaluationResponse = z.object({ evaluation: Evaluation });
export const EvaluationParams = z.object({ orgId: Id, id: Id });
export const EvaluationListQuery = z.object({
  datasetId: Id.optional(),
  status: EvaluationStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const EvaluationList = z.object({
  items: z.array(Evaluation.omit({ summary: true, comparisons: true, evaluators: true })),
  nextCursor: z.string().nullable(),
});

export const EvaluationResult = z
  .object({
    itemId: Id,
    variant: z.number().int(),
    repetition: z.number().int(),
    executionId: Id.nullable(),
    input: z.record(z.string(), DatasetValue),
    expected: z.string().nullable(),
    output: z.string().nullable(),
    scores: z.record(z.string(), z.number()),
    scoreErrors: z
      .record(z.string(), z.string())
      .describe(
        'Evaluators that could not score this result (e.g. an unparseable judge reply), by score key',
      ),
    latencyMs: z.number().int().nullable(),
    costUsd: z.string(),
    error: z.string().nullable(),
  })
  .meta({ id: 'EvaluationResult' });
export type EvaluationResult = z.infer<typeof EvaluationResult>;

export const EvaluationResultsQuery = z.object({
  variant: z.coerce.number().int().min(0).max(7).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const EvaluationResultList = z.object({
  items: z.array(EvaluationResult),
  nextCursor: z.string().nullable(),
});

export const EvaluationProgressEvent = z.object({
  done: z.number().int(),
  failed: z.number().int(),
  total: z.number().int(),
  costUsd: z.string(),
});
export const EvaluationDoneEvent = z.object({ evaluation: Evaluation });

/** The events of `GET …/evaluations/{id}/events`: progress and results as they finish, then done. */
export interface EvaluationStreamEvents {
  progress: z.infer<typeof EvaluationProgressEvent>;
  result: EvaluationResult;
  done: z.infer<typeof EvaluationDoneEvent>;
  error: { problem: z.infer<typeof Problem> };
}
