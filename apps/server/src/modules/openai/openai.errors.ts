import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { OpenAiError } from '@promptops/contracts';
import { AppError } from '../../platform/errors.js';
import { visibleError } from '../../platform/llm/provider-error.js';
import type { ProviderError } from '../../platform/llm/types.js';

/**
 * An error in OpenAI's shape (`{error: {message, type, param, code}}`) with OpenAI's status, so the
 * official SDKs raise their typed errors (AuthenticationError, NotFoundError, BadRequestError, …).
 */
export class OpenAiHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  body(): OpenAiError {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null, code: string | null = null) =>
  new OpenAiHttpError(400, message, 'invalid_request_error', param, code);

export const modelNotFound = (model: string) =>
  new OpenAiHttpError(
    404,
    `The model \`${model}\` does not exist or you do not have access to it.`,
    'invalid_request_error',
    'model',
    'model_not_found',
  );

/** `messages/0/content` (a JSON pointer) or `messages.0.content` → `messages[0].content`, as OpenAI names fields. */
export function openAiParam(path: string): string {
  return path
    .replace(/^\//, '')
    .split(/[/.]/)
    .filter(Boolean)
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** Our own errors (problem+json elsewhere) in OpenAI's shape; `field` maps a field path to its param. */
export function fromAppError(err: AppError, field: (path: string) => string = openAiParam): OpenAiHttpError {
  const first = err.extra.errors?.[0];
  const param = first ? field(first.path) : null;
  const message = first ? `${param ? `${param}: ` : ''}${first.message}` : (err.detail ?? err.title);
  switch (err.status) {
    case 400:
    case 413:
    case 422:
      return new OpenAiHttpError(400, message, 'invalid_request_error', param);
    case 401:
      return new OpenAiHttpError(401, message, 'authentication_error', null, 'invalid_api_key');
    case 402:
      // OpenAI reports a spent quota or budget as 429 insufficient_quota.
      return new OpenAiHttpError(429, message, 'insufficient_quota', null, 'insufficient_quota');
    case 403:
      return new OpenAiHttpError(403, message, 'invalid_request_error', null, 'insufficient_permissions');
    case 404:
      return new OpenAiHttpError(404, message, 'invalid_request_error', param, 'not_found');
    case 429:
      return new OpenAiHttpError(
        429,
        message,
        'requests',
        null,
        'rate_limit_exceeded',
        err.extra.retryAfterSeconds ?? null,
      );
    default:
      return err.status >= 500
        ? new OpenAiHttpError(
            err.status,
            message,
            'api_error',
            null,
            null,
            err.extra.retryAfterSeconds ?? null,
          )
        : new OpenAiHttpError(err.status, message, 'invalid_request_error', param);
  }
}

/**
 * A failed provider call: its own 4xx (a request it refused) stays a 4xx for the caller; an outage
 * is a 5xx (503 while the breaker is open, 504 for our timeouts, 502 otherwise). The provider's
 * own message is for admins only, as everywhere else.
 */
export function fromProviderFailure(failure: ProviderError, revealUpstream: boolean): OpenAiHttpError {
  const retryAfter = failure.retryAfterSeconds;
  if (failure.status === 503 && failure.message.startsWith('The circuit breaker'))
    return new OpenAiHttpError(503, failure.message, 'api_error', null, 'service_unavailable', retryAfter);
  if (failure.status === 504 && failure.origin !== 'upstream')
    return new OpenAiHttpError(504, failure.message, 'api_error', null, 'timeout');
  const message = visibleError(
    failure.message,
    failure.origin === 'upstream' ? failure.status : null,
    revealUpstream,
  );
  if (failure.origin === 'upstream' && failure.status === 429)
    return new OpenAiHttpError(
      429,
      `The provider is rate limiting: ${message}`,
      'requests',
      null,
      'rate_limit_exceeded',
      retryAfter,
    );
  if (
    failure.origin === 'upstream' &&
    failure.status !== null &&
    [400, 404, 413, 422].includes(failure.status)
  )
    return new OpenAiHttpError(400, `The provider refused the request: ${message}`, 'invalid_request_error');
  return new OpenAiHttpError(502, `The provider failed: ${message}`, 'api_error', null, 'upstream_error');
}

/** The error handler of the /openai prefix: every error leaves in OpenAI's shape. */
export function openAiErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let out: OpenAiHttpError;
  if (error instanceof OpenAiHttpError) out = error;
  else if (error instanceof AppError) out = fromAppError(error);
  else if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const param = first ? openAiParam(first.instancePath) || null : null;
    out = invalidRequest(`${param ? `${param}: ` : ''}${first?.message ?? 'Invalid request body'}`, param);
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type).
    out = new OpenAiHttpError(error.statusCode, error.message, 'invalid_request_error');
  } else {
    // Anything unexpected is logged and hidden, as the problem+json handler does elsewhere.
    request.log.error({ err: error }, 'unhandled error');
    out = new OpenAiHttpError(500, 'An unexpected error occurred', 'api_error');
  }
  return sendOpenAiError(reply, out);
}

export function sendOpenAiError(reply: FastifyReply, err: OpenAiHttpError) {
  if (err.retryAfterSeconds !== null) reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.status(err.status).type('application/json; charset=utf-8').send(err.body());
}
