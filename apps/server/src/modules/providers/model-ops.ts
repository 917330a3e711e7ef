import type { ModelSettings, PromptParams, ProviderSettings } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { tooManyRequests } from '../../platform/errors.js';
import { DEFAULT_POLICY, type ResiliencePolicy } from '../../platform/llm/resilience.js';

/** The provider's stored settings over the documented defaults. */
export function resiliencePolicy(settings: ProviderSettings): ResiliencePolicy {
  return {
    timeoutMs: { ...DEFAULT_POLICY.timeoutMs, ...settings.timeoutMs },
    maxRetries: settings.maxRetries ?? DEFAULT_POLICY.maxRetries,
    breaker: { ...DEFAULT_POLICY.breaker, ...settings.breaker },
  };
}

/** Leaves out the parameters a model rejects (e.g. temperature on reasoning models). */
export function supportedParams(params: PromptParams, settings: ModelSettings): PromptParams {
  const unsupported = new Set(settings.unsupportedParams ?? []);
  return Object.fromEntries(
    Object.entries(params).filter(([k]) => !unsupported.has(k as keyof PromptParams)),
  ) as PromptParams;
}

const WINDOW_MS = 60_000;

function windowOf(now: number) {
  const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  return {
    id: start / WINDOW_MS,
    resetAt: new Date(start + WINDOW_MS).toISOString(),
    resetIn: Math.ceil((start + WINDOW_MS - now) / 1000),
  };
}

const requestsKey = (orgId: string, modelId: string, w: number) => `usage:req:${orgId}:${modelId}:${w}`;
const tokensKey = (orgId: string, modelId: string, w: number) => `usage:tok:${orgId}:${modelId}:${w}`;

/** Requests and tokens this organization used on a model in the current minute (Redis or in-process counters). */
export async function modelUsage(app: AppContext, orgId: string, modelId: string, settings: ModelSettings) {
  const w = windowOf(Date.now());
  const [requests, tokens] = await Promise.all([
    app.rateLimiter.get(requestsKey(orgId, modelId, w.id)),
    app.rateLimiter.get(tokensKey(orgId, modelId, w.id)),
  ]);
  return {
    requests: { used: requests, limit: settings.limits?.requestsPerMinute ?? null, resetAt: w.resetAt },
    tokens: { used: tokens, limit: settings.limits?.tokensPerMinute ?? null, resetAt: w.resetAt },
  };
}

/**
 * Counts the request and refuses it, before any provider call, when the model's per-minute limits
 * are used up. The 429 says when the window resets.
 */
export async function admitRequest(
  app: AppContext,
  orgId: string,
  model: { id: string; name: string },
  settings: ModelSettings,
) {
  const w = windowOf(Date.now());
  const limits = settings.limits ?? {};
  if (limits.tokensPerMinute !== undefined) {
    const used = await app.rateLimiter.get(tokensKey(orgId, model.id, w.id));
    if (used >= limits.tokensPerMinute) {
      throw tooManyRequests(
        `${model.name} allows ${limits.tokensPerMinute} tokens per minute in this organization; retry in ${w.resetIn} s`,
        w.resetIn,
      );
    }
  }
  const key = requestsKey(orgId, model.id, w.id);
  const requests = await app.rateLimiter.add(key, 1, 120);
  if (limits.requestsPerMinute !== undefined && requests > limits.requestsPerMinute) {
    // A refused request is not usage: take it back out of the count.
    await app.rateLimiter.add(key, -1, 120);
    throw tooManyRequests(
      `${model.name} allows ${limits.requestsPerMinute} requests per minute in this organization; retry in ${w.resetIn} s`,
      w.resetIn,
    );
  }
}

export async function recordTokens(app: AppContext, orgId: string, modelId: string, tokens: number) {
  if (tokens > 0) await app.rateLimiter.add(tokensKey(orgId, modelId, windowOf(Date.now()).id), tokens, 120);
}
