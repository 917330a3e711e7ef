import { NetworkError, parseRetryAfter } from './errors.js';

export type FetchLike = (request: Request) => Promise<Response>;

export interface RetryOptions {
  /** Retries after the first attempt (0 turns retrying off). Default 2. */
  maxRetries?: number;
  /** First backoff; each retry doubles it, with full jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest backoff between two attempts. Default 8 s. */
  maxDelayMs?: number;
  /**
   * Longest `Retry-After` to wait for: a server asking for more gets its error returned at once
   * (a RateLimitError carrying retryAfterMs) instead of a stalled call. Default 30 s.
   */
  maxRetryAfterMs?: number;
}

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
// Methods whose repetition has no further effect: they are retried on any transient failure.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a failed attempt may be repeated. An idempotent request may on any listed status or a
 * network error. Other requests (POST, PATCH) only when the server certainly did nothing: a 429
 * is answered before processing, and a refused connection never reached a server. A 502/503/504
 * or a reset connection may come after the server acted (a run started and recorded), so those
 * are not repeated.
 */
function retriable(method: string, outcome: Response | unknown): boolean {
  if (outcome instanceof Response) {
    if (!RETRIED_STATUSES.has(outcome.status)) return false;
    return IDEMPOTENT.has(method) || outcome.status === 429;
  }
  return IDEMPOTENT.has(method) || connectionRefused(outcome);
}

function connectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === 'ECONNREFUSED';
}

/** Backoff before retry `attempt` (0-based): full jitter over an exponentially growing cap. */
export function backoffDelay(attempt: number, base: number, max: number, random = Math.random): number {
  return Math.round(random() * Math.min(max, base * 2 ** attempt));
}

export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `fetch` with retries: transient failures (429, 502, 503, 504, network errors) are repeated
 * with exponential backoff and jitter, or after the server's `Retry-After` when it gives one.
 * What is left after the last attempt is returned (a Response) or thrown (a NetworkError).
 */
export function withRetries(fetchFn: FetchLike, options: RetryOptions = {}): FetchLike {
  const maxRetries = options.maxRetries ?? 2;
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 8_000;
  const maxRetryAfter = options.maxRetryAfterMs ?? 30_000;
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      // The body can be read once: each attempt sends a copy, the original stays for the next.
      const sent = last ? request : request.clone();
      let outcome: Response | unknown;
      try {
        outcome = await fetchFn(sent);
      } catch (error) {
        if (request.signal.aborted) throw error;
        outcome = error;
      }
      if (last || !retriable(request.method, outcome)) {
        if (outcome instanceof Response) return outcome;
        throw asNetworkError(outcome, request);
      }
      let delay = backoffDelay(attempt, base, max);
      if (outcome instanceof Response) {
        const asked = parseRetryAfter(outcome.headers.get('retry-after'));
        if (asked !== null) {
          if (asked > maxRetryAfter) return outcome;
          delay = asked;
        }
        // Free the connection before waiting.
        await outcome.body?.cancel().catch(() => undefined);
      }
      await sleep(delay, request.signal);
    }
  };
}

export function asNetworkError(error: unknown, request: Request): unknown {
  if (error instanceof NetworkError) return error;
  // An abort is the caller's own doing: passed on as it is.
  if (error instanceof Error && error.name === 'AbortError') return error;
  const reason = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return new NetworkError(`${request.method} ${new URL(request.url).pathname} failed: ${reason}${detail}`, {
    cause: error,
  });
}
