import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { ChatMessage, CreateExecutionRequest, Execution, PromptParams } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { costUsd, normalizeDecimal } from '../../platform/decimal.js';
import { badRequest, notFound, validationFailed } from '../../platform/errors.js';
import { countChat, countText, encodingFor } from '../../platform/llm/token-count.js';
import { ProviderError, type LlmClient } from '../../platform/llm/types.js';
import { clientForProvider } from '../providers/provider-client.js';
import * as providersRepo from '../providers/providers.repository.js';
import { resolvePromptVersion } from '../prompts/prompts.service.js';
import { renderMessages, renderTemplate } from '../prompts/template.js';
import * as repo from './executions.repository.js';

type ExecutionInput = z.output<typeof CreateExecutionRequest>;

/** Everything resolved before the first byte goes upstream, so bad input fails as a plain 4xx. */
export interface PreparedExecution {
  client: LlmClient;
  model: providersRepo.ModelRow;
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
  const found = await providersRepo.findModelForCall(app.db, ctx.orgId, req.modelId);
  if (!found) throw validationFailed([{ path: 'modelId', message: 'No such model in this organization' }]);
  if (!found.model.active) throw validationFailed([{ path: 'modelId', message: 'This model is inactive' }]);

  let messages: ChatMessage[];
  let params: PromptParams = req.params ?? {};
  let promptName: string | null = null;
  let promptVersion: number | null = null;
  if (req.prompt) {
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

  return {
    client: await clientForProvider(app, found.provider),
    model: found.model,
    providerType: found.provider.type,
    messages,
    params,
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
 * Calls the model, forwarding every delta, then records the run whatever happened: succeeded,
 * failed (with the provider's message and the partial output) or cancelled by the client.
 */
export async function runExecution(
  app: AppContext,
  ctx: OrgContext,
  p: PreparedExecution,
  opts: RunOptions,
): Promise<Execution> {
  const started = performance.now();
  let ttftMs: number | null = null;
  const output: string[] = [];
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  let status: Execution['status'] = 'succeeded';
  let error: string | null = null;
  try {
    for await (const event of p.client.stream(
      { model: p.model.name, messages: p.messages, params: p.params },
      opts.signal,
    )) {
      if (event.type === 'delta') {
        if (ttftMs === null) ttftMs = Math.round(performance.now() - started);
        output.push(event.text);
        opts.onDelta?.(event.text);
      } else {
        usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
      }
    }
    if (opts.signal.aborted) status = 'cancelled';
  } catch (err) {
    if (opts.signal.aborted) status = 'cancelled';
    else {
      status = 'failed';
      error = err instanceof ProviderError ? err.message : 'The provider call failed unexpectedly';
      if (!(err instanceof ProviderError)) app.log.error({ err }, 'provider call failed');
    }
  }
  const latencyMs = Math.round(performance.now() - started);
  const text = output.join('');
  // Without the provider's usage (cancelled or failed mid-stream) count what was sent and received.
  if (!usage) {
    const { encoding } = encodingFor(p.providerType, p.model.name);
    usage = { inputTokens: countChat(p.messages, encoding), outputTokens: countText(text, encoding) };
  }
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
    error,
    actorType: ctx.actor.type,
    // Millisecond precision, like the cursor that pages through runs.
    createdAt: new Date(),
    actorId: ctx.actor.type === 'user' || ctx.actor.type === 'api_key' ? ctx.actor.id : null,
  });
  return toExecution(row);
}

export function toExecution(r: repo.ExecutionRow): Execution {
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
    ...(r.error ? { error: r.error } : {}),
  };
}

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || Number.isNaN(createdAt.getTime()))
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
    items: page.map(toExecution),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

export async function getExecution(app: AppContext, ctx: OrgContext, id: string): Promise<Execution> {
  const row = await repo.findExecution(app.db, ctx.orgId, id);
  if (!row) throw notFound('Execution');
  return toExecution(row);
}
