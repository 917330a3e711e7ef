import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { ProviderHealth } from './health.js';

export const ProviderType = z.enum(['openai', 'anthropic', 'huggingface', 'openai-compatible', 'mock']);
export type ProviderType = z.infer<typeof ProviderType>;

/** Decimal string, exact: USD per million tokens. */
export const Price = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a non-negative decimal with at most 6 decimals'));

export const ProviderSettings = z
  .object({
    timeoutMs: z
      .object({
        connect: z
          .number()
          .int()
          .min(100)
          .max(600_000)
          .optional()
          .describe('Until response headers; default 10000'),
        ttft: z
          .number()
          .int()
          .min(100)
          .max(600_000)
          .optional()
          .describe('Until the first token; default 60000'),
        total: z
          .number()
          .int()
          .min(100)
          .max(3_600_000)
          .optional()
          .describe('Whole call including retries; default 600000'),
      })
      .optional(),
    maxRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .describe('Retries on 429/5xx/network/timeouts before the first token; default 2'),
    breaker: z
      .object({
        consecutiveFailures: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .optional()
          .describe('Failures that open the circuit; default 5'),
        halfOpenAfterMs: z
          .number()
          .int()
          .min(100)
          .max(3_600_000)
          .optional()
          .describe('Wait before a probe call; default 30000'),
      })
      .optional(),
  })
  .meta({ id: 'ProviderSettings' });
export type ProviderSettings = z.infer<typeof ProviderSettings>;

const HeaderName = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'header names: letters, digits and -');

/**
 * Settings as written. Header values are secrets (`api-key`, `Authorization`): they are stored
 * encrypted and never returned; a provider shows only their names and hints.
 */
export const ProviderSettingsInput = ProviderSettings.extend({
  headers: z
    .record(HeaderName, z.string().max(2000).nullable())
    .optional()
    .describe(
      'Extra headers sent with every request (e.g. for a self-hosted gateway). On update the given headers are merged into the stored ones: a value replaces, null removes, an absent name is kept',
    ),
}).meta({ id: 'ProviderSettingsRequest' });
export type ProviderSettingsInput = z.infer<typeof ProviderSettingsInput>;

export const ProviderHeader = z
  .object({
    name: z.string(),
    hint: z
      .string()
      .nullable()
      .describe(
        'Last 4 characters of the value when it has at least 16, else null; the value is never returned',
      ),
  })
  .meta({ id: 'ProviderHeader' });
export type ProviderHeader = z.infer<typeof ProviderHeader>;

export const LimitWindow = z.object({
  limit: z.number().nullable(),
  remaining: z.number().nullable(),
  resetAt: z.string().nullable(),
});

export const BreakerStatus = z.object({
  state: z.enum(['closed', 'open', 'half-open']),
  openedAt: z.string().nullable().optional(),
});

export const Provider = z
  .object({
    id: Id,
    name: z.string(),
    type: ProviderType,
    baseUrl: z.string().nullable(),
    keyHint: z
      .string()
      .nullable()
      .describe(
        'Last 4 characters of the API key, e.g. "…a1b2", when the key has at least 16 characters (else null); the key itself is never returned',
      ),
    settings: ProviderSettings,
    headers: z.array(ProviderHeader).describe('Custom header names with hints; values are never returned'),
    health: ProviderHealth,
    breaker: BreakerStatus,
    rateLimits: z
      .object({ requests: LimitWindow.nullable(), tokens: LimitWindow.nullable() })
      .describe("The provider's own limits from its latest response headers (null when unknown)"),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Provider' });
export type Provider = z.infer<typeof Provider>;

export const ProviderList = z.object({ items: z.array(Provider) });

export const CreateProviderRequest = z.object({
  name: z.string().trim().min(1).max(100),
  type: ProviderType,
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  apiKey: z.string().min(1).max(500).optional(),
  settings: ProviderSettingsInput.optional(),
  seedModels: z
    .boolean()
    .default(true)
    .describe("Add the provider type's default models with editable prices"),
});
export type CreateProviderRequest = z.input<typeof CreateProviderRequest>;

export const UpdateProviderRequest = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  apiKey: z.string().min(1).max(500).nullable().optional().describe('null removes the stored key'),
  settings: ProviderSettingsInput.optional().describe(
    'Replaces the stored timeouts, retries and breaker settings; headers are merged (see ProviderSettingsRequest)',
  ),
});
export type UpdateProviderRequest = z.infer<typeof UpdateProviderRequest>;

