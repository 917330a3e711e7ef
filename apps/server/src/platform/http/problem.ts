import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, conflict, validationFailed } from '../errors.js';
import { uniqueViolation } from '../db/unique-violation.js';
import { isRedisOutage } from '../redis.js';

const PROBLEM = 'application/problem+json';

function fromValidation(
  err: FastifyError & { validation: { instancePath: string; message?: string }[] },
  context?: string,
) {
  const prefix = context === 'querystring' ? 'query' : context;
  return validationFailed(
    err.validation.map((v) => {
      const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return {
        path: [prefix === 'body' ? '' : prefix, field].filter(Boolean).join('.') || (prefix ?? ''),
        message: v.message ?? 'Invalid value',
      };
    }),
  );
}

/** Maps every error to RFC 9457 problem+json; unexpected errors are logged and hidden. */
export function problemHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (hasZodFastifySchemaValidationErrors(error))
    appError = fromValidation(error, error.validationContext);
  else if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response failed its schema');
    appError = new AppError(500, 'Internal Server Error', 'The server produced an invalid response');
  } else if (error.validation) appError = fromValidation(error as never, error.validationContext);
  else if (uniqueViolation(error)) {
    // Two requests raced past a service's "already exists?" check: the database kept one.
    const violation = uniqueViolation(error)!;
    request.log.info({ constraint: violation.constraint }, 'unique violation answered 409');
    appError = conflict(violation.detail, violation.field ? [violation.field] : undefined);
  } else if (isRedisOutage(error)) {
    // A use of Redis without a safe fallback: say so at once rather than a 500 (the connection
    // fails commands immediately while Redis is away; its outage is logged once, not per request).
    appError = new AppError(
      503,
      'Service Unavailable',
      'A backing service (Redis) is unreachable; retry shortly',
      {
        retryAfterSeconds: 5,
      },
    );
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type).
    appError = new AppError(error.statusCode, statusTitle(error.statusCode), error.message);
  } else {
    request.log.error({ err: error }, 'unhandled error');
    appError = new AppError(500, 'Internal Server Error', 'An unexpected error occurred');
  }
  const problem = { ...appError.toProblem(request.url.split('?')[0]), requestId: request.id };
  if (appError.extra.retryAfterSeconds) reply.header('retry-after', String(appError.extra.retryAfterSeconds));
  return reply.status(appError.status).type(PROBLEM).send(problem);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const problem = {
    ...new AppError(
      404,
      'Not Found',
      `No route for ${request.method} ${request.url.split('?')[0]}`,
    ).toProblem(),
    requestId: request.id,
  };
  return reply.status(404).type(PROBLEM).send(problem);
}

function statusTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Client Error';
}
