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
  action: z
    .string()
    .max(100)
    .optional()
    .describe('Action name or its prefix ("prompt" finds prompt.version.created)'),
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
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
