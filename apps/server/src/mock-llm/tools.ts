import { hashConversation } from './reply.js';
import type { PromptMessage } from './tokens.js';
import { countTextTokens } from './tokens.js';
import { ValidationError } from './validation.js';

// Tool use for both API families. The "model" calls a tool when it is offered one and the
// conversation does not end with a tool's answer (or when the request forces a call); the
// arguments are built from the tool's JSON Schema, so the same request always gets the same call.

export interface MockTool {
  name: string;
  /** JSON Schema of the arguments. */
  parameters: unknown;
}

/** `auto` (the default), `none`, `required` (any tool) or one tool by name. */
export type MockToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface MockToolCall {
  id: string;
  name: string;
  /** The arguments as JSON text. */
  arguments: string;
  input: Record<string, unknown>;
  outputTokens: number;
}

const QUOTED_WORDS = 6;

/** OpenAI's `tools: [{type: 'function', function: {name, parameters}}]`. */
export function parseOpenAiTools(value: unknown): MockTool[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError('tools', 'tools: must be an array');
  return value.map((raw, i) => {
    const t = raw as { type?: unknown; function?: { name?: unknown; parameters?: unknown } };
    if (t?.type !== 'function' || typeof t.function?.name !== 'string' || !t.function.name) {
      throw new ValidationError(
        `tools[${i}].function.name`,
        `tools[${i}]: expected {type: 'function', function: {name, parameters?}}.`,
      );
    }
    return { name: t.function.name, parameters: t.function.parameters };
  });
}

export function parseOpenAiToolChoice(value: unknown, tools: readonly MockTool[]): MockToolChoice {
  if (value === undefined || value === null) return 'auto';
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  const name = (value as { function?: { name?: unknown } }).function?.name;
  if (typeof name === 'string' && tools.some((t) => t.name === name)) return { name };
  throw new ValidationError('tool_choice', `tool_choice: must be auto, none, required or one of the tools.`);
}

/** Anthropic's `tools: [{name, input_schema}]`. */
export function parseAnthropicTools(value: unknown): MockTool[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError('tools', 'tools: Input should be a valid list');
  return value.map((raw, i) => {
    const t = raw as { name?: unknown; input_schema?: unknown };
    if (typeof t?.name !== 'string' || !t.name || typeof t.input_schema !== 'object') {
      throw new ValidationError(`tools.${i}`, `tools.${i}: a tool needs a name and an input_schema`);
    }
    return { name: t.name, parameters: t.input_schema };
  });
}

export function parseAnthropicToolChoice(value: unknown, tools: readonly MockTool[]): MockToolChoice {
  if (value === undefined || value === null) return 'auto';
  const c = value as { type?: unknown; name?: unknown };
  if (c.type === 'auto' || c.type === 'none') return c.type;
  if (c.type === 'any') return 'required';
  if (c.type === 'tool' && typeof c.name === 'string' && tools.some((t) => t.name === c.name))
    return { name: c.name };
  throw new ValidationError('tool_choice', 'tool_choice: must be auto, any, none or one of the tools');
}

/**
 * The call the mock makes, or null for a text answer. `answersTool`: the conversation ends with
 * a tool's result, which an `auto` model answers in text.
 */
export function chooseToolCall(
  tools: readonly MockTool[],
  choice: MockToolChoice,
  messages: readonly PromptMessage[],
  answersTool: boolean,
  idPrefix: string,
): MockToolCall | null {
  if (tools.length === 0 || choice === 'none') return null;
  if (choice === 'auto' && answersTool) return null;
  const tool = typeof choice === 'object' ? tools.find((t) => t.name === choice.name) : tools[0];
  if (!tool) return null;
  const input = argumentsFor(tool.parameters, lastUserWords(messages));
  const args = JSON.stringify(input);
  const id = `${idPrefix}${hashConversation([...messages, { role: 'tool-call', text: tool.name }])
    .toString(16)
    .padStart(8, '0')}`;
  return { id, name: tool.name, arguments: args, input, outputTokens: countTextTokens(tool.name + args) };
}

function lastUserWords(messages: readonly PromptMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user')
      return messages[i]!.text.split(/\s+/).filter(Boolean).slice(0, QUOTED_WORDS).join(' ') || 'mock';
  }
  return 'mock';
}

/** A value for every property of the schema: strings quote the user, numbers are 1, booleans true. */
function argumentsFor(schema: unknown, text: string): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, { type?: unknown; enum?: unknown[] }> })
    ?.properties;
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(properties ?? {})) {
    if (Array.isArray(prop?.enum) && prop.enum.length > 0) out[key] = prop.enum[0];
    else if (prop?.type === 'string') out[key] = text;
    else if (prop?.type === 'number' || prop?.type === 'integer') out[key] = 1;
    else if (prop?.type === 'boolean') out[key] = true;
    else if (prop?.type === 'array') out[key] = [];
    else if (prop?.type === 'object') out[key] = {};
    else out[key] = null;
  }
  return out;
}

/** JSON text split into `count` pieces (any split of the text is valid for a streamed call). */
export function splitArguments(text: string, count: number): string[] {
  const n = Math.max(1, Math.min(count || 4, text.length));
  const size = Math.ceil(text.length / n);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}
