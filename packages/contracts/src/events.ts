import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Role } from './permissions.js';

/**
 * Platform events: written to the outbox in the transaction of the change they describe and
 * published in order on the event bus. Each type's payload is a schema here, shared by the server
 * (which validates on emit), the change feed and the clients that read it.
 */
export const PromptVersionCreatedPayload = z.object({
  promptId: Id,
  name: z.string(),
  version: z.number().int().min(1),
  versionId: Id,
});
export type PromptVersionCreatedPayload = z.infer<typeof PromptVersionCreatedPayload>;

export const PromptLabelMovedPayload = z.object({
  promptId: Id,
  name: z.string(),
  label: z.string(),
  version: z.number().int().min(1),
  previousVersion: z.number().int().nullable().describe('null when the label is new'),
});
export type PromptLabelMovedPayload = z.infer<typeof PromptLabelMovedPayload>;

/** An API key stopped working (revoked, or its creator left or was demoted). */
export const ApiKeyRevokedPayload = z.object({ keyId: Id });
export type ApiKeyRevokedPayload = z.infer<typeof ApiKeyRevokedPayload>;

/** A member's role changed or the member left: cached permissions of that person must go. */
export const MembershipChangedPayload = z.object({
  userId: Id,
  role: Role.nullable().describe('null when the member left'),
});
export type MembershipChangedPayload = z.infer<typeof MembershipChangedPayload>;

/** An experiment started or stopped: caches of the prompt's running experiment must go. */
export const ExperimentChangedPayload = z.object({
  experimentId: Id,
  promptId: Id,
  name: z.string(),
  promptName: z.string(),
  status: z.enum(['running', 'stopped']),
  winner: z.string().nullable(),
});
export type ExperimentChangedPayload = z.infer<typeof ExperimentChangedPayload>;

/** A new prompt version is worse than the previous one with high probability. */
export const RegressionDetectedPayload = z.object({
  regressionId: Id,
  promptName: z.string(),
  version: z.number().int(),
  previousVersion: z.number().int(),
  metric: z.enum(['failure_rate', 'latency_p95', 'evaluation_score']),
  probability: z.number(),
  current: z.number(),
  previous: z.number(),
  detail: z.string(),
});
export type RegressionDetectedPayload = z.infer<typeof RegressionDetectedPayload>;

/** A review of a version → label move opened, merged (the label moved) or was rejected. */
export const ReviewEventPayload = z.object({
  reviewId: Id,
  promptId: Id,
  promptName: z.string(),
  version: z.number().int(),
  label: z.string(),
  status: z.enum(['open', 'merged', 'rejected', 'closed']),
  actor: z.object({ id: Id.nullable(), email: z.string().nullable() }),
});
export type ReviewEventPayload = z.infer<typeof ReviewEventPayload>;

/** An evaluation reached a final status. */
export const EvaluationFinishedPayload = z.object({
  evaluationId: Id,
  name: z.string(),
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  datasetId: Id,
  summary: z
    .array(z.object({ variant: z.number().int(), metrics: z.record(z.string(), z.number()) }))
    .describe('Mean of each score per variant'),
});
export type EvaluationFinishedPayload = z.infer<typeof EvaluationFinishedPayload>;

/** Event type → payload schema. Adding an event type starts here. */
export const EventPayloads = {
  'prompt.version_created': PromptVersionCreatedPayload,
  'prompt.label_moved': PromptLabelMovedPayload,
  'access.api_key_revoked': ApiKeyRevokedPayload,
  'access.membership_changed': MembershipChangedPayload,
  'experiment.changed': ExperimentChangedPayload,
  'analytics.regression_detected': RegressionDetectedPayload,
  'review.opened': ReviewEventPayload,
  'review.merged': ReviewEventPayload,
  'review.rejected': ReviewEventPayload,
  'evaluation.finished': EvaluationFinishedPayload,
} as const;
export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;
export const EventType = z.enum(Object.keys(EventPayloads) as [EventType, ...EventType[]]);

const envelope = <T extends EventType>(type: T) =>
  z.object({
    id: z
      .number()
      .int()
      .positive()
      .describe('Increases in publication order across the installation; replay with "events after id"'),
    orgId: Id,
    type: z.literal(type),
    payload: EventPayloads[type],
    createdAt: Timestamp,
  });

/** A published event, as the bus delivers it, replay returns it and the change feed streams it. */
export const PlatformEvent = z
  .discriminatedUnion('type', [
    envelope('prompt.version_created'),
    envelope('prompt.label_moved'),
    envelope('access.api_key_revoked'),
    envelope('access.membership_changed'),
    envelope('experiment.changed'),
    envelope('analytics.regression_detected'),
    envelope('review.opened'),
    envelope('review.merged'),
    envelope('review.rejected'),
    envelope('evaluation.finished'),
  ])
  .meta({ id: 'PlatformEvent' });
export type PlatformEvent = z.infer<typeof PlatformEvent>;

/**
 * The change feed's server-sent events: prompt changes, and experiments starting or stopping (a
 * prompt fetched for a subject changes with them). The event name is the type, the data the whole event.
 */
export type ChangeFeedEventType = Extract<EventType, `prompt.${string}` | 'experiment.changed'>;
export type ChangeFeedEvents = { [T in ChangeFeedEventType]: Extract<PlatformEvent, { type: T }> };

export const ChangeFeedQuery = z.object({
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Replay events with a greater id first (the Last-Event-ID header does the same and wins)'),
});
