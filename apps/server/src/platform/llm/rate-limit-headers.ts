export interface LimitWindow {
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
}

export interface ProviderRateLimits {
  requests: LimitWindow | null;
  tokens: LimitWindow | null;
  observedAt: string;
}

/** OpenAI reset values are durations: "1s", "6m0s", "20ms", "1h2m3.5s". */
export function parseDuration(value: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = '';
  for (const m of value.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    matched += m[0];
  }
  if (matched !== value.trim() || matched === '') {
    const seconds = Number(value);
    return Number.isFinite(seconds) ? seconds * 1000 : null;
  }
  return total;
}

const num = (v: string | null) =>
  v === null || v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v);

function window(
  limit: string | null,
  remaining: string | null,
  reset: string | null,
  now: number,
  resetIsDate: boolean,
): LimitWindow | null {
  if (limit === null && remaining === null && reset === null) return null;
  let resetAt: string | null = null;
  if (reset) {
    if (resetIsDate) {
      const d = new Date(reset);
      resetAt = Number.isNaN(d.getTime()) ? null : d.toISOString();
    } else {
      const ms = parseDuration(reset);
      resetAt = ms === null ? null : new Date(now + ms).toISOString();
    }
  }
  return { limit: num(limit), remaining: num(remaining), resetAt };
}

/** Reads OpenAI `x-ratelimit-*` or Anthropic `anthropic-ratelimit-*` headers; null when the provider sent none. */
export function parseRateLimitHeaders(headers: Headers, now = Date.now()): ProviderRateLimits | null {
  const get = (name: string) => headers.get(name);
  const requests =
    window(
      get('x-ratelimit-limit-requests'),
      get('x-ratelimit-remaining-requests'),
      get('x-ratelimit-reset-requests'),
      now,
      false,
    ) ??
    window(
      get('anthropic-ratelimit-requests-limit'),
      get('anthropic-ratelimit-requests-remaining'),
      get('anthropic-ratelimit-requests-reset'),
      now,
      true,
    );
  const tokens =
    window(
      get('x-ratelimit-limit-tokens'),
      get('x-ratelimit-remaining-tokens'),
      get('x-ratelimit-reset-tokens'),
      now,
      false,
    ) ??
    window(
      get('anthropic-ratelimit-tokens-limit'),
      get('anthropic-ratelimit-tokens-remaining'),
      get('anthropic-ratelimit-tokens-reset'),
      now,
      true,
    );
  if (!requests && !tokens) return null;
  return { requests, tokens, observedAt: new Date(now).toISOString() };
}
