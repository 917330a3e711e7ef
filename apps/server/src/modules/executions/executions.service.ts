import type { z } from 'zod';
import type { ChatMessage, CreateExecutionRequest, Execution, PromptParams } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext } from '../../platform/context.js';
import { normalizeDecimal } from '../../platform/decimal.js';
import { badRequest, notFound } from '../../platform/errors.js';
import type { ProviderError } from '../../platform/llm/types.js';
import { visibleError } from '../../platform/llm/provider-error.js';
import { variantForSubject } from '../experiments/assignment.js';
import { resolvePromptVersion } from '../prompts/prompts.service.js';
import { expandBody, resolveComposedVersion } from '../prompts/composition.js';
import { renderMessages, renderTemplate } from '../prompts/template.js';
import * as repo from './executions.repository.js';
import { admitCall, callLlm, resolveTarget, type AdmittedCall } from './gateway.service.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/http/cursor.js';

type ExecutionInput = z.output<typeof CreateExecutionRequest>;

/**
 * A run request resolved and admitted before the first byte goes upstream, so bad input fails as
 * a plain 4xx. Its id is chosen now so a streaming client learns it first.
 */
export type PreparedExecution = AdmittedCall;

export async function prepareExecution(
  app: AppContext,
  ctx: OrgContext,
  req: ExecutionInput,
): Promise<PreparedExecution> {
  const target = await resolveTarget(app, ctx.orgId, req.modelId);
  let messages: ChatMessage[];
  let params: PromptParams = req.params ?? {};
  let prompt: AdmittedCall['prompt'];
  let experiment: AdmittedCall['experiment'];
  const draft = req.template !== undefined || req.messages !== undefined;
  if (req.prompt && draft) {
    // An unsaved edit of a stored prompt: its own content, filed under the prompt's name.
    const latest = await resolvePromptVersion(app.db, ctx.orgId, req.prompt.name, {});
    prompt = { name: latest.name, version: null, versionId: null };
    const expanded = await expandDraft(app, ctx.orgId, req);
    // The prompt's own metadata wins over that of what it includes (later entries override).
    const specs = [...expanded.included.values(), ...latest.variables];
    messages = expanded.messages
      ? renderMessages(expanded.messages, req.variables, specs)
      : [{ role: 'user', content: renderTemplate(expanded.template ?? '', req.variables, specs) }];
  } else if (req.prompt) {
    let selector: { version?: number | undefined; label?: string | undefined } = req.prompt;
    // With a subject and no version or label, a running experiment picks the version.
    if (req.subject !== undefined && req.prompt.version === undefined && req.prompt.label === undefined) {
      const chosen = await variantForSubject(app, ctx.orgId, req.prompt.name, req.subject);
      if (chosen) {
        selector = { version: chosen.variant.version };
        experiment = { id: chosen.experimentId, variant: chosen.variant.name };
      }
    }
    const version = await resolveComposedVersion(app.db, ctx.orgId, req.prompt.name, selector);
    prompt = { name: version.name, version: version.version, versionId: version.id };
    params = { ...version.params, ...params };
    messages = version.messages
      ? renderMessages(version.messages, req.variables, version.variables)
      : [{ role: 'user', content: renderTemplate(version.template ?? '', req.variables, version.variables) }];
  } else {
    const expanded = await expandDraft(app, ctx.orgId, req);
    const specs = [...expanded.included.values()];
    messages = expanded.messages
      ? renderMessages(expanded.messages, req.variables, specs)
      : [{ role: 'user', content: renderTemplate(expanded.template ?? '', req.variables, specs) }];
  }
  if (!messages.some((m) => m.content.trim())) throw badRequest('The rendered prompt is empty');
  return admitCall(app, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    source: ctx.actor.type === 'api_key' ? 'api' : 'playground',
    target,
    messages,
    params,
    prompt,
    experiment,
    variables: req.variables,
    unrendered: req.messages
      ? { messages: req.messages }
      : req.template !== undefined
        ? { template: req.template }
        : undefined,
  });
}

