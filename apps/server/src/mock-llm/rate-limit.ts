// Real, in-memory per-minute accounting behind the x-ratelimit-* / anthropic-ratelimit-* headers.
// A fixed window opens on the first request and lasts one minute; both limits reset together.

export interface RateLimitSnapshot {
  limitRequests: number;
  remainingRequests: number;
  limitTokens: number;
  remainingTokens: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
  /** Set when the request was refused: which limit it hit. */
  exceeded?: 'requests' | 'tokens';
}

export class MinuteWindowLimiter {
  private windowStart = 0;
  private requests = 0;
  private tokens = 0;

  constructor(
    private readonly requestLimit: number,
    private readonly tokenLimit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request of `tokens` tokens unless it would exceed a limit. */
  take(tokens: number, now = Date.now()): RateLimitSnapshot {
    if (now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.requests = 0;
      this.tokens = 0;
    }
    let exceeded: RateLimitSnapshot['exceeded'];
    if (this.requests >= this.requestLimit) exceeded = 'requests';
    else if (this.tokens + tokens > this.tokenLimit) exceeded = 'tokens';
    else {
      this.requests++;
      this.tokens += tokens;
    }
    return {
      limitRequests: this.requestLimit,
      remainingRequests: Math.max(0, this.requestLimit - this.requests),
      limitTokens: this.tokenLimit,
      remainingTokens: Math.max(0, this.tokenLimit - this.tokens),
      resetMs: this.windowStart + this.windowMs - now,
      ...(exceeded ? { exceeded } : {}),
    };
  }
}

/** OpenAI's duration style: `20ms`, `1.5s`, `6m0s`. */
export function formatOpenAiDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Number((seconds - minutes * 60).toFixed(3))}s`;
}

export function openAiRateLimitHeaders(s: RateLimitSnapshot, headers: Record<string, string>): void {
  const reset = formatOpenAiDuration(s.resetMs);
  headers['x-ratelimit-limit-requests'] = String(s.limitRequests);
  headers['x-ratelimit-remaining-requests'] = String(s.remainingRequests);
  headers['x-ratelimit-reset-requests'] = reset;
  headers['x-ratelimit-limit-tokens'] = String(s.limitTokens);
  headers['x-ratelimit-remaining-tokens'] = String(s.remainingTokens);
  headers['x-ratelimit-reset-tokens'] = reset;
}

export function anthropicRateLimitHeaders(
  s: RateLimitSnapshot,
  headers: Record<string, string>,
  now = Date.now(),
): void {
  // Anthropic reports resets as RFC 3339 timestamps, at second precision.
  const reset = new Date(Math.ceil((now + s.resetMs) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  headers['anthropic-ratelimit-requests-limit'] = String(s.limitRequests);
  headers['anthropic-ratelimit-requests-remaining'] = String(s.remainingRequests);
  headers['anthropic-ratelimit-requests-reset'] = reset;
  headers['anthropic-ratelimit-tokens-limit'] = String(s.limitTokens);
  headers['anthropic-ratelimit-tokens-remaining'] = String(s.remainingTokens);
  headers['anthropic-ratelimit-tokens-reset'] = reset;
}
