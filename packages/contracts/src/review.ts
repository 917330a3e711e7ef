import { z } from 'zod';
import { Id, MAX_INT32, Timestamp, VersionNumber } from './common.js';
import { Evaluator } from './evaluations.js';
import { ChatMessage } from './providers.js';
import { LabelName, PromptName, PromptParams, PromptType, VariableSpec } from './prompts.js';

/**
 * Versioning and review: diffs between versions, rollback, protected labels that move only
 * through an approved review, read-only share links, and outbound webhooks.
 */

// ---------------------------------------------------------------------------------------------
// Diff

export const PromptDiffQuery = z.object({
  from: z.coerce.number().int().min(1).max(MAX_INT32),
  to: z.coerce.number().int().min(1).max(MAX_INT32),
});

/** One piece of a word-level diff: text kept, added or removed. */
export const DiffSegment = z.object({
  op: z.enum(['equal', 'add', 'remove']),
  text: z.string(),
});
export type DiffSegment = z.infer<typeof DiffSegment>;

export const DiffLine = z.object({
  op: z.enum(['equal', 'add', 'remove']),
  text: z.string(),
  oldLine: z.number().int().nullable().describe('1-based line in the old body; null for an added line'),
  newLine: z.number().int().nullable().describe('1-based line in the new body; null for a removed line'),
  words: z
    .array(DiffSegment)
    .optional()
    .describe('For a changed line (a removal paired with an addition): the words that changed'),
});
export type DiffLine = z.infer<typeof DiffLine>;

export const DiffHunk = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  lines: z.array(DiffLine),
});
export type DiffHunk = z.infer<typeof DiffHunk>;

export const DiffChange = z.object({
  field: z
    .string()
    .describe('template, messages[i], model, params, variables, type or description of the version'),
  before: z.unknown().describe('The old value; null when the field is new'),
  after: z.unknown().describe('The new value; null when the field is gone'),
  words: z
    .array(DiffSegment)
    .optional()
    .describe('For a changed template or message content: a word-level diff of the two texts'),
});
export type DiffChange = z.infer<typeof DiffChange>;

export const PromptDiff = z
  .object({
    name: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    changes: z.array(DiffChange).describe('Empty when the two versions have the same content'),
    hunks: z
      .array(DiffHunk)
      .describe('Line diff of the rendered body (template, or messages as "## role" blocks)'),
  })
  .meta({ id: 'PromptDiff' });
export type PromptDiff = z.infer<typeof PromptDiff>;

// ---------------------------------------------------------------------------------------------
// Rollback

export const RollbackRequest = z.object({
  version: VersionNumber.describe('The version whose content becomes the new version'),
  commitMessage: z.string().max(500).optional(),
  baseVersion: VersionNumber.optional().describe('When given, 409 unless it is still the newest version'),
});

// ---------------------------------------------------------------------------------------------
// Protected labels and reviews

