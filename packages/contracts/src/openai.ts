import { z } from 'zod';

// The OpenAI-compatible endpoint speaks OpenAI's wire format (snake_case, its own error shape), so
// the official OpenAI SDKs work against it unchanged. Fields we do not act on are accepted and
// ignored, as OpenAI-compatible servers do; the few that would change the answer in a way we
// cannot honour are refused with a 400 naming them.

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const MessageContent = z.union([z.string(), z.array(TextPart)]);

export const OpenAiToolCall = z.object({
  id: z.string().min(1).max(200),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1).max(64), arguments: z.string() }),
});

const SystemMessage = z.object({
  role: z.enum(['system', 'developer']),
  content: MessageContent,
  name: z.string().optional(),
});
const UserMessage = z.object({
  role: z.literal('user'),
  content: MessageContent,
  name: z.string().optional(),
});
const AssistantMessage = z.object({
  role: z.literal('assistant'),
  content: MessageContent.nullable().optional(),
  tool_calls: z.array(OpenAiToolCall).max(128).optional(),
  name: z.string().optional(),
  refusal: z.string().nullable().optional(),
});
const ToolMessage = z.object({
  role: z.literal('tool'),
  content: MessageContent,
  tool_call_id: z.string().min(1).max(200),
});

export const OpenAiMessage = z.discriminatedUnion('role', [
  SystemMessage,
  UserMessage,
  AssistantMessage,
  ToolMessage,
]);
export type OpenAiMessage = z.infer<typeof OpenAiMessage>;

export const OpenAiTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64 characters'),
    description: z.string().max(10_000).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullable().optional(),
  }),
});

const VariableValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ChatCompletionRequest = z
  .object({
    model: z
      .string()
      .min(1)
      .max(300)
      .describe(
        'A model name of the organization, or `prompt:<name>`, `prompt:<name>@<label>`, `prompt:<name>#<version>` to run a managed prompt',
      ),
    messages: z.array(OpenAiMessage).max(500).describe("Appended after a managed prompt's rendered messages"),
    stream: z.boolean().nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    max_tokens: z.number().int().min(1).max(1_000_000).nullable().optional(),
    max_completion_tokens: z.number().int().min(1).max(1_000_000).nullable().optional(),
    stop: z
      .union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(4)])
      .nullable()
      .optional(),
    n: z.literal(1).nullable().optional().describe('Only 1 is supported'),
    tools: z.array(OpenAiTool).max(128).optional(),
    tool_choice: z
      .union([
        z.enum(['none', 'auto', 'required']),
        z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().optional().describe('Accepted; the provider decides'),
    logprobs: z.literal(false).nullable().optional().describe('Log probabilities are not supported'),
    response_format: z
      .object({ type: z.literal('text') })
      .optional()
      .describe('Only `text`: JSON modes are not passed to providers'),
    user: z.string().max(500).optional(),
    metadata: z
      .object({
        variables: z
          .union([z.record(z.string(), VariableValue), z.string().max(100_000)])
          .optional()
          .describe(
            "A managed prompt's variables: an object, or the same object as a JSON string (OpenAI's metadata values are strings)",
          ),
      })
      .catchall(z.unknown())
      .nullable()
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.stream_options != null && !v.stream) {
      ctx.addIssue({
        code: 'custom',
        path: ['stream_options'],
        message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      });
    }
    if (v.tool_choice !== undefined && typeof v.tool_choice === 'object') {
      const name = v.tool_choice.function.name;
      if (!v.tools?.some((t) => t.function.name === name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tool_choice'],
          message: `tool_choice names "${name}", which is not among the tools`,
        });
      }
    }
  })
  .describe('OpenAI Chat Completions request');
export type ChatCompletionRequest = z.input<typeof ChatCompletionRequest>;

export const ChatCompletionUsage = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

export const OpenAiFinishReason = z.enum(['stop', 'length', 'tool_calls', 'content_filter']);

export const ChatCompletion = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable(),
          tool_calls: z.array(OpenAiToolCall).optional(),
          refusal: z.null(),
        }),
        finish_reason: OpenAiFinishReason,
        logprobs: z.null(),
      }),
    ),
    usage: ChatCompletionUsage,
    system_fingerprint: z.null(),
  })
  .describe(
    'With `stream: true` the answer is `text/event-stream` of `data: {chat.completion.chunk}` lines ending in `data: [DONE]`',
  );
export type ChatCompletion = z.infer<typeof ChatCompletion>;

/** One streamed piece (`chat.completion.chunk`). */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint: null;
  choices: {
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      tool_calls?: {
        index: number;
        id?: string;
        type?: 'function';
        function: { name?: string; arguments: string };
      }[];
    };
    logprobs: null;
    finish_reason: z.infer<typeof OpenAiFinishReason> | null;
  }[];
  usage?: z.infer<typeof ChatCompletionUsage> | null;
}

export const OpenAiModel = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number().int(),
  owned_by: z.string().describe('The provider the model belongs to'),
});
export const OpenAiModelList = z.object({ object: z.literal('list'), data: z.array(OpenAiModel) });

export const OpenAiError = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      param: z.string().nullable(),
      code: z.string().nullable(),
    }),
  })
  .describe("OpenAI's error shape (this endpoint does not use problem+json)");
export type OpenAiError = z.infer<typeof OpenAiError>;
