import { setTimeout as sleep } from 'node:timers/promises';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import {
  ProviderError,
  type ChatRequest,
  type FinishReason,
  type LlmClient,
  type ToolCallDelta,
} from './types.js';

/** Per-provider policy; every field has a documented default (docs/operations.md). */
export interface ResiliencePolicy {
  timeoutMs: { connect: number; ttft: number; total: number };
  maxRetries: number;
  breaker: { consecutiveFailures: number; halfOpenAfterMs: number };
}

export const DEFAULT_POLICY: ResiliencePolicy = {
  timeoutMs: { connect: 10_000, ttft: 60_000, total: 600_000 },
  maxRetries: 2,
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 30_000 },
};

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;

/** A timeout we imposed (as opposed to the provider failing on its own). */
class GatewayTimeout extends Error {
  constructor(
    readonly phase: 'connect' | 'ttft' | 'total',
    readonly limitMs: number,
  ) {
    super(
      phase === 'connect'
        ? `No response from the provider within ${limitMs} ms`
        : phase === 'ttft'
          ? `No first token from the provider within ${limitMs} ms`
          : `The call did not finish within ${limitMs} ms`,
    );
  }
}

/** Failures that say the endpoint is unhealthy; a 4xx (bad request, rate limit, auth) does not. */
function isOutage(err: unknown): boolean {
  if (err instanceof GatewayTimeout) return true;
  if (err instanceof ProviderError && err.origin === 'refused') return false;
  if (err instanceof ProviderError) return err.status === null || err.status >= 500;
  return false;
}

export interface BreakerState {
  state: 'closed' | 'open' | 'half-open';
  openedAt: string | null;
}

interface BreakerEntry {
  policy: CircuitBreakerPolicy;
  key: string;
  openedAt: Date | null;
}

/** One circuit breaker per provider endpoint, in this process. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, BreakerEntry>();
  onChange: (providerId: string, state: BreakerState['state']) => void = () => undefined;

  get(providerId: string, settings: ResiliencePolicy['breaker']): BreakerEntry {
    const key = `${settings.consecutiveFailures}:${settings.halfOpenAfterMs}`;
    let entry = this.breakers.get(providerId);
    if (!entry || entry.key !== key) {
      const policy = circuitBreaker(handleWhen(isOutage), {
        halfOpenAfter: settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
      });
      const created: BreakerEntry = { policy, key, openedAt: null };
      policy.onStateChange((s) => {
        if (s === CircuitState.Open) created.openedAt = new Date();
        if (s === CircuitState.Closed) created.openedAt = null;
        this.onChange(providerId, toName(s));
      });
      this.breakers.set(providerId, created);
      entry = created;
    }
    return entry;
  }

  state(providerId: string): BreakerState {
    const entry = this.breakers.get(providerId);
    if (!entry) return { state: 'closed', openedAt: null };
    return { state: toName(entry.policy.state), openedAt: entry.openedAt?.toISOString() ?? null };
  }

  delete(providerId: string) {
    this.breakers.delete(providerId);
  }
}

function toName(s: CircuitState): BreakerState['state'] {
  return s === CircuitState.Open || s === CircuitState.Isolated
    ? 'open'
    : s === CircuitState.HalfOpen
      ? 'half-open'
      : 'closed';
}

export interface ResilientCallOptions {
  client: LlmClient;
  request: ChatRequest;
  /** Aborted when the caller goes away: stops everything, nothing is retried. */
  signal: AbortSignal;
  policy: ResiliencePolicy;
  breaker: BreakerEntry;
  onOpen?: (headers: Headers) => void;
  onDelta: (text: string) => void;
  /** Each piece of a tool call the model makes. */
  onToolCall?: (piece: ToolCallDelta) => void;
}

export type ResilientCallResult =
  | {
      ok: true;
      attempts: number;
      usage?: { inputTokens: number; outputTokens: number };
      finishReason?: FinishReason;
    }
  | {
      ok: false;
      /** Whether any attempt got a response from the provider (else nothing was consumed there). */
      reachedProvider: boolean;
      attempts: number;
      cancelled: boolean;
      error: ProviderError;
      usage?: { inputTokens: number; outputTokens: number };
    };

/**
 * Calls the provider with timeouts, retries and the circuit breaker. A failed attempt is retried
 * (exponential backoff with full jitter, or the provider's Retry-After) only while no token has
 * reached the caller: after that a retry would duplicate text, so the run fails with what it has.
 */
