import type { LlmClient } from '../../platform/llm/types.js';
import { ProviderError } from '../../platform/llm/types.js';

export type ProbeKind = 'models' | 'completion';
export type CheckStatus = 'healthy' | 'degraded' | 'down';

/** A probe taking longer than this is aborted and the provider counted as down. */
export const PROBE_TIMEOUT_MS = 10_000;
/** A successful probe slower than this marks the provider degraded. */
export const DEGRADED_LATENCY_MS = 2_000;

export interface ProbeOptions {
  probe: ProbeKind;
  timeoutMs?: number;
  degradedAfterMs?: number;
  /** Aborts the probe early (scheduler shutdown). */
  signal?: AbortSignal;
}

export interface ProbeResult {
  status: CheckStatus;
  latencyMs: number;
  error: string | null;
  /** The HTTP status when `error` includes the provider's response body (admins only). */
  upstreamStatus?: number | null;
}

const MAX_ERROR_LENGTH = 1000;

/**
 * One cheap call: list the models, or ask the given model for a single token. The call goes
 * straight to the SDK client, bypassing the gateway's retries and circuit breaker, so the result
 * is what the provider answers right now.
 */
export async function probe(
  client: LlmClient,
  model: string | null,
  opts: ProbeOptions,
): Promise<ProbeResult> {
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const degradedAfterMs = opts.degradedAfterMs ?? DEGRADED_LATENCY_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    if (opts.probe === 'completion' && model) {
      const events = client.stream(
        { model, messages: [{ role: 'user', content: 'ping' }], params: { maxTokens: 1 } },
        signal,
      );
      for await (const _event of events) {
        // Drain: one token, then usage.
      }
    } else {
      await client.listModels(signal);
    }
    const latencyMs = elapsed();
    return latencyMs < degradedAfterMs
      ? { status: 'healthy', latencyMs, error: null }
      : { status: 'degraded', latencyMs, error: `Slow: answered in ${latencyMs} ms` };
  } catch (err) {
    const latencyMs = elapsed();
    if (timeout.aborted) return { status: 'down', latencyMs, error: `No answer within ${timeoutMs} ms` };
    const upstreamStatus = err instanceof ProviderError && err.origin === 'upstream' ? err.status : null;
    if (err instanceof ProviderError && err.status === 429) {
      return {
        status: 'degraded',
        latencyMs,
        error: truncate(`Rate limited: ${err.message}`),
        upstreamStatus,
      };
    }
    const message = err instanceof Error ? err.message : String(err);
    const status = err instanceof ProviderError && err.status ? `${err.status}: ` : '';
    return { status: 'down', latencyMs, error: truncate(`${status}${message}`), upstreamStatus };
  }
}

function truncate(s: string) {
  return s.length > MAX_ERROR_LENGTH ? `${s.slice(0, MAX_ERROR_LENGTH - 1)}…` : s;
}
