import type { z } from 'zod';
import type {
  ChatCompletion,
  ChatCompletionRequest,
  ExecutedMessage,
  OpenAiMessage,
  PromptParams,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ToolChoice } from '../../platform/llm/types.js';
import { resolveComposedVersion } from '../prompts/composition.js';
import { renderMessages, renderTemplate } from '../prompts/template.js';
import { activeModels, modelIdByName } from '../providers/provider-client.js';
import {
  admitCall,
  callLlm,
  resolveTarget,
  type AdmittedCall,
  type CallOptions,
  type CallResult,
} from '../executions/gateway.service.js';
import {
  fromAppError,
  invalidRequest,
  modelNotFound,
  openAiParam,
  type OpenAiHttpError,
} from './openai.errors.js';

type CompletionInput = z.output<typeof ChatCompletionRequest>;
type Variables = Record<string, string | number | boolean | null>;

/** `prompt:<name>`, `prompt:<name>@<label>` or `prompt:<name>#<version>` (names hold neither @ nor #). */
export function parsePromptRef(
  model: string,
): { name: string; label?: string; version?: number } | undefined | 'invalid' {
  if (!model.startsWith('prompt:')) return undefined;
  const m = /^prompt:([A-Za-z0-9][A-Za-z0-9._/-]{0,199})(?:@([a-z0-9][a-z0-9_-]*)|#([1-9]\d{0,8}))?$/.exec(
    model,
  );
  if (!m) return 'invalid';
  return { name: m[1]!, ...(m[2] ? { label: m[2] } : {}), ...(m[3] ? { version: Number(m[3]) } : {}) };
}

/** OpenAI's message shapes → ours. Content parts must be text; `developer` is a system message. */
function toMessages(messages: readonly OpenAiMessage[]): ExecutedMessage[] {
  return messages.map((m) => {
    const content = typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text).join('');
    switch (m.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content };
      case 'user':
        return { role: 'user', content };
      case 'assistant':
        return {
          role: 'assistant',
          content,
          ...(m.tool_calls?.length
            ? {
                toolCalls: m.tool_calls.map((c) => ({
                  id: c.id,
                  name: c.function.name,
                  arguments: c.function.arguments,
                })),
              }
            : {}),
        };
      case 'tool':
        return { role: 'tool', content, toolCallId: m.tool_call_id };
    }
  });
}

function requestParams(req: CompletionInput): PromptParams {
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  const stop = typeof req.stop === 'string' ? [req.stop] : req.stop;
  return {
    ...(req.temperature != null ? { temperature: req.temperature } : {}),
    ...(req.top_p != null ? { topP: req.top_p } : {}),
    ...(maxTokens != null ? { maxTokens } : {}),
    ...(stop?.length ? { stop } : {}),
  };
}

function toolChoice(req: CompletionInput): ToolChoice | undefined {
  const c = req.tool_choice;
  if (c === undefined) return undefined;
  return typeof c === 'string' ? c : { name: c.function.name };
}

function variablesOf(req: CompletionInput): Variables {
  const raw = req.metadata?.variables;
  if (raw === undefined) return {};
  if (typeof raw !== 'string') return raw;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidRequest('metadata.variables: a string here must be a JSON object', 'metadata.variables');
  }
  const ok =
    parsed !== null &&
    typeof parsed === 'object' &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  if (!ok)
    throw invalidRequest(
      'metadata.variables: must be an object of strings, numbers, booleans or nulls',
      'metadata.variables',
    );
  return parsed as Variables;
}

/** A field path of the prompt or gateway services, named as the caller wrote it. */
function requestField(path: string): string {
  if (path === 'modelId' || path === 'model') return 'model';
  if (path.startsWith('variables')) return `metadata.${openAiParam(path)}`;
  return openAiParam(path);
}

/** Our errors, thrown while resolving the request, in OpenAI's shape. */
async function asOpenAi<T>(work: Promise<T>, onNotFound?: () => OpenAiHttpError): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError)
      throw err.status === 404 && onNotFound ? onNotFound() : fromAppError(err, requestField);
    throw err;
  }
}

/**
 * Resolves `model` (a model name or a managed prompt), renders the prompt with the request's
 * variables, appends the request's messages and admits the call, before anything goes upstream.
 */