export const ProviderParams = z.object({ orgId: Id, id: Id });

export const ModelSettings = z
  .object({
    unsupportedParams: z
      .array(z.enum(['temperature', 'topP', 'maxTokens', 'stop']))
      .optional()
      .describe('Parameters this model rejects; they are left out of calls'),
    limits: z
      .object({
        requestsPerMinute: z.number().int().min(1).optional(),
        tokensPerMinute: z.number().int().min(1).optional(),
      })
      .optional()
      .describe('Per-organization limits enforced before calling the provider'),
  })
  .meta({ id: 'ModelSettings' });
export type ModelSettings = z.infer<typeof ModelSettings>;

export const UsageWindow = z.object({
  used: z.number().int(),
  limit: z.number().int().nullable(),
  resetAt: z.string(),
});

export const Model = z
  .object({
    id: Id,
    providerId: Id,
    providerName: z.string(),
    providerType: ProviderType,
    name: z.string().describe("The provider's model id, e.g. gpt-4o-mini"),
    displayName: z.string(),
    inputPricePerMTok: z.string().describe('USD per million input tokens (exact decimal)'),
    outputPricePerMTok: z.string().describe('USD per million output tokens (exact decimal)'),
    contextWindow: z.number().int().nullable(),
    active: z.boolean(),
    isTestModel: z.boolean().describe("True for the built-in mock provider's models"),
    settings: ModelSettings,
    health: ProviderHealth.describe("The latest health check of the model's provider"),
    usage: z
      .object({ requests: UsageWindow, tokens: UsageWindow })
      .describe("This organization's use of the model in the current minute"),
    createdAt: Timestamp,
  })
  .meta({ id: 'Model' });
export type Model = z.infer<typeof Model>;

export const ModelList = z.object({ items: z.array(Model) });

export const CreateModelRequest = z.object({
  providerId: Id,
  name: z.string().trim().min(1).max(200),
  displayName: z.string().trim().min(1).max(200).optional(),
  inputPricePerMTok: Price,
  outputPricePerMTok: Price,
  contextWindow: z.number().int().positive().max(100_000_000).optional(),
  active: z.boolean().optional(),
  settings: ModelSettings.optional(),
});
export type CreateModelRequest = z.input<typeof CreateModelRequest>;

export const UpdateModelRequest = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  inputPricePerMTok: Price.optional(),
  outputPricePerMTok: Price.optional(),
  contextWindow: z.number().int().positive().max(100_000_000).nullable().optional(),
  active: z.boolean().optional(),
  settings: ModelSettings.optional(),
});
export type UpdateModelRequest = z.input<typeof UpdateModelRequest>;

export const ModelParams = z.object({ orgId: Id, id: Id });

export const ChatMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(200_000),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** Most characters one tokenize request may count (text, or all messages together). */
export const MAX_TOKENIZE_CHARS = 1_000_000;

export const TokenizeRequest = z
  .object({
    modelId: Id,
    text: z.string().max(MAX_TOKENIZE_CHARS).optional(),
    messages: z.array(ChatMessage).max(500).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.messages === undefined), {
    message: 'Give exactly one of text or messages',
    path: ['text'],
  })
  .refine((v) => (v.messages ?? []).reduce((n, m) => n + m.content.length, 0) <= MAX_TOKENIZE_CHARS, {
    message: `All messages together may hold at most ${MAX_TOKENIZE_CHARS.toLocaleString('en-US')} characters`,
    path: ['messages'],
  });
export type TokenizeRequest = z.infer<typeof TokenizeRequest>;

export const TokenizeResponse = z.object({
  tokens: z.number().int(),
  exact: z.boolean().describe('False when the count is an estimate (e.g. Anthropic without count_tokens)'),
  method: z.string().describe('How it was counted, e.g. o200k_base, anthropic-count-tokens, estimate'),
  estimatedInputCostUsd: z.string().describe('tokens × input price, exact decimal'),
});
export type TokenizeResponse = z.infer<typeof TokenizeResponse>;
