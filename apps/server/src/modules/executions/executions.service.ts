import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type {
  ChatMessage,
  CreateExecutionRequest,
  Execution,
  ModelSettings,
  PromptParams,
  ProviderSettings,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { costUsd, normalizeDecimal } from '../../platform/decimal.js';
import { badRequest, notFound, validationFailed } from '../../platform/errors.js';
import { countChatBounded, countTextBounded, encodingFor } from '../../platform/llm/token-count.js';
import type { LlmClient, ProviderError } from '../../platform/llm/types.js';
import { callWithResilience } from '../../platform/llm/resilience.js';
import { visibleError } from '../../platform/llm/provider-error.js';
import { parseRateLimitHeaders } from '../../platform/llm/rate-limit-headers.js';
import { admitRequest, recordTokens, resiliencePolicy, supportedParams } from '../providers/model-ops.js';
import { clientForProvider, modelForCall } from '../providers/provider-client.js';
import type * as providersRepo from '../providers/providers.repository.js';
import { resolvePromptVersion } from '../prompts/prompts.service.js';
import { renderMessages, renderTemplate } from '../prompts/template.js';
import * as repo from './executions.repository.js';

type ExecutionInput = z.output<typeof CreateExecutionRequest>;

/** Everything resolved before the first byte goes upstream, so bad input fails as a plain 4xx. */
export interface PreparedExecution {
  client: LlmClient;
  model: providersRepo.ModelRow;
  provider: providersRepo.ProviderRow;
  providerType: providersRepo.ProviderRow['type'];
  messages: ChatMessage[];
  params: PromptParams;
  variables: ExecutionInput['variables'];
  promptName: string | null;
  promptVersion: number | null;
}

export async function prepareExecution(
  app: AppContext,
  ctx: OrgContext,
  req: ExecutionInput,
): Promise<PreparedExecution> {
  const found = await modelForCall(app, ctx.orgId, req.modelId);
  if (!found) throw validationFailed([{ path: 'modelId', message: 'No such model in this organization' }]);
  if (!found.model.active) throw validationFailed([{ path: 'modelId', message: 'This model is inactive' }]);

  let messages: ChatMessage[];
  let params: PromptParams = req.params ?? {};
  let promptName: string | null = null;
  let promptVersion: number | null = null;
  const draft = req.template !== undefined || req.messages !== undefined;
  if (req.prompt && draft) {
    // An unsaved edit of a stored prompt: its own content, filed under the prompt's name.
    const latest = await resolvePromptVersion(app.db, ctx.orgId, req.prompt.name, {});
    promptName = latest.name;
    messages = req.messages
      ? renderMessages(req.messages, req.variables, latest.variables)
      : [{ role: 'user', content: renderTemplate(req.template ?? '', req.variables, latest.variables) }];
  } else if (req.prompt) {
    const version = await resolvePromptVersion(app.db, ctx.orgId, req.prompt.name, req.prompt);
    promptName = version.name;
    promptVersion = version.version;
    params = { ...version.params, ...params };
    messages = version.messages
      ? renderMessages(version.messages, req.variables, version.variables)
      : [{ role: 'user', content: renderTemplate(version.template ?? '', req.variables, version.variables) }];
  } else if (req.messages) {
    messages = renderMessages(req.messages, req.variables);
  } else {
    messages = [{ role: 'user', content: renderTemplate(req.template ?? '', req.variables) }];
  }
  if (!messages.some((m) => m.content.trim())) throw badRequest('The rendered prompt is empty');
  const modelSettings = found.model.settings as ModelSettings;
  await admitRequest(app, ctx.orgId, found.model, modelSettings);

  return {
    client: await clientForProvider(app, found.provider),
    model: found.model,
    provider: found.provider,
    providerType: found.provider.type,
    messages,
    params: supportedParams(params, modelSettings),
    variables: req.variables,
    promptName,
    promptVersion,
  };
}

export interface RunOptions {
  signal: AbortSignal;
  /** Called with each chunk of text the moment the provider sends it. */
  onDelta?: (text: string) => void;
}

/**
 * Calls the model through timeouts, retries and the circuit breaker, forwarding every delta,
 * then records the run whatever happened: succeeded, failed (with the provider's message and
 * the partial output) or cancelled by the client.
 */
export interface RunResult {
  execution: Execution;
  /** Why the provider call failed (not set for succeeded or cancelled runs). */
  failure?: ProviderError;
}

export async function runExecution(
  app: AppContext,
  ctx: OrgContext,
  p: PreparedExecution,
  opts: RunOptions,
): Promise<RunResult> {
  const started = performance.now();
  let ttftMs: number | null = null;
  const output: string[] = [];
  const settings = p.provider.settings as ProviderSettings;
  const policy = resiliencePolicy(settings);
  const result = await callWithResilience({
    client: p.client,
    request: { model: p.model.name, messages: p.messages, params: p.params },
    signal: opts.signal,
    policy,
    breaker: app.llm.breakers.get(p.provider.id, policy.breaker),
    onOpen: (headers) => {
      const limits = parseRateLimitHeaders(headers);
      if (limits) void app.llm.rateLimits.set(p.provider.id, limits).catch(() => undefined);
    },
    onDelta: (text) => {
      if (ttftMs === null) ttftMs = Math.round(performance.now() - started);
      output.push(text);
      opts.onDelta?.(text);
    },
  });
  const status: Execution['status'] = result.ok ? 'succeeded' : result.cancelled ? 'cancelled' : 'failed';
  const latencyMs = Math.round(performance.now() - started);
  const text = output.join('');
  // Without the provider's usage (cancelled or failed mid-stream) count what was sent and received.
  let usage = result.usage;
  if (!usage && !result.ok && !result.reachedProvider) {
    // The provider never answered (unreachable, circuit open, refused before responding): nothing was consumed.
    usage = { inputTokens: 0, outputTokens: 0 };
  } else if (!usage) {
    const { encoding } = encodingFor(p.providerType, p.model.name);
    usage = {
      inputTokens: (await countChatBounded(p.messages, encoding)).tokens,
      outputTokens: (await countTextBounded(text, encoding)).tokens,
    };
  }
  await recordTokens(app, ctx.orgId, p.model.id, usage.inputTokens + usage.outputTokens);
  const row = await repo.insertExecution(app.db, {
    orgId: ctx.orgId,
    promptName: p.promptName,
    promptVersion: p.promptVersion,
    modelId: p.model.id,
    model: p.model.name,
    providerType: p.providerType,
    status,
    input: { variables: p.variables, messages: p.messages, params: p.params },
    output: text,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: costUsd(
      usage.inputTokens,
      usage.outputTokens,
      p.model.inputPricePerMTok,
      p.model.outputPricePerMTok,
    ),
    latencyMs,
    ttftMs,
    attempts: result.attempts,
    error: result.ok || result.cancelled ? null : result.error.message,
    upstreamStatus:
      !result.ok && !result.cancelled && result.error.origin === 'upstream' ? result.error.status : null,
    actorType: ctx.actor.type,
    // Millisecond precision, like the cursor that pages through runs.
    createdAt: new Date(),
    actorId: ctx.actor.type === 'user' || ctx.actor.type === 'api_key' ? ctx.actor.id : null,
  });
  const execution = toExecution(row, ctx.role === 'admin');
  return !result.ok && !result.cancelled ? { execution, failure: result.error } : { execution };
}

/** `revealUpstream`: the provider's own error body is for admins; others see its status code. */
export function toExecution(r: repo.ExecutionRow, revealUpstream: boolean): Execution {
  const input = r.input as Execution['input'];
  return {
    id: r.id,
    status: r.status,
    promptName: r.promptName,
    promptVersion: r.promptVersion,
    modelId: r.modelId,
    model: r.model,
    input: { variables: input.variables ?? {}, messages: input.messages ?? [], params: input.params ?? {} },
    output: r.output,
    usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens },
    costUsd: normalizeDecimal(r.costUsd),
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    ...(r.error ? { error: visibleError(r.error, r.upstreamStatus, revealUpstream) } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  // Only what encodeCursor can produce: a uuid and a date the database can compare with.
  const year = createdAt.getUTCFullYear();
  if (!id || !UUID.test(id) || Number.isNaN(year) || year < 1970 || year > 9999)
    throw validationFailed([{ path: 'query.cursor', message: 'Invalid cursor' }]);
  return { createdAt, id };
}

export async function listExecutions(
  app: AppContext,
  ctx: OrgContext,
  q: { promptName?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await repo.listExecutions(app.db, ctx.orgId, {
    promptName: q.promptName,
    before: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toExecution(r, ctx.role === 'admin')),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

export async function getExecution(app: AppContext, ctx: OrgContext, id: string): Promise<Execution> {
  const row = await repo.findExecution(app.db, ctx.orgId, id);
  if (!row) throw notFound('Execution');
  return toExecution(row, ctx.role === 'admin');
}
