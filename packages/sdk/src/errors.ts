import { ApiError, PromptOpsError, toProblem, type Problem } from '@promptops/client';

export { ApiError, PromptOpsError, type Problem };

/** 401: the API key is missing, wrong, revoked or expired. */
export class AuthenticationError extends ApiError {
  constructor(problem: Problem) {
    super(401, problem);
    this.name = 'AuthenticationError';
  }
}

/** 403: the key's role may not do this. */
export class PermissionDeniedError extends ApiError {
  constructor(problem: Problem) {
    super(403, problem);
    this.name = 'PermissionDeniedError';
  }
}

/** 404: no such prompt, version, label or resource in this organization. */
export class NotFoundError extends ApiError {
  constructor(problem: Problem) {
    super(404, problem);
    this.name = 'NotFoundError';
  }
}

/** 429: too many requests; `retryAfterMs` is how long the server asked to wait (null when it did not say). */
export class RateLimitError extends ApiError {
  constructor(
    problem: Problem,
    readonly retryAfterMs: number | null,
  ) {
    super(429, problem);
    this.name = 'RateLimitError';
  }
}

/** The server could not be reached (connection refused or reset, DNS failure, timeout). */
export class NetworkError extends PromptOpsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/**
 * `Retry-After` as milliseconds from now: either delay-seconds or an HTTP date. Null when absent
 * or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The typed error for a problem with this status. */
export function errorFromProblem(
  status: number,
  problem: Problem,
  retryAfterMs: number | null = null,
): ApiError {
  switch (status) {
    case 401:
      return new AuthenticationError(problem);
    case 403:
      return new PermissionDeniedError(problem);
    case 404:
      return new NotFoundError(problem);
    case 429:
      return new RateLimitError(problem, retryAfterMs);
    default:
      return new ApiError(status, problem);
  }
}

/** The typed error for a non-2xx answer whose body has been read. */
export function errorFor(response: Response, body: unknown): ApiError {
  return errorFromProblem(
    response.status,
    toProblem(response, body),
    parseRetryAfter(response.headers.get('retry-after')),
  );
}

/** Reads a failed answer's body (problem+json, other JSON or text) and makes its typed error. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's HTML page): the text becomes the detail.
  }
  return errorFor(response, body);
}

/**
 * Whether the error means the server is unavailable (down, overloaded, restarting) rather than
 * that the request was wrong: only then do cached copies and fallbacks stand in for an answer.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  return error instanceof ApiError && (error.status === 429 || error.status >= 500);
}
