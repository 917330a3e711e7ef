import { z } from 'zod';

export const Id = z.uuid();

/** Largest value of a PostgreSQL integer column: bigger numbers are refused at the edge, not by the database. */
export const MAX_INT32 = 2_147_483_647;
/** A version number (1-based), as stored in an integer column. */
export const VersionNumber = z.number().int().min(1).max(MAX_INT32);
export const Timestamp = z.iso.datetime({ offset: true });

/** RFC 9457 problem details, as every error response carries. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().describe('A machine-readable reason (workflow graphs: the error code)'),
          nodeId: z.string().optional().describe('Workflow graphs: the node at fault'),
          edgeId: z.string().optional().describe('Workflow graphs: the edge at fault'),
        }),
      )
      .optional()
      .describe('Validation errors, one per field at fault'),
    retryAfterSeconds: z.number().optional(),
    executionId: z.string().optional().describe('The stored run, when a provider call failed'),
    latestVersion: z
      .number()
      .int()
      .optional()
      .describe('On a 409 for a stale baseVersion: the newest version of the prompt'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const OrgParams = z.object({ orgId: Id });
export type OrgParams = z.infer<typeof OrgParams>;

export const CursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The body of an action that takes no input; a POST without a body arrives as null. */
export const EmptyBody = z.object({}).strict().nullish().describe('No fields');
