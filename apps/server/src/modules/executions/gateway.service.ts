import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type {
  ChatMessage,
  ExecutedMessage,
  ExecutionSource,
  ModelSettings,
  PromptParams,
  ProviderSettings,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Actor } from '../../platform/context.js';
import { costUsd } from '../../platform/decimal.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { countChatBounded, countTextBounded, encodingFor } from '../../platform/llm/token-count.js';
import type {
  FinishReason,
  LlmClient,
  ProviderError,
  TokenUsage,
  ToolCall,
  ToolCallDelta,
  ToolChoice,
  ToolDefinition,
} from '../../platform/llm/types.js';
import { callWithResilience } from '../../platform/llm/resilience.js';
import { parseRateLimitHeaders } from '../../platform/llm/rate-limit-headers.js';
import { admitRequest, recordTokens, resiliencePolicy, supportedParams } from '../providers/model-ops.js';
import { clientForProvider, modelForCall } from '../providers/provider-client.js';
import type * as providersRepo from '../providers/providers.repository.js';
import * as repo from './executions.repository.js';
import { runTracker } from './run-tracker.js';

/**
 * The one path every LLM call takes (playground runs, evaluation items, judges, workflow nodes,
 * the OpenAI-compatible endpoint): admission (the model's limits, then the admission hooks that
 * budgets and PII masking plug into), breakers and retries, cost, and recording — the run is
 * stored `running` once its first token is out, kept alive by heartbeats, and finished with its
 * outcome (the hourly rollup follows in the same statement).
 */

/** What is being called: a model of the caller's organization and its provider. */
/** A call with no token yet after this long is recorded as running anyway (slow first tokens). */
export const RECORD_RUNNING_AFTER_MS = 250;

export interface CallTarget {
  model: providersRepo.ModelRow;
  provider: providersRepo.ProviderRow;
  client: LlmClient;
}

/** Finds an active model of the organization; `path` names the request field for the error. */
export async function resolveTarget(
  app: AppContext,
  orgId: string,
  modelId: string,
  path = 'modelId',
): Promise<CallTarget> {
  const found = await modelForCall(app, orgId, modelId);
  if (!found) throw validationFailed([{ path, message: 'No such model in this organization' }]);
  if (!found.model.active) throw validationFailed([{ path, message: 'This model is inactive' }]);
  return { ...found, client: await clientForProvider(app, found.provider) };
}

export interface LlmCall {
  orgId: string;
  actor: Actor;
  source: ExecutionSource;
  target: CallTarget;
  /** Rendered messages, as they go to the model (tool calls and results included). */
  messages: ExecutedMessage[];
  params: PromptParams;
  /** Tools offered to the model, and whether or which one it must call. */
  tools?: ToolDefinition[] | undefined;
  toolChoice?: ToolChoice | undefined;
  /** The stored prompt this call runs (name only for an unsaved draft). */
  prompt?: { name: string; version: number | null; versionId: string | null } | undefined;
  /** The evaluation or workflow run this call belongs to. */
  parent?: { type: 'evaluation' | 'workflow'; id: string } | undefined;
  experiment?: { id: string; variant: string } | undefined;
  variables?: Record<string, unknown> | undefined;
  /** The template or messages as written (a draft or ad-hoc run), to reopen the run later. */
  unrendered?: { template: string } | { messages: ChatMessage[] } | undefined;
  /** Chosen by the caller when it must know the id before the call (a stream's `start` event). */
  id?: string | undefined;
}

declare const admitted: unique symbol;
/** A call that passed admission: the only kind `callLlm` takes. */
export type AdmittedCall = LlmCall & { readonly id: string; readonly [admitted]: true };

/**
 * Admission, before anything goes upstream: the model's rate limits, then every admission hook
 * (in registration order; a hook may refuse with an AppError or rewrite the messages). Parameters
 * the model rejects are dropped here.
 */
