import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const ActorType = z.enum(['user', 'api_key', 'system', 'anonymous']);

export const AuditEvent = z
  .object({
    id: Id,
    at: Timestamp,
    actor: z.object({ type: ActorType, id: z.string().nullable(), email: z.string().nullable() }),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  resourceType: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: Id.nullable(),
  reason: z
    .enum([
      'row_tampered',
      'rows_missing',
      'checkpoint_behind',
      'head_mismatch',
      'checkpoint_missing',
      'checkpoint_signature_invalid',
      'anchor_missing',
      'anchor_mismatch',
    ])
    .nullable()
    .describe(
      'Why verification failed: a row does not match its hash or link; rows after the signed checkpoint are gone; the chain head differs from the checkpoint (re-hashed); the checkpoint is missing or its signature is invalid; the exported checkpoint given as anchor is not in the chain',
    ),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

export const AuditVerifyQuery = z
  .object({
    seq: z.coerce.number().int().min(1).optional().describe('From an exported checkpoint: its seq'),
    headHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .describe('From an exported checkpoint: its headHash (needs seq)'),
  })
  .refine((q) => (q.seq === undefined) === (q.headHash === undefined), {
    message: 'seq and headHash go together',
    path: ['headHash'],
  });
export type AuditVerifyQuery = z.infer<typeof AuditVerifyQuery>;

export const AuditCheckpoint = z
  .object({
    orgId: Id,
    seq: z.number().int().describe('Number of events in the chain'),
    headHash: z.string().describe('Hash of the newest event'),
    signature: z.string().describe('HMAC-SHA256 under a key derived from the master key, with its key id'),
    updatedAt: Timestamp,
  })
  .meta({ id: 'AuditCheckpoint' });
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;
