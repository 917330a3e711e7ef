import { z } from 'zod';
import { Id, MAX_INT32, Timestamp, VersionNumber } from './common.js';
import { PromptName } from './prompts.js';

/**
 * Online A/B experiments on a stored prompt: subjects (user or session ids) are assigned to
 * variants by a hash of the experiment id and the subject, in proportion to the weights, so the
 * same subject always sees the same variant on every server with no table to look up.
 */
export const ExperimentStatus = z.enum(['running', 'stopped']);
export type ExperimentStatus = z.infer<typeof ExperimentStatus>;

export const MetricKind = z.enum(['binary', 'continuous']);
export type MetricKind = z.infer<typeof MetricKind>;

const VariantName = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'Letters, digits, space, _ . - (starting with a letter or digit)');

export const ExperimentVariantInput = z
  .object({
    name: VariantName,
    version: VersionNumber.optional(),
    label: z.string().max(50).optional().describe('Resolved to its version when the experiment starts'),
    weight: z.number().positive().max(1_000_000),
  })
  .refine((v) => (v.version === undefined) !== (v.label === undefined), {
    message: 'Give a version or a label',
    path: ['version'],
  });

export const ExperimentMetric = z.object({
  name: z.string().trim().min(1).max(100),
  kind: MetricKind,
  higherIsBetter: z.boolean().default(true),
});
export type ExperimentMetric = z.infer<typeof ExperimentMetric>;

export const CreateExperimentRequest = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    promptName: PromptName,
    variants: z.array(ExperimentVariantInput).min(2).max(8),
    metric: ExperimentMetric,
    minSamples: z
      .number()
      .int()
      .min(1)
      .max(MAX_INT32)
      .default(100)
      .describe('Outcomes each variant needs before a winner can be declared'),
    maxExpectedLoss: z
      .number()
      .nonnegative()
      .optional()
      .describe(
        "Largest expected loss (in the metric's units) the winner may carry; default 0.005 for binary metrics, required for continuous ones",
      ),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.variants.forEach((variant, i) => {
      const key = variant.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: 'Duplicate variant name' });
      seen.add(key);
    });
    if (v.metric.kind === 'continuous' && v.maxExpectedLoss === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxExpectedLoss'],
        message: "A continuous metric needs the largest expected loss to accept, in the metric's units",
      });
    }
  });
export type CreateExperimentRequest = z.input<typeof CreateExperimentRequest>;

export const ExperimentVariant = z.object({
  name: z.string(),
  version: z.number().int().describe('The prompt version this variant serves (labels are resolved at start)'),
  label: z.string().nullable().describe('The label the variant was created from, if any'),
  promptVersionId: Id,
  weight: z.number(),
  share: z.number().describe('weight / sum of weights: the expected fraction of subjects'),
});
export type ExperimentVariant = z.infer<typeof ExperimentVariant>;

export const ExperimentEvaluationLink = z.object({
  evaluationId: Id,
  scoreKey: z.string(),
});

export const Experiment = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    promptId: Id,
    promptName: z.string(),
    status: ExperimentStatus,
    variants: z.array(ExperimentVariant),
    metric: ExperimentMetric,
    minSamples: z.number().int(),
    maxExpectedLoss: z.number(),
    evaluation: ExperimentEvaluationLink.nullable().describe(
      'An offline evaluation score linked as a quality metric',
    ),
    winner: z.string().nullable().describe('The variant promoted when the experiment was stopped'),
    createdAt: Timestamp,
    stoppedAt: Timestamp.nullable(),
    createdBy: z.object({ type: z.string(), id: z.string().nullable() }),
  })
  .meta({ id: 'Experiment' });
export type Experiment = z.infer<typeof Experiment>;

export const ExperimentResponse = z.object({ experiment: Experiment });
export const ExperimentParams = z.object({ orgId: Id, id: Id });
export const ExperimentListQuery = z.object({
  promptName: PromptName.optional(),
  status: ExperimentStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ExperimentList = z.object({ items: z.array(Experiment), nextCursor: z.string().nullable() });

export const Subject = z.string().min(1).max(200);

export const AssignRequest = z.object({ subject: Subject });
export const Assignment = z
  .object({
    experimentId: Id,
    variant: z.string(),
    version: z.number().int(),
    promptVersionId: Id,
  })
  .meta({ id: 'Assignment' });
export type Assignment = z.infer<typeof Assignment>;

export const OutcomeRequest = z.object({
  subject: Subject,
  value: z.number().refine(Number.isFinite, 'A finite number'),
});
export const OutcomeAccepted = z.object({
  variant: z.string().describe("The subject's variant, which the outcome is credited to"),
  replaced: z.boolean().describe('True when the subject already had an outcome: the latest value counts'),
});

export const StopExperimentRequest = z
  .object({
    promote: z
      .object({
        variant: z.string(),
        label: z.string().trim().min(1).max(50).default('production'),
      })
      .optional()
      .describe("Move a label to the winner's version in the same transaction"),
  })
  .nullish();

export const LinkEvaluationRequest = z.object({ evaluationId: Id, scoreKey: z.string().min(1).max(200) });

export const Posterior = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('beta'), alpha: z.number(), beta: z.number() }),
  z.object({ kind: z.literal('student-t'), location: z.number(), scale: z.number(), df: z.number() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type Posterior = z.infer<typeof Posterior>;

export const VariantResult = z.object({
  name: z.string(),
  version: z.number().int(),
  subjects: z
    .number()
    .int()
    .describe('Distinct subjects assigned to the variant (prompt fetches, runs, assign calls)'),
  n: z.number().int().describe('Subjects with an outcome'),
  mean: z.number().nullable(),
  posterior: Posterior,
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  probabilityBest: z.number().nullable(),
  expectedLoss: z
    .number()
    .nullable()
    .describe("Expected shortfall against the best variant, in the metric's units"),
  curve: z
    .array(z.object({ x: z.number(), density: z.number() }))
    .describe('Posterior density of the mean, for drawing'),
});
export type VariantResult = z.infer<typeof VariantResult>;

export const ExperimentDecision = z.object({
  winner: z.string().nullable(),
  state: z.enum(['collecting', 'undecided', 'winner']),
  reason: z.string(),
});

export const OfflineVariantResult = z.object({
  name: z.string(),
  evaluationVariant: z
    .number()
    .int()
    .nullable()
    .describe('The evaluation variant run with the same prompt version'),
  n: z.number().int(),
  mean: z.number().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  probabilityBest: z.number().nullable(),
});

export const ExperimentResults = z
  .object({
    experimentId: Id,
    metric: ExperimentMetric,
    computedAt: Timestamp,
    variants: z.array(VariantResult),
    decision: ExperimentDecision,
    evaluation: z
      .object({ evaluationId: Id, scoreKey: z.string(), variants: z.array(OfflineVariantResult) })
      .nullable(),
  })
  .meta({ id: 'ExperimentResults' });
export type ExperimentResults = z.infer<typeof ExperimentResults>;
