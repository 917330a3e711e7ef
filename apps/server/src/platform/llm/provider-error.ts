import { APIError as OpenAiApiError } from 'openai';
import { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import { egressRefusalOf } from '../egress.js';
import { ProviderError } from './types.js';

/** Upstream error bodies are kept (and shown to admins) only up to this length. */
export const MAX_UPSTREAM_MESSAGE = 500;

export function trimUpstream(message: string): string {
  return message.length > MAX_UPSTREAM_MESSAGE ? `${message.slice(0, MAX_UPSTREAM_MESSAGE - 1)}…` : message;
}

function retryAfter(headers: Headers | undefined): number | null {
  const v = headers?.get('retry-after');
  if (!v) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * SECURITY: a provider's error body can echo whatever the target server answers, so only admins
 * (who configure the provider) see it; everyone else sees the status code.
 */
export function visibleError(
  error: string,
  upstreamStatus: number | null | undefined,
  revealUpstream: boolean,
): string {
  if (upstreamStatus == null || revealUpstream) return error;
  return `The provider answered HTTP ${upstreamStatus} (its message is shown to admins)`;
}

/** The provider's own message, status and Retry-After, whatever SDK raised it. */
export function toProviderError(err: unknown): Error {
  if (err instanceof ProviderError) return err;
  if (err instanceof Error && err.name === 'AbortError') return err;
  const refused = egressRefusalOf(err);
  if (refused)
    return new ProviderError(`Refused by the egress policy: ${refused.message}`, null, null, 'refused');
  if (err instanceof OpenAiApiError || err instanceof AnthropicApiError) {
    if (err.constructor.name === 'APIUserAbortError') return err;
    const body = err.error as { error?: { message?: string }; message?: string } | undefined;
    const message = body?.error?.message ?? body?.message ?? err.message;
    // With a status the message is the target's own answer; without one it is the SDK's
    // ("Connection error.").
    return err.status
      ? new ProviderError(
          trimUpstream(message),
          err.status,
          retryAfter(err.headers as Headers | undefined),
          'upstream',
        )
      : new ProviderError(message, null);
  }
  if (err instanceof Error) return new ProviderError(err.message, null);
  return new ProviderError(String(err), null);
}
