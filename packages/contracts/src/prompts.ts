import { z } from 'zod';
import { Id, MAX_INT32, Timestamp, VersionNumber } from './common.js';
import { ChatMessage } from './providers.js';

/** Folders are `/`-separated segments; each segment is a slug-like name. */
export const PromptName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/,
    'letters, digits, . _ - and / between folder segments',
  );

export const LabelName = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, _ and -')
  .refine((l) => l !== 'latest', 'latest always points at the newest version and cannot be moved');

export const PromptType = z.enum(['text', 'chat']);

export const PromptParams = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(1).max(1_000_000).optional(),
    topP: z.number().min(0).max(1).optional(),
    stop: z.array(z.string().min(1).max(100)).max(8).optional(),
  })
  .meta({ id: 'PromptParams' });
export type PromptParams = z.infer<typeof PromptParams>;

export const VariableSpec = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  default: z.string().max(100_000).optional(),
  type: z.enum(['string', 'number', 'boolean', 'json']).optional(),
  description: z.string().max(500).optional(),
});
export type VariableSpec = z.infer<typeof VariableSpec>;

/** Largest stored prompt: a template, or all messages of a chat prompt together, in characters. */
export const MAX_PROMPT_CHARS = 200_000;

/** Adds an issue when messages hold more than MAX_PROMPT_CHARS characters in total. */
export function checkMessagesSize(
  messages: readonly { content: string }[] | null | undefined,
  ctx: z.RefinementCtx,
  at: (string | number)[] = [],
) {
  if (!messages) return;
  let total = 0;
  for (const m of messages) total += m.content.length;
  if (total > MAX_PROMPT_CHARS)
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'messages'],
      message: `All messages together may hold at most ${MAX_PROMPT_CHARS.toLocaleString('en-US')} characters`,
    });
}

const versionFields = {
  description: z.string().max(2000).optional(),
  type: PromptType.optional().describe('Inferred from template/messages when omitted'),
  template: z.string().max(MAX_PROMPT_CHARS).optional(),
  messages: z.array(ChatMessage).min(1).max(200).optional(),
  variables: z.array(VariableSpec).max(100).optional().describe('Optional metadata for detected variables'),
  modelId: Id.nullable().optional(),
  params: PromptParams.optional(),
  commitMessage: z.string().max(500).optional(),
};

/** Exactly one of template (text prompt) or messages (chat prompt), agreeing with `type` when given. */
function checkBody(
  v: {
    type?: string | undefined;
    template?: string | null | undefined;
    messages?: { content: string }[] | null | undefined;
  },
  ctx: z.RefinementCtx,
  at: (string | number)[] = [],
) {
  const hasTemplate = v.template !== undefined && v.template !== null;
  const hasMessages = v.messages !== undefined && v.messages !== null;
  const type = v.type ?? (hasMessages ? 'chat' : 'text');
  if (type === 'text' && !hasTemplate)
    ctx.addIssue({ code: 'custom', path: [...at, 'template'], message: 'A text prompt needs a template' });
  if (type === 'chat' && !hasMessages)
    ctx.addIssue({ code: 'custom', path: [...at, 'messages'], message: 'A chat prompt needs messages' });
  if (type === 'text' && hasMessages)
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'messages'],
      message: 'A text prompt has a template, not messages',
    });
  if (type === 'chat' && hasTemplate)
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'template'],
      message: 'A chat prompt has messages, not a template',
    });
  if (hasTemplate && v.template!.length > MAX_PROMPT_CHARS)
    ctx.addIssue({
      code: 'custom',
      path: [...at, 'template'],
      message: `A template may hold at most ${MAX_PROMPT_CHARS.toLocaleString('en-US')} characters`,
    });
  checkMessagesSize(v.messages, ctx, at);
}

export const CreatePromptRequest = z.object({ name: PromptName, ...versionFields }).superRefine(checkBody);
export type CreatePromptRequest = z.input<typeof CreatePromptRequest>;

export const CreatePromptVersionRequest = z
  .object({
    ...versionFields,
    baseVersion: VersionNumber.optional().describe(
      'The version this edit started from: 409 (with latestVersion) when a newer one exists',
    ),
  })
  .superRefine(checkBody);
export type CreatePromptVersionRequest = z.input<typeof CreatePromptVersionRequest>;

