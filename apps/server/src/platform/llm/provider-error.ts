import { APIError as OpenAiApiError } from 'openai';
import { APIError as AnthropicApiError } from '@anthropic-ai/sdk';
import { ProviderError } from './types.js';

function retryAfter(headers: Headers | undefined): number | null {
  const v = headers?.get('retry-after');
  if (!v) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The provider's own message, status and Retry-After, whatever SDK raised it. */
export function toProviderError(err: unknown): Error {
  if (err instanceof ProviderError) return err;
  if (err instanceof Error && err.name === 'AbortError') return err;
  if (err instanceof OpenAiApiError || err instanceof AnthropicApiError) {
    if (err.constructor.name === 'APIUserAbortError') return err;
    const body = err.error as { error?: { message?: string }; message?: string } | undefined;
    const message = body?.error?.message ?? body?.message ?? err.message;
    return new ProviderError(message, err.status ?? null, retryAfter(err.headers as Headers | undefined));
  }
  if (err instanceof Error) return new ProviderError(err.message, null);
  return new ProviderError(String(err), null);
}
