import type {
  ExecutedMessage,
  PromptParams,
  ProviderType,
  ToolCall,
  ToolDefinition,
} from '@promptops/contracts';

/** A message to a model: prompt roles plus tool calls and tool results. */
export type LlmMessage = ExecutedMessage;
export type { ToolCall, ToolDefinition };

/** Which tool the model may or must call; `{ name }` forces that one. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** Why the model stopped, in OpenAI's words (each client maps its provider's own reasons). */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface ChatRequest {
  model: string;
  messages: LlmMessage[];
  params: PromptParams;
  tools?: ToolDefinition[] | undefined;
  toolChoice?: ToolChoice | undefined;
}

/** A piece of a tool call: the first piece of a call carries its id and name, later ones more arguments. */
export interface ToolCallDelta {
  /** Position of the call in the answer (several calls may be streamed side by side). */
  index: number;
  id?: string;
  name?: string;
  arguments: string;
}

export type StreamEvent =
  /** The provider accepted the request (response headers arrived); carries its rate-limit headers. */
  | { type: 'open'; headers: Headers }
  | { type: 'delta'; text: string }
  | ({ type: 'tool_call' } & ToolCallDelta)
  | { type: 'finish'; reason: FinishReason }
  | { type: 'usage'; inputTokens: number; outputTokens: number };

/** One interface for every provider protocol; each implementation wraps an official SDK. */
export interface LlmClient {
  /** Yields text deltas as the provider sends them, and usage when the provider reports it. */
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
  /** Exact prompt token count from the provider, when it offers one. */
  countTokens?(request: ChatRequest, signal: AbortSignal): Promise<number>;
  /** The provider's model ids: a cheap call that proves the endpoint and key work. */
  listModels(signal: AbortSignal): Promise<string[]>;
  /** Embeddings of `texts` with `model`, for providers with an embeddings API. */
  embed?(
    model: string,
    texts: readonly string[],
    signal: AbortSignal,
  ): Promise<{ vectors: Float32Array[]; inputTokens: number }>;
}

export interface ProviderConnection {
  type: ProviderType;
  baseUrl: string | null;
  apiKey: string | null;
  /** Extra headers sent with every request (custom gateways, self-hosted servers). */
  headers?: Record<string, string>;
  /** The egress policy's pinned fetch; absent only for the built-in mock on loopback. */
  fetch?: typeof fetch;
}

/**
 * A provider answered with an error (or could not be reached). `upstream` says the message is
 * the provider's own response body: shown only to admins (it can echo whatever the target
 * server answers). `refused` marks a call the egress policy stopped: never retried, not an outage.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterSeconds: number | null = null,
    readonly origin: 'upstream' | 'gateway' | 'refused' = 'gateway',
  ) {
    super(message);
  }
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What an admission hook sees of a call before it goes upstream. */
export interface AdmissionRequest {
  orgId: string;
  source: string;
  modelId: string;
  providerId: string;
  messages: LlmMessage[];
}

/**
 * Runs before every LLM call (budgets, quotas, PII masking). Refuse by throwing an AppError
 * (e.g. 402 or 429 with a clear message); return `{messages}` to send rewritten messages instead.
 */
export interface AdmissionHook {
  name: string;
  admit(request: AdmissionRequest): Promise<{ messages?: AdmissionRequest['messages'] } | void>;
}