/** An unsaved template or messages with their `{{> name}}` includes expanded. */
function expandDraft(app: AppContext, orgId: string, req: ExecutionInput) {
  return expandBody(app.db, orgId, {
    template: req.messages ? null : (req.template ?? ''),
    messages: req.messages ?? null,
  });
}

export interface RunOptions {
  signal: AbortSignal;
  /** Called with each chunk of text the moment the provider sends it. */
  onDelta?: (text: string) => void;
}

export interface RunResult {
  execution: Execution;
  /** Why the provider call failed (not set for succeeded or cancelled runs). */
  failure?: ProviderError;
}

/** Runs a prepared request through the gateway; the run is recorded whatever happens. */
export async function runExecution(
  app: AppContext,
  ctx: OrgContext,
  p: PreparedExecution,
  opts: RunOptions,
): Promise<RunResult> {
  const { execution: row, failure } = await callLlm(app, p, opts);
  const execution = toExecution(row, ctx.role === 'admin');
  return failure ? { execution, failure } : { execution };
}

/** `revealUpstream`: the provider's own error body is for admins; others see its status code. */
export function toExecution(r: repo.ExecutionRow, revealUpstream: boolean): Execution {
  const input = r.input as Execution['input'];
  return {
    id: r.id,
    status: r.status,
    promptName: r.promptName,
    promptVersion: r.promptVersion,
    promptVersionId: r.promptVersionId,
    source: r.source,
    parent: r.parentType && r.parentId ? { type: r.parentType, id: r.parentId } : null,
    experiment: r.experimentId ? { id: r.experimentId, variant: r.experimentVariant ?? '' } : null,
    modelId: r.modelId,
    model: r.model,
    input: {
      variables: input.variables ?? {},
      messages: input.messages ?? [],
      params: input.params ?? {},
      ...(input.tools ? { tools: input.tools } : {}),
      ...(input.source ? { source: input.source } : {}),
    },
    output: r.output,
    ...(r.toolCalls ? { toolCalls: r.toolCalls } : {}),
    usage: { inputTokens: r.inputTokens, outputTokens: r.outputTokens },
    costUsd: normalizeDecimal(r.costUsd),
    latencyMs: r.latencyMs,
    ttftMs: r.ttftMs,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    ...(r.error ? { error: visibleError(r.error, r.upstreamStatus, revealUpstream) } : {}),
  };
}

const fromCursor = (c: { at: Date; id: string } | undefined) => c && { createdAt: c.at, id: c.id };

export async function listExecutions(
  app: AppContext,
  ctx: OrgContext,
  q: {
    promptName?: string | undefined;
    source?: Execution['source'] | undefined;
    status?: Execution['status'] | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const rows = await repo.listExecutions(app.db, ctx.orgId, {
    promptName: q.promptName,
    source: q.source,
    status: q.status,
    before: fromCursor(decodeTimeCursor(q.cursor)),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toExecution(r, ctx.role === 'admin')),
    nextCursor: rows.length > q.limit && last ? encodeTimeCursor(last.createdAt, last.id) : null,
  };
}

export async function getExecution(app: AppContext, ctx: OrgContext, id: string): Promise<Execution> {
  const row = await repo.findExecution(app.db, ctx.orgId, id);
  if (!row) throw notFound('Execution');
  return toExecution(row, ctx.role === 'admin');
}

/**
 * Runs of the organization by id, in the order asked (duplicates once). One id that is not a
 * run of this organization makes it a 404 that names none of them.
 */
export async function getExecutionsByIds(db: Executor, orgId: string, ids: string[]): Promise<Execution[]> {
  const unique = [...new Set(ids)];
  const rows = await repo.findExecutions(db, orgId, unique);
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (byId.size !== unique.length) throw notFound('Execution');
  return unique.map((id) => toExecution(byId.get(id)!, false));
}