export async function callWithResilience(o: ResilientCallOptions): Promise<ResilientCallResult> {
  const { policy } = o;
  const deadline = performance.now() + policy.timeoutMs.total;
  let streamed = false;
  let reachedProvider = false;
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  let finishReason: FinishReason | undefined;
  for (let attempt = 1; ; attempt++) {
    const attemptAbort = new AbortController();
    const onOuterAbort = () => attemptAbort.abort(o.signal.reason);
    o.signal.addEventListener('abort', onOuterAbort, { once: true });
    const timers: NodeJS.Timeout[] = [];
    const arm = (phase: GatewayTimeout['phase'], limit: number) => {
      const t = setTimeout(
        () =>
          attemptAbort.abort(new GatewayTimeout(phase, phase === 'total' ? policy.timeoutMs.total : limit)),
        Math.max(0, limit),
      );
      timers.push(t);
      return t;
    };
    const remaining = deadline - performance.now();
    const connectTimer = arm('connect', Math.min(policy.timeoutMs.connect, remaining));
    const ttftTimer = arm('ttft', Math.min(policy.timeoutMs.ttft, remaining));
    arm('total', remaining);
    try {
      await o.breaker.policy.execute(async () => {
        try {
          for await (const event of o.client.stream(o.request, attemptAbort.signal)) {
            if (event.type === 'open') {
              reachedProvider = true;
              clearTimeout(connectTimer);
              o.onOpen?.(event.headers);
            } else if (event.type === 'delta') {
              if (!streamed) {
                streamed = true;
                clearTimeout(ttftTimer);
                clearTimeout(connectTimer);
              }
              o.onDelta(event.text);
            } else if (event.type === 'tool_call') {
              // A tool call reached the caller as much as text does: no retry after it either.
              if (!streamed) {
                streamed = true;
                clearTimeout(ttftTimer);
                clearTimeout(connectTimer);
              }
              const { type: _type, ...piece } = event;
              o.onToolCall?.(piece);
            } else if (event.type === 'finish') {
              finishReason = event.reason;
            } else if (event.type === 'usage') {
              usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
            }
          }
        } catch (err) {
          // Our own timeout surfaces from the SDK as an abort; report it as what it is.
          const reason = attemptAbort.signal.reason;
          if (attemptAbort.signal.aborted && reason instanceof GatewayTimeout) throw reason;
          throw err;
        }
        if (attemptAbort.signal.aborted && attemptAbort.signal.reason instanceof GatewayTimeout) {
          throw attemptAbort.signal.reason;
        }
      });
      if (o.signal.aborted)
        return {
          ok: false,
          reachedProvider,
          attempts: attempt,
          cancelled: true,
          error: new ProviderError('Cancelled by the client', null),
          ...(usage ? { usage } : {}),
        };
      return {
        ok: true,
        attempts: attempt,
        ...(usage ? { usage } : {}),
        ...(finishReason ? { finishReason } : {}),
      };
    } catch (err) {
      if (o.signal.aborted) {
        return {
          ok: false,
          reachedProvider,
          attempts: attempt,
          cancelled: true,
          error: new ProviderError('Cancelled by the client', null),
          ...(usage ? { usage } : {}),
        };
      }
      const error = toFinalError(err, o.breaker);
      const retryable =
        !streamed &&
        !(err instanceof BrokenCircuitError) &&
        !(err instanceof GatewayTimeout && err.phase === 'total') &&
        isRetryable(err);
      const delay = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : backoff(attempt);
      if (!retryable || attempt > policy.maxRetries || performance.now() + delay >= deadline) {
        return {
          ok: false,
          reachedProvider,
          attempts: attempt,
          cancelled: false,
          error,
          ...(usage ? { usage } : {}),
        };
      }
      try {
        await sleep(delay, undefined, { signal: o.signal });
      } catch {
        return {
          ok: false,
          reachedProvider,
          attempts: attempt,
          cancelled: true,
          error: new ProviderError('Cancelled by the client', null),
        };
      }
    } finally {
      for (const t of timers) clearTimeout(t);
      o.signal.removeEventListener('abort', onOuterAbort);
    }
  }
}

function isRetryable(err: unknown): boolean {
  if (err instanceof GatewayTimeout) return true;
  if (err instanceof ProviderError && err.origin === 'refused') return false;
  if (err instanceof ProviderError) return err.status === null || err.status === 429 || err.status >= 500;
  return false;
}

function toFinalError(err: unknown, breaker: BreakerEntry): ProviderError {
  if (err instanceof BrokenCircuitError) {
    return new ProviderError(
      `The circuit breaker for this provider is open after repeated failures (since ${breaker.openedAt?.toISOString() ?? 'recently'}); failing fast until a probe succeeds`,
      503,
    );
  }
  if (err instanceof GatewayTimeout) return new ProviderError(err.message, 504);
  if (err instanceof ProviderError) return err;
  return new ProviderError(err instanceof Error ? err.message : String(err), null);
}

/** Full jitter: a random wait in [0, min(cap, base·2^(n-1))]. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
}

export { GatewayTimeout };
