import { describe, expect, it } from 'vitest';
import { describeRunFailure, plainFailure } from './run-failure';

const problem = (status: number, detail: string, extra: Record<string, unknown> = {}) => ({
  type: 'about:blank',
  title: 'x',
  status,
  detail,
  ...extra,
});

describe('describeRunFailure', () => {
  it('says when a rate-limited run may be retried', () => {
    const failure = describeRunFailure(
      problem(429, 'mock-fast allows 1 requests per minute in this organization; retry in 42 s', {
        retryAfterSeconds: 41.2,
      }),
    );
    expect(failure).toMatchObject({ kind: 'rate-limit', title: 'Rate limit reached, retry in 42 s' });
    expect(failure.message).toBe('mock-fast allows 1 requests per minute in this organization.');
    expect(describeRunFailure(problem(429, 'slow down')).title).toBe('Rate limit reached');
  });

  it('explains an open circuit and when it was opened', () => {
    const failure = describeRunFailure(
      problem(
        503,
        'The circuit breaker for this provider is open after repeated failures (since 2025-06-01T12:00:00.000Z); failing fast until a probe succeeds',
      ),
    );
    expect(failure.kind).toBe('circuit-open');
    expect(failure.title).toBe('Circuit open — failing fast');
    expect(failure.message).toMatch(
      /^The provider failed repeatedly \(circuit open since .+\), so runs fail at once/,
    );
    expect(failure.message).toContain('the next run goes through as a probe');
    expect(describeRunFailure(problem(503, 'open', { retryAfterSeconds: 30 })).message).toContain(
      'Retry in 30 s.',
    );
  });

  it('points a timeout at the provider settings', () => {
    const failure = describeRunFailure(problem(504, 'No first token from the provider within 100 ms.'));
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain("Raise the provider's timeouts");
  });

  it('passes other provider failures through', () => {
    expect(describeRunFailure(problem(502, 'The provider failed: ECONNREFUSED'))).toMatchObject({
      kind: 'provider',
      message: 'The provider failed: ECONNREFUSED',
    });
    expect(describeRunFailure({ type: 'about:blank', title: 'Forbidden', status: 403 })).toMatchObject({
      kind: 'other',
      message: 'Forbidden',
    });
    expect(plainFailure('gone').kind).toBe('other');
  });
});

describe('describeRunFailure fallback', () => {
  it('prefers the composed message for other problems only', () => {
    expect(describeRunFailure(problem(400, 'Invalid'), 'Invalid: modelId: Required').message).toBe(
      'Invalid: modelId: Required',
    );
    expect(describeRunFailure(problem(502, 'The provider failed: x'), 'ignored').message).toBe(
      'The provider failed: x',
    );
  });
});
