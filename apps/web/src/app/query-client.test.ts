import { describe, expect, it } from 'vitest';
import { ApiError } from './problem';
import { shouldRetry } from './query-client';

describe('shouldRetry', () => {
  it('never retries client errors', () => {
    expect(shouldRetry(0, new ApiError({ type: 'x', title: 'Forbidden', status: 403 }))).toBe(false);
  });

  it('retries network and server errors twice', () => {
    const error = new ApiError({ type: 'x', title: 'Network error', status: 0 });
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, new ApiError({ type: 'x', title: 'Bad gateway', status: 502 }))).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
  });
});
