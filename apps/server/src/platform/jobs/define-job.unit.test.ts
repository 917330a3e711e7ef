import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { backoffDelay, defineJob } from './define-job.js';

const base = {
  name: 'evaluation-run',
  payload: z.object({}),
  queue: 'evaluations',
  concurrency: 2,
  attempts: 3,
  backoff: { type: 'fixed' as const, delayMs: 10 },
  handler: async () => {},
};

describe('defineJob', () => {
  it('accepts a well-formed definition', () => {
    expect(defineJob(base)).toMatchObject({ name: 'evaluation-run', queue: 'evaluations', concurrency: 2 });
  });

  it('refuses names that cannot be queue or row keys, and nonsensical limits', () => {
    expect(() => defineJob({ ...base, name: 'Evaluation Run' })).toThrow(/kebab-case/);
    expect(() => defineJob({ ...base, queue: 'a,b' })).toThrow(/kebab-case/);
    expect(() => defineJob({ ...base, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => defineJob({ ...base, attempts: 1.5 })).toThrow(/attempts/);
  });
});

describe('backoffDelay', () => {
  it('is constant for fixed backoff', () => {
    expect([1, 2, 5].map((a) => backoffDelay({ type: 'fixed', delayMs: 250 }, a))).toEqual([250, 250, 250]);
  });

  it('doubles per attempt for exponential backoff, up to the cap', () => {
    const b = { type: 'exponential' as const, delayMs: 100, maxDelayMs: 700 };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(b, a))).toEqual([100, 200, 400, 700, 700]);
    expect(backoffDelay({ type: 'exponential', delayMs: 1000 }, 40)).toBe(3_600_000);
  });
});
