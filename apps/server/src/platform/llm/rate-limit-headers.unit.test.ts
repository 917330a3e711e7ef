import { describe, expect, it } from 'vitest';
import { parseDuration, parseRateLimitHeaders } from './rate-limit-headers.js';

describe('provider rate-limit headers', () => {
  it('parses OpenAI durations', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('2.5')).toBe(2500);
    expect(parseDuration('soon')).toBeNull();
  });

  it("reads OpenAI's x-ratelimit-* headers", () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const h = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '29950',
      'x-ratelimit-reset-tokens': '1m30s',
    });
    expect(parseRateLimitHeaders(h, now)).toEqual({
      requests: { limit: 500, remaining: 499, resetAt: '2026-01-01T00:00:00.120Z' },
      tokens: { limit: 30000, remaining: 29950, resetAt: '2026-01-01T00:01:30.000Z' },
      observedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it("reads Anthropic's anthropic-ratelimit-* headers", () => {
    const h = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:05Z',
      'anthropic-ratelimit-tokens-limit': '40000',
      'anthropic-ratelimit-tokens-remaining': '39000',
      'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:07Z',
    });
    const r = parseRateLimitHeaders(h)!;
    expect(r.requests).toEqual({ limit: 50, remaining: 49, resetAt: '2026-01-01T00:00:05.000Z' });
    expect(r.tokens).toEqual({ limit: 40000, remaining: 39000, resetAt: '2026-01-01T00:00:07.000Z' });
  });

  it('returns null without rate-limit headers and tolerates garbage', () => {
    expect(parseRateLimitHeaders(new Headers({ 'content-type': 'text/event-stream' }))).toBeNull();
    const r = parseRateLimitHeaders(
      new Headers({ 'x-ratelimit-limit-requests': 'lots', 'x-ratelimit-reset-requests': '??' }),
    )!;
    expect(r.requests).toEqual({ limit: null, remaining: null, resetAt: null });
    expect(r.tokens).toBeNull();
  });
});