export const PromptVersion = z
  .object({
    id: Id,
    promptId: Id,
    name: z.string(),
    description: z.string().nullable(),
    type: PromptType,
    version: z.number().int(),
    template: z.string().nullable(),
    messages: z.array(ChatMessage).nullable(),
    variables: z
      .array(VariableSpec)
      .describe('Variables detected in the template, with any declared metadata'),
    modelId: Id.nullable(),
    params: PromptParams,
    commitMessage: z.string().nullable(),
    labels: z
      .array(z.string())
      .describe('Labels pointing at this version (latest included when it is the newest)'),
    createdBy: z
      .object({
        id: Id.nullable(),
        email: z.string().nullable(),
        apiKeyName: z.string().nullable().describe('Set when an API key created the version'),
      })
      .describe('Author: a user (id, email) or an API key (apiKeyName)'),
    createdAt: Timestamp,
    experiment: z
      .object({ id: Id, variant: z.string() })
      .optional()
      .describe('Set when a running experiment chose this version for the subject of the fetch'),
  })
  .meta({ id: 'PromptVersion' });
export type PromptVersion = z.infer<typeof PromptVersion>;

export const PromptSummary = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    type: PromptType,
    latestVersion: z.number().int(),
    labels: z
      .record(z.string(), z.number().int())
      .describe('Explicit labels → version number (latest is latestVersion)'),
    updatedAt: Timestamp,
  })
  .meta({ id: 'PromptSummary' });
export type PromptSummary = z.infer<typeof PromptSummary>;

export const PromptListQuery = z.object({
  search: z.string().max(200).optional(),
  folder: z.string().max(200).optional().describe('Only prompts under this folder, e.g. support/email'),
});
export const PromptList = z.object({ items: z.array(PromptSummary) });

export const PromptNameParams = z.object({ orgId: Id, name: PromptName });
export const PromptSelector = z.object({
  version: z.coerce.number().int().min(1).max(MAX_INT32).optional(),
  label: z.string().max(50).optional(),
  subject: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("A user or session id: without version or label, a running experiment's variant for it"),
  resolve: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: expand {{> other/prompt}} includes in template/messages (runs always do)'),
});
export const VersionList = z.object({ items: z.array(PromptVersion) });

export const LabelParams = z.object({ orgId: Id, name: PromptName, label: LabelName });
export const MoveLabelRequest = z.object({ version: VersionNumber });
export const LabelResponse = z.object({
  label: z.string(),
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
});

/** Export format (JSON or YAML): versioned, so future fields stay readable. */
export const PromptExportVersion = z.object({
  version: VersionNumber,
  template: z.string().nullable().optional(),
  messages: z.array(ChatMessage).nullable().optional(),
  variables: z.array(VariableSpec).optional(),
  model: z.string().nullable().optional().describe('Model name at export time (informational)'),
  params: PromptParams.optional(),
  commitMessage: z.string().nullable().optional(),
  createdAt: z.string().optional(),
});
export const PromptExportItem = z
  .object({
    name: PromptName,
    description: z.string().max(2000).nullable().optional(),
    type: PromptType,
    labels: z
      .record(z.string(), VersionNumber)
      .optional()
      .describe('Label → version number in this document (latest is implicit)'),
    versions: z.array(PromptExportVersion).min(1).max(1000),
  })
  .superRefine((item, ctx) => {
    const numbers = new Set<number>();
    item.versions.forEach((v, i) => {
      if (numbers.has(v.version))
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'version'],
          message: 'Duplicate version number',
        });
      numbers.add(v.version);
      checkBody({ ...v, type: item.type }, ctx, ['versions', i]);
    });
    for (const [label, version] of Object.entries(item.labels ?? {})) {
      const name = LabelName.safeParse(label);
      if (!name.success)
        ctx.addIssue({ code: 'custom', path: ['labels', label], message: name.error.issues[0]!.message });
      else if (!numbers.has(version))
        ctx.addIssue({
          code: 'custom',
          path: ['labels', label],
          message: `Version ${version} is not in this document`,
        });
    }
  });
export const PromptExportDocument = z
  .object({
    format: z.literal('promptops.prompts/v1'),
    exportedAt: z.string().optional(),
    prompts: z.array(PromptExportItem).max(10_000),
  })
  .meta({ id: 'PromptExportDocument' });
export type PromptExportDocument = z.infer<typeof PromptExportDocument>;

export const ExportQuery = z.object({
  format: z.enum(['json', 'yaml']).default('json'),
  name: PromptName.optional().describe('Export one prompt; omit for all'),
});
export const ImportQuery = z.object({
  rename: PromptName.optional().describe('Import a single prompt under this name'),
});
export const ImportResponse = z.object({
  items: z.array(
    z.object({ name: z.string(), createdVersions: z.array(z.number().int()), created: z.boolean() }),
  ),
});
