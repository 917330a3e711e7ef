import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const HealthStatus = z
  .enum(['healthy', 'degraded', 'down', 'unknown'])
  .describe(
    'healthy: answered fast; degraded: slow or rate-limited (429); down: error or timeout; unknown: never checked',
  );
export type HealthStatus = z.infer<typeof HealthStatus>;

/** The latest health check of a provider (or of a model through its provider). */
export const ProviderHealth = z
  .object({
    status: HealthStatus,
    checkedAt: Timestamp.nullable().describe('null when the provider was never checked'),
    latencyMs: z.number().int().nullable(),
    error: z.string().optional().describe("The provider's error message when it is degraded or down"),
  })
  .meta({ id: 'ProviderHealth' });
export type ProviderHealth = z.infer<typeof ProviderHealth>;

export const HealthCheckRequest = z
  .object({
    probe: z
      .enum(['models', 'completion'])
      .optional()
      .describe(
        'models: list the models; completion: ask the first active model for 1 token. Default: HEALTH_CHECK_PROBE',
      ),
  })
  // A POST without a body arrives as null.
  .nullish();
export type HealthCheckRequest = z.infer<typeof HealthCheckRequest>;

export const HealthCheckResponse = z.object({ health: ProviderHealth });
export type HealthCheckResponse = z.infer<typeof HealthCheckResponse>;

export const HealthCheck = z
  .object({
    id: Id,
    providerId: Id,
    modelId: Id.nullable().describe('The model probed by a completion probe; null for a models-list probe'),
    status: z.enum(['healthy', 'degraded', 'down']),
    latencyMs: z.number().int().nullable(),
    error: z.string().nullable(),
    checkedAt: Timestamp,
  })
  .meta({ id: 'HealthCheck' });
export type HealthCheck = z.infer<typeof HealthCheck>;

export const HealthHistoryQuery = z.object({
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(168)
    .default(24)
    .describe('How far back to look; history is kept for 7 days'),
});
export type HealthHistoryQuery = z.infer<typeof HealthHistoryQuery>;

export const HealthHistory = z.object({
  health: ProviderHealth,
  items: z.array(HealthCheck).describe('Newest first'),
});
export type HealthHistory = z.infer<typeof HealthHistory>;
