// Error bodies exactly as each API shapes them, so SDKs map them to their own error classes.

export type ApiFlavor = 'openai' | 'anthropic';

export interface ErrorDetails {
  type?: string;
  param?: string | null;
  code?: string | null;
}

/** `{error: {message, type, param, code}}`, OpenAI's format. */
export function openAiErrorBody(status: number, message: string, details: ErrorDetails = {}): unknown {
  return {
    error: {
      message,
      type: details.type ?? openAiErrorType(status),
      param: details.param ?? null,
      code: details.code !== undefined ? details.code : status === 429 ? 'rate_limit_exceeded' : null,
    },
  };
}

function openAiErrorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(status: number): string {
  return ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** `{type: 'error', error: {type, message}, request_id}`, Anthropic's format (also used in SSE). */
export function anthropicErrorBody(
  status: number,
  message: string,
  requestId: string,
  type = anthropicErrorType(status),
): unknown {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

/** Messages of injected failures, worded like the real services and marked as injected. */
export function injectedMessage(flavor: ApiFlavor, status: number): string {
  const suffix = ' (injected by mock-llm)';
  if (status === 429) {
    return (
      (flavor === 'openai'
        ? 'Rate limit reached for requests'
        : 'Number of requests has exceeded your rate limit') + suffix
    );
  }
  if (status === 529 || status === 503) return `Overloaded${suffix}`;
  if (status >= 500) {
    return (
      (flavor === 'openai'
        ? 'The server had an error while processing your request.'
        : 'Internal server error') + suffix
    );
  }
  return `Request failed with status ${status}${suffix}`;
}
