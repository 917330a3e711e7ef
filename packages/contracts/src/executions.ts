import { z } from 'zod';
import { Id, Problem, Timestamp, VersionNumber } from './common.js';
import { ChatMessage } from './providers.js';
import { checkMessagesSize, MAX_PROMPT_CHARS, PromptName, PromptParams } from './prompts.js';

export const ExecutionStatus = z
  .enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted'])
  .describe(
    '`running` while the call is in flight; `interrupted` when the server running it stopped before it finished (output and tokens are what was seen until then)',
  );
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

export const ExecutionSource = z
  .enum(['playground', 'api', 'evaluation', 'workflow', 'openai'])
  .describe('What made the call: every LLM call goes through one gateway and is recorded with its source');
export type ExecutionSource = z.infer<typeof ExecutionSource>;

export const ToolCall = z
  .object({
    id: z.string().max(200),
    name: z.string().max(200),
    arguments: z.string().describe('JSON text of the arguments, as the model wrote it'),
  })
  .meta({ id: 'ToolCall' });
export type ToolCall = z.infer<typeof ToolCall>;

/**
 * A message as it goes to a model: the stored prompt roles, plus what tool use adds (an assistant
 * turn that called tools, and a `tool` message answering one call).
 */
export const ExecutedMessage = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.string(),
    toolCalls: z.array(ToolCall).optional().describe('Tools an assistant turn called'),
    toolCallId: z.string().optional().describe('The call a `tool` message answers'),
  })
  .meta({ id: 'ExecutedMessage' });
export type ExecutedMessage = z.infer<typeof ExecutedMessage>;

export const ToolDefinition = z
  .object({
    name: z.string().max(200),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional().describe('JSON Schema of the arguments'),
  })
  .meta({ id: 'ToolDefinition' });
export type ToolDefinition = z.infer<typeof ToolDefinition>;

export const CreateExecutionRequest = z
  .object({
    prompt: z
      .object({
        name: PromptName,
        version: VersionNumber.optional(),
        label: z.string().max(50).optional(),
      })
      .optional(),
    template: z.string().max(MAX_PROMPT_CHARS).optional(),
    messages: z.array(ChatMessage).min(1).max(200).optional(),
    modelId: Id,
    variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    params: PromptParams.optional(),
    stream: z.boolean().default(false),
    subject: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe(
        "A user or session id: a prompt without version or label runs a running experiment's variant for it",
      ),
  })
  .superRefine((v, ctx) => {
    checkMessagesSize(v.messages, ctx);
    if (v.template !== undefined && v.messages !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'Give template or messages, not both' });
    }
    if (v.prompt === undefined && v.template === undefined && v.messages === undefined) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'Give a prompt, a template or messages' });
    }
    if (
      v.prompt &&
      (v.template !== undefined || v.messages !== undefined) &&
      (v.prompt.version !== undefined || v.prompt.label !== undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: 'A draft (prompt with template or messages) takes only the prompt name',
      });
    }
  })
  .describe(
    'Run a stored prompt version, a template or messages; a prompt name with a template or messages runs an unsaved draft of that prompt and files it in its history',
  );
export type CreateExecutionRequest = z.input<typeof CreateExecutionRequest>;

export const Execution = z
  .object({
    id: Id,
    status: ExecutionStatus,
    promptName: z.string().nullable(),
    promptVersion: z.number().int().nullable(),
    promptVersionId: Id.nullable(),
    source: ExecutionSource,
    parent: z
      .object({ type: z.enum(['evaluation', 'workflow']), id: Id })
      .nullable()
      .describe('The evaluation or workflow run this call was made for'),
    experiment: z
      .object({ id: Id, variant: z.string() })
      .nullable()
      .describe('The experiment and variant that chose the prompt version'),
    modelId: Id.nullable(),
    model: z.string(),
    input: z.object({
      variables: z.record(z.string(), z.unknown()),
      // Rendered messages: variables can make one longer than a stored message may be.
      messages: z.array(ExecutedMessage).describe('As sent to the model, variables filled in'),
      params: PromptParams,
      tools: z.array(ToolDefinition).optional().describe('Tools offered to the model'),
      source: z
        .union([z.object({ template: z.string() }), z.object({ messages: z.array(ChatMessage) })])
        .optional()
        .describe(
          'The template or messages as written, for a run of an unsaved draft or ad-hoc text; a run of a saved version has promptVersion instead',
        ),
    }),
    output: z.string(),
    toolCalls: z.array(ToolCall).optional().describe('Tools the model called in its answer'),
    usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }),
    costUsd: z.string().describe('Exact decimal USD'),
    latencyMs: z.number().int(),
    ttftMs: z.number().int().nullable(),
    attempts: z.number().int(),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable().describe('null while running'),
    error: z.string().optional(),
  })
  .meta({ id: 'Execution' });
export type Execution = z.infer<typeof Execution>;

export const ExecutionResponse = z.object({ execution: Execution });

export const ExecutionListQuery = z.object({
  promptName: z.string().max(200).optional(),
  source: ExecutionSource.optional(),
  status: ExecutionStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(50),
});
export const ExecutionList = z.object({ items: z.array(Execution), nextCursor: z.string().nullable() });
export const ExecutionParams = z.object({ orgId: Id, id: Id });

/** Server-sent events of a streamed execution, in order: start, delta*, then done or error. */
export const ExecutionStartEvent = z.object({ executionId: Id });
export const ExecutionDeltaEvent = z.object({ text: z.string() });
export const ExecutionDoneEvent = z.object({ execution: Execution });
export const ExecutionErrorEvent = z.object({ problem: Problem, execution: Execution.optional() });

/** The events of a streamed run by name, as the server sends them and clients parse them. */
export interface ExecutionStreamEvents {
  start: z.infer<typeof ExecutionStartEvent>;
  delta: z.infer<typeof ExecutionDeltaEvent>;
  done: z.infer<typeof ExecutionDoneEvent>;
  error: z.infer<typeof ExecutionErrorEvent>;
}
