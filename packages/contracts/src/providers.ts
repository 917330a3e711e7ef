import { z } from 'zod';
import { Id, Timestamp } from './common.js';

export const ProviderType = z.enum(['openai', 'anthropic', 'huggingface', 'openai-compatible', 'mock']);
export type ProviderType = z.infer<typeof ProviderType>;

/** Decimal string, exact: USD per million tokens. */
export const Price = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a non-negative decimal with at most 6 decimals'));

export const Provider = z
  .object({
    id: Id,
    name: z.string(),
    type: ProviderType,
    baseUrl: z.string().nullable(),
    keyHint: z
      .string()
      .nullable()
      .describe('Last characters of the API key, e.g. "…a1b2"; the key itself is never returned'),
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
});
export type UpdateProviderRequest = z.infer<typeof UpdateProviderRequest>;

export const ProviderParams = z.object({ orgId: Id, id: Id });

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
});
export type CreateModelRequest = z.input<typeof CreateModelRequest>;

export const UpdateModelRequest = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  inputPricePerMTok: Price.optional(),
  outputPricePerMTok: Price.optional(),
  contextWindow: z.number().int().positive().max(100_000_000).nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateModelRequest = z.input<typeof UpdateModelRequest>;

export const ModelParams = z.object({ orgId: Id, id: Id });

export const ChatMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(200_000),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const TokenizeRequest = z
  .object({
    modelId: Id,
    text: z.string().max(1_000_000).optional(),
    messages: z.array(ChatMessage).max(500).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.messages === undefined), {
    message: 'Give exactly one of text or messages',
    path: ['text'],
  });
export type TokenizeRequest = z.infer<typeof TokenizeRequest>;

export const TokenizeResponse = z.object({
  tokens: z.number().int(),
  exact: z.boolean().describe('False when the count is an estimate (e.g. Anthropic without count_tokens)'),
  method: z.string().describe('How it was counted, e.g. o200k_base, anthropic-count-tokens, estimate'),
  estimatedInputCostUsd: z.string().describe('tokens × input price, exact decimal'),
});
export type TokenizeResponse = z.infer<typeof TokenizeResponse>;