export async function admitCall(app: AppContext, call: LlmCall): Promise<AdmittedCall> {
  const settings = call.target.model.settings as ModelSettings;
  await admitRequest(app, call.orgId, call.target.model, settings);
  let messages = call.messages;
  for (const hook of app.llm.admissionHooks) {
    const result = await hook.admit({
      orgId: call.orgId,
      source: call.source,
      modelId: call.target.model.id,
      providerId: call.target.provider.id,
      messages,
    });
    if (result?.messages) messages = result.messages;
  }
  return {
    ...call,
    messages,
    params: supportedParams(call.params, settings),
    id: call.id ?? randomUUID(),
  } as AdmittedCall;
}

/** Admits a call, waiting out a model's rate-limit window instead of failing (background work:
 * evaluation items, workflow nodes). */
export async function admitWhenAllowed(
  app: AppContext,
  call: LlmCall,
  signal: AbortSignal,
): Promise<AdmittedCall> {
  for (;;) {
    try {
      return await admitCall(app, call);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 429) throw err;
      const wait = Math.max(1, err.extra.retryAfterSeconds ?? 1) * 1000;
      await sleep(Math.min(wait, 60_000), signal);
    }
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

export interface CallOptions {
  signal: AbortSignal;
  /** Each chunk of text the moment the provider sends it. */
  onDelta?: (text: string) => void;
  /** Each piece of a tool call the moment the provider sends it. */
  onToolCall?: (piece: ToolCallDelta) => void;
}

export interface CallResult {
  execution: repo.ExecutionRow;
  /** Why the model stopped, when the provider said (succeeded runs). */
  finishReason?: FinishReason;
  /** Why the provider call failed (not set for succeeded or cancelled runs). */
  failure?: ProviderError;
}

function baseRow(call: AdmittedCall, createdAt: Date): repo.NewExecutionRow & { createdAt: Date } {
  const { model, provider } = call.target;
  return {
    id: call.id,
    orgId: call.orgId,
    source: call.source,
    parentType: call.parent?.type ?? null,
    parentId: call.parent?.id ?? null,
    experimentId: call.experiment?.id ?? null,
    experimentVariant: call.experiment?.variant ?? null,
    promptName: call.prompt?.name ?? null,
    promptVersion: call.prompt?.version ?? null,
    promptVersionId: call.prompt?.versionId ?? null,
    modelId: model.id,
    model: model.name,
    providerType: provider.type,
    status: 'running',
    input: {
      variables: call.variables ?? {},
      messages: call.messages,
      params: call.params,
      ...(call.tools?.length ? { tools: call.tools } : {}),
      ...(call.unrendered ? { source: call.unrendered } : {}),
    },
    latencyMs: 0,
    actorType: call.actor.type,
    actorId: call.actor.type === 'user' || call.actor.type === 'api_key' ? call.actor.id : null,
    // Millisecond precision, like the cursor that pages through runs.
    createdAt,
    heartbeatAt: createdAt,
  };
}

/**
 * Calls the model through timeouts, retries and the circuit breaker, forwarding every delta,
 * and records the run whatever happens: succeeded, failed (with the provider's message and the
 * partial output) or cancelled. The `running` row is written after the first token when the caller
 * streams it (`onDelta`), or after RECORD_RUNNING_AFTER_MS, never in front of it, so recording adds
 * nothing to the time to first token.
 */
export async function callLlm(app: AppContext, call: AdmittedCall, opts: CallOptions): Promise<CallResult> {
  const { model, provider, client } = call.target;
  const createdAt = new Date();
  const started = performance.now();
  const row = baseRow(call, createdAt);
  const { encoding } = encodingFor(provider.type, model.name);
  const tracked = runTracker(app).begin(call.id, { messages: call.messages, encoding });
  // The `running` row is written once the first token has gone to the client (or after
  // RECORD_RUNNING_AFTER_MS without one), so recording never delays the first byte.
  let recordedRunning: Promise<boolean> | undefined;
  const recordRunning = () =>
    (recordedRunning ??= repo.insertRunning(app.db, row).then(
      () => true,
      (err: unknown) => {
        app.log.warn(
          { err, executionId: call.id },
          'could not record the run as running; it is recorded when it ends',
        );
        return false;
      },
    ));
  const recordLater = setTimeout(() => void recordRunning(), RECORD_RUNNING_AFTER_MS);
  recordLater.unref();
  // Set by the delta callback; read through a holder so the compiler does not narrow it to null.
  const first = { ttftMs: null as number | null };
  const policy = resiliencePolicy(provider.settings as ProviderSettings);
  const toolCalls = new ToolCallAssembler();
  try {
    const result = await callWithResilience({
      client,
      request: {
        model: model.name,
        messages: call.messages,
        params: call.params,
        tools: call.tools,
        toolChoice: call.toolChoice,
      },
      signal: opts.signal,
      policy,
      breaker: app.llm.breakers.get(provider.id, policy.breaker),
      onOpen: (headers) => {
        const limits = parseRateLimitHeaders(headers);
        if (limits) void app.llm.rateLimits.set(provider.id, limits).catch(() => undefined);
      },
      onDelta: (text) => {
        first.ttftMs ??= Math.round(performance.now() - started);
        tracked.append(text);
        opts.onDelta?.(text);
        // Someone is watching the stream: show the run as soon as it produces text. Otherwise (an
        // evaluation item) a fast call is written once, when it ends; a slow one after the delay.
        if (!recordedRunning && opts.onDelta) void recordRunning();
      },
      onToolCall: (piece) => {
        first.ttftMs ??= Math.round(performance.now() - started);
        toolCalls.add(piece);
        opts.onToolCall?.(piece);
        if (!recordedRunning && opts.onToolCall) void recordRunning();
      },
    });
    const latencyMs = Math.round(performance.now() - started);
    const output = tracked.output();
    let usage: TokenUsage | undefined = result.usage;
    if (!usage && !result.ok && !result.reachedProvider) {
      // The provider never answered (unreachable, circuit open, refused before responding).
      usage = { inputTokens: 0, outputTokens: 0 };
    } else if (!usage) {
      // Cancelled or failed mid-stream: count what was sent and received.
      usage = {
        inputTokens: (await countChatBounded(call.messages, encoding)).tokens,
        outputTokens: (await countTextBounded(output, encoding)).tokens,
      };
    }
    await recordTokens(app, call.orgId, model.id, usage.inputTokens + usage.outputTokens);
    clearTimeout(recordLater);
    // A run that ends before it was recorded as running is written once, by the finish below.
    await recordedRunning;
    const execution = await repo.finishExecution(app.db, {
      ...row,
      status: result.ok ? 'succeeded' : result.cancelled ? 'cancelled' : 'failed',
      output,
      toolCalls: toolCalls.calls(),
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      costUsd: costUsd(
        usage.inputTokens,
        usage.outputTokens,
        model.inputPricePerMTok,
        model.outputPricePerMTok,
      ),
      latencyMs,
      ttftMs: first.ttftMs,
      attempts: result.attempts,
      error: result.ok || result.cancelled ? null : result.error.message,
      upstreamStatus:
        !result.ok && !result.cancelled && result.error.origin === 'upstream' ? result.error.status : null,
      heartbeatAt: null,
      finishedAt: new Date(),
    });
    if (!result.ok) return result.cancelled ? { execution } : { execution, failure: result.error };
    return result.finishReason ? { execution, finishReason: result.finishReason } : { execution };
  } finally {
    clearTimeout(recordLater);
    tracked.end();
  }
}

/** Puts streamed tool-call pieces back together: id and name from the first, arguments from all. */
export class ToolCallAssembler {
  private readonly byIndex = new Map<number, ToolCall>();

  add(piece: ToolCallDelta): void {
    const call = this.byIndex.get(piece.index) ?? { id: '', name: '', arguments: '' };
    if (piece.id) call.id = piece.id;
    if (piece.name) call.name = piece.name;
    call.arguments += piece.arguments;
    this.byIndex.set(piece.index, call);
  }

  /** The calls in order, or null when the model called none. */
  calls(): ToolCall[] | null {
    if (this.byIndex.size === 0) return null;
    return [...this.byIndex.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }
}