export const ThresholdRule = z
  .object({
    score: z.string().min(1).max(100).describe('A score key of the gate evaluators, e.g. exact_match'),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((t) => t.min !== undefined || t.max !== undefined, {
    message: 'Give min, max or both',
    path: ['min'],
  });
export type ThresholdRule = z.infer<typeof ThresholdRule>;

export const EvaluationGate = z
  .object({
    datasetId: Id,
    evaluators: z.array(Evaluator).min(1).max(20),
    thresholds: z.array(ThresholdRule).min(1).max(20).describe("Each score's mean must satisfy its rule"),
    modelId: Id.optional().describe("Defaults to the reviewed version's model"),
    maxCostUsd: z.number().positive().optional(),
  })
  .meta({ id: 'EvaluationGate' });
export type EvaluationGate = z.infer<typeof EvaluationGate>;

export const ReviewSettings = z
  .object({
    protectedLabels: z.array(LabelName).max(20).describe('Labels that move only through an approved review'),
    requiredApprovals: z.number().int().min(1).max(5),
    evaluationGate: EvaluationGate.nullable().describe(
      'When set, every review runs this evaluation as it opens and merges only when it passes',
    ),
  })
  .meta({ id: 'ReviewSettings' });
export type ReviewSettings = z.infer<typeof ReviewSettings>;

export const UpdateReviewSettingsRequest = z.object({
  protectedLabels: z
    .array(LabelName)
    .max(20)
    .refine((l) => new Set(l).size === l.length, 'Each label once'),
  requiredApprovals: z.number().int().min(1).max(5),
  evaluationGate: EvaluationGate.nullable().optional(),
});

export const ReviewStatus = z.enum(['open', 'merged', 'rejected', 'closed']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const GateStatus = z.enum(['pending', 'running', 'passed', 'failed']);
export type GateStatus = z.infer<typeof GateStatus>;

const Person = z.object({ id: Id.nullable(), email: z.string().nullable() });

export const ReviewActivity = z.object({
  id: Id,
  kind: z.enum(['opened', 'approved', 'rejected', 'commented', 'rerequested', 'merged', 'closed']),
  author: Person,
  body: z.string().nullable(),
  createdAt: Timestamp,
});
export type ReviewActivity = z.infer<typeof ReviewActivity>;

export const Review = z
  .object({
    id: Id,
    promptId: Id,
    promptName: z.string(),
    version: z.number().int().describe('The version the label should point at'),
    label: z.string(),
    baseVersion: z.number().int().nullable().describe('Where the label pointed when the review opened'),
    description: z.string().nullable(),
    status: ReviewStatus,
    author: Person.extend({
      apiKeyName: z.string().nullable().describe('Set when an API key opened the review'),
    }),
    requiredApprovals: z.number().int(),
    approvals: z.array(z.object({ user: Person, comment: z.string().nullable(), createdAt: Timestamp })),
    activity: z.array(ReviewActivity).describe('Oldest first'),
    gate: z
      .object({
        evaluationId: Id.nullable(),
        status: GateStatus,
        thresholds: z.array(
          z.object({
            score: z.string(),
            min: z.number().nullable(),
            max: z.number().nullable(),
            actual: z.number().nullable(),
            passed: z.boolean().nullable(),
          }),
        ),
        detail: z.string().nullable(),
      })
      .nullable()
      .describe('The evaluation gate, when the settings set one'),
    mergeable: z.boolean().describe('Approvals met and the gate (if any) passed'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    closedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Review' });
export type Review = z.infer<typeof Review>;

export const OpenReviewRequest = z.object({
  version: VersionNumber,
  label: LabelName,
  description: z.string().max(5000).optional(),
});
export const ReviewDecisionRequest = z.object({ comment: z.string().max(5000).optional() }).nullish();
export const ReviewCommentRequest = z.object({ body: z.string().trim().min(1).max(5000) });
export const ReviewParams = z.object({ orgId: Id, name: PromptName, id: Id });
export const OrgReviewParams = z.object({ orgId: Id, id: Id });
export const ReviewListQuery = z.object({
  status: ReviewStatus.optional(),
  promptName: PromptName.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ReviewList = z.object({
  items: z.array(Review.omit({ activity: true })),
  nextCursor: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Share links

export const CreateShareLinkRequest = z
  .object({
    version: VersionNumber.optional().describe('Defaults to the newest version at creation'),
    expiresAt: Timestamp.optional().describe('Defaults to 30 days from now; at most one year ahead'),
  })
  .nullish();

export const ShareLink = z
  .object({
    id: Id,
    promptName: z.string(),
    version: z.number().int(),
    expiresAt: Timestamp,
    revokedAt: Timestamp.nullable(),
    createdBy: Person,
    createdAt: Timestamp,
  })
  .meta({ id: 'ShareLink' });
export type ShareLink = z.infer<typeof ShareLink>;

export const CreatedShareLink = ShareLink.extend({
  token: z.string().describe('Shown once; only its hash is stored'),
  url: z.string().describe('Viewable without an account until it expires or is revoked'),
});
export const ShareLinkList = z.object({ items: z.array(ShareLink) });
export const ShareLinkParams = z.object({ orgId: Id, name: PromptName, id: Id });
export const SharedTokenParams = z.object({ token: z.string().min(20).max(100) });

export const SharedPromptVersion = z
  .object({
    name: z.string(),
    version: z.number().int(),
    type: PromptType,
    description: z.string().nullable(),
    template: z.string().nullable(),
    messages: z.array(ChatMessage).nullable(),
    variables: z.array(VariableSpec),
    params: PromptParams,
    model: z.string().nullable(),
    commitMessage: z.string().nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'SharedPromptVersion' });
export type SharedPromptVersion = z.infer<typeof SharedPromptVersion>;

// ---------------------------------------------------------------------------------------------
// Webhooks

/** Event names of webhook deliveries (dotted, as the contract fixes them). */
export const WEBHOOK_EVENTS = [
  'prompt.version.created',
  'prompt.label.moved',
  'review.opened',
  'review.merged',
  'review.rejected',
  'evaluation.finished',
  'experiment.changed',
  'analytics.regression.detected',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENTS);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WebhookFormat = z.enum(['json', 'slack']);

const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('http(s) URL; it must pass the egress policy');
const WebhookSecret = z.string().min(16).max(200);

export const CreateWebhookRequest = z.object({
  url: WebhookUrl,
  events: z
    .array(WebhookEventType)
    .min(1)
    .max(WEBHOOK_EVENTS.length)
    .refine((e) => new Set(e).size === e.length, 'Each event once'),
  secret: WebhookSecret.optional().describe('Generated when omitted; returned once'),
  format: WebhookFormat.default('json'),
  description: z.string().max(500).optional(),
  active: z.boolean().default(true),
});
export const UpdateWebhookRequest = z.object({
  url: WebhookUrl.optional(),
  events: CreateWebhookRequest.shape.events.optional(),
  format: WebhookFormat.optional(),
  description: z.string().max(500).nullable().optional(),
  active: z.boolean().optional(),
  rotateSecret: z.boolean().optional().describe('Replace the secret with a new generated one, returned once'),
});

export const Webhook = z
  .object({
    id: Id,
    url: z.string(),
    events: z.array(WebhookEventType),
    format: WebhookFormat,
    description: z.string().nullable(),
    active: z.boolean(),
    secretHint: z.string().describe('Last four characters of the secret'),
    lastDelivery: z
      .object({ status: z.string(), responseStatus: z.number().int().nullable(), at: Timestamp })
      .nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookWithSecret = Webhook.extend({
  secret: z.string().optional().describe('Present only when the secret was just set or generated'),
});
export const WebhookList = z.object({ items: z.array(Webhook) });
export const WebhookParams = z.object({ orgId: Id, id: Id });

export const WebhookDeliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'failed']);
export const WebhookDelivery = z
  .object({
    id: Id,
    webhookId: Id,
    event: z.string().describe('A webhook event name, or webhook.test'),
    eventId: z.number().int().nullable().describe('The platform event id; null for a test delivery'),
    status: WebhookDeliveryStatus,
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    responseBody: z.string().nullable().describe('The first 2 KB of the last response'),
    error: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    nextAttemptAt: Timestamp.nullable(),
    createdAt: Timestamp,
    deliveredAt: Timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = z.object({
  items: z.array(WebhookDelivery),
  nextCursor: z.string().nullable(),
});
export const WebhookDeliveryQuery = z.object({
  status: WebhookDeliveryStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ---------------------------------------------------------------------------------------------
// Composition

export const PromptUsage = z.object({
  name: z.string(),
  version: z.number().int(),
  labels: z.array(z.string()).describe('Labels of the including version (latest when it is the newest)'),
  reference: z.string().describe('The include as written, e.g. {{> support/tone@production}}'),
});
export const PromptUsageList = z.object({ items: z.array(PromptUsage) });