export async function prepareCompletion(
  app: AppContext,
  ctx: OrgContext,
  req: CompletionInput,
): Promise<AdmittedCall> {
  const ref = parsePromptRef(req.model);
  if (ref === 'invalid')
    throw invalidRequest(
      'model: a managed prompt is `prompt:<name>`, `prompt:<name>@<label>` or `prompt:<name>#<version>`',
      'model',
    );
  const own = toMessages(req.messages);
  const variables = variablesOf(req);
  let messages: ExecutedMessage[];
  let params = requestParams(req);
  let prompt: AdmittedCall['prompt'];
  let modelId: string;
  if (ref) {
    const version = await asOpenAi(resolveComposedVersion(app.db, ctx.orgId, ref.name, ref), () =>
      modelNotFound(req.model),
    );
    if (!version.modelId)
      throw invalidRequest(
        `model: the prompt "${version.name}" version ${version.version} has no model; set one on the prompt`,
        'model',
      );
    modelId = version.modelId;
    prompt = { name: version.name, version: version.version, versionId: version.id };
    // The prompt's own parameters, unless the request sets them.
    params = { ...version.params, ...params };
    const rendered = await asOpenAi(
      Promise.resolve().then(() =>
        version.messages
          ? renderMessages(version.messages, variables, version.variables)
          : [
              {
                role: 'user' as const,
                content: renderTemplate(version.template ?? '', variables, version.variables),
              },
            ],
      ),
    );
    messages = [...rendered, ...own];
  } else {
    const found = await modelIdByName(app, ctx.orgId, req.model);
    if (!found) throw modelNotFound(req.model);
    modelId = found;
    messages = own;
  }
  if (messages.length === 0) throw invalidRequest('messages: at least one message is required', 'messages');
  const target = await asOpenAi(resolveTarget(app, ctx.orgId, modelId, 'model'));
  return asOpenAi(
    admitCall(app, {
      orgId: ctx.orgId,
      actor: ctx.actor,
      source: 'openai',
      target,
      messages,
      params,
      prompt,
      variables,
      tools: req.tools?.map((t) => ({
        name: t.function.name,
        ...(t.function.description !== undefined ? { description: t.function.description } : {}),
        ...(t.function.parameters !== undefined ? { parameters: t.function.parameters } : {}),
      })),
      toolChoice: toolChoice(req),
    }),
  );
}

export function runCompletion(app: AppContext, call: AdmittedCall, opts: CallOptions): Promise<CallResult> {
  return callLlm(app, call, opts);
}

/** The id a completion is answered under: the execution it is recorded as. */
export const completionId = (executionId: string) => `chatcmpl-${executionId}`;

export function toChatCompletion(result: CallResult): ChatCompletion {
  const row = result.execution;
  const toolCalls = row.toolCalls ?? [];
  return {
    id: completionId(row.id),
    object: 'chat.completion',
    created: Math.floor(row.createdAt.getTime() / 1000),
    model: row.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          // OpenAI answers a pure tool call with null content.
          content: toolCalls.length && !row.output ? null : row.output,
          ...(toolCalls.length
            ? {
                tool_calls: toolCalls.map((c) => ({
                  id: c.id,
                  type: 'function' as const,
                  function: { name: c.name, arguments: c.arguments },
                })),
              }
            : {}),
          refusal: null,
        },
        finish_reason: result.finishReason ?? (toolCalls.length ? 'tool_calls' : 'stop'),
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: row.inputTokens,
      completion_tokens: row.outputTokens,
      total_tokens: row.inputTokens + row.outputTokens,
    },
    system_fingerprint: null,
  };
}

/** The organization's active models in OpenAI's list format. */
export async function listModels(app: AppContext, ctx: OrgContext) {
  const rows = await activeModels(app, ctx.orgId);
  // A name is one model to this endpoint (the one `model` resolves to), however many providers have it.
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.model.name) && seen.add(r.model.name));
  return {
    object: 'list' as const,
    data: unique.map((r) => ({
      id: r.model.name,
      object: 'model' as const,
      created: Math.floor(r.model.createdAt.getTime() / 1000),
      owned_by: r.providerName,
    })),
  };
}
