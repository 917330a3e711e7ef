import { describe, expect, it } from 'vitest';
import {
  breakerOf,
  describeBreaker,
  describeHealth,
  formatAgo,
  formatPair,
  formatIn,
  HEALTH_META,
  healthOf,
  modelUsageProgress,
  providerLimitProgress,
  recentChecks,
} from './ops-status';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const at = (offsetSeconds: number) => new Date(NOW + offsetSeconds * 1000).toISOString();

describe('health', () => {
  it('maps every status to a color and label', () => {
    expect(HEALTH_META.healthy.color).toBe('teal');
    expect(HEALTH_META.degraded.color).toBe('yellow');
    expect(HEALTH_META.down.color).toBe('red');
    expect(HEALTH_META.unknown).toMatchObject({ color: 'gray', label: 'Unknown' });
  });

  it('falls back to unknown when the server sends no health or an unexpected status', () => {
    expect(healthOf({}).status).toBe('unknown');
    expect(healthOf(null).status).toBe('unknown');
    expect(healthOf({ health: null }).status).toBe('unknown');
    const odd = { health: { status: 'exploded', checkedAt: null, latencyMs: null } };
    expect(healthOf(odd as never).status).toBe('unknown');
    const down = { status: 'down' as const, checkedAt: at(-30), latencyMs: 12, error: 'boom' };
    expect(healthOf({ health: down })).toBe(down);
  });

  it('describes when a check ran and how long it took', () => {
    expect(describeHealth({ status: 'unknown', checkedAt: null, latencyMs: null }, NOW)).toBe(
      'Never checked',
    );
    expect(describeHealth({ status: 'healthy', checkedAt: at(-120), latencyMs: 140.4 }, NOW)).toBe(
      'Checked 2 min ago · 140 ms',
    );
    expect(describeHealth({ status: 'down', checkedAt: at(-2), latencyMs: null }, NOW)).toBe(
      'Checked just now',
    );
  });
});

describe('breaker', () => {
  it('defaults to closed when missing', () => {
    expect(breakerOf({})).toEqual({ state: 'closed', openedAt: null });
    expect(breakerOf({ breaker: { state: 'open', openedAt: at(-5) } })).toEqual({
      state: 'open',
      openedAt: at(-5),
    });
    expect(breakerOf({ breaker: { state: 'half-open' } })).toEqual({ state: 'half-open', openedAt: null });
  });
});

describe('describeBreaker', () => {
  it('says when an open circuit lets a probe through', () => {
    expect(describeBreaker({ state: 'closed', openedAt: null }, 30_000, NOW)).toBe(
      'Calls go through normally.',
    );
    expect(describeBreaker({ state: 'open', openedAt: at(-14) }, 30_000, NOW)).toBe(
      'Opened 14 s ago · probe allowed in 16 s',
    );
    expect(describeBreaker({ state: 'open', openedAt: at(-40) }, 30_000, NOW)).toBe(
      'Opened 40 s ago · the next call probes the provider',
    );
    expect(describeBreaker({ state: 'half-open', openedAt: at(-40) }, 30_000, NOW)).toBe(
      'Opened 40 s ago · the next call probes the provider',
    );
  });
});

describe('relative times', () => {
  it('formats the past', () => {
    expect(formatAgo(null, NOW)).toBe('never');
    expect(formatAgo('not a date', NOW)).toBe('never');
    expect(formatAgo(at(-42), NOW)).toBe('42 s ago');
    expect(formatAgo(at(-3 * 3600), NOW)).toBe('3 h ago');
    expect(formatAgo(at(-2 * 86_400), NOW)).toBe('2 d ago');
  });

  it('formats the future', () => {
    expect(formatIn(null, NOW)).toBeNull();
    expect(formatIn(at(-1), NOW)).toBe('now');
    expect(formatIn(at(12), NOW)).toBe('in 12 s');
    expect(formatIn(at(600), NOW)).toBe('in 10 min');
    expect(formatIn(at(5 * 3600), NOW)).toBe('in 5 h');
  });

  it('formats both numbers of a pair in one notation', () => {
    expect(formatPair(9_999, 10_000)).toBe('9,999 / 10,000');
    expect(formatPair(12, 60)).toBe('12 / 60');
    expect(formatPair(49_999_950, 50_000_000)).toBe('50M / 50M');
    expect(formatPair(1_234_000, 2_000_000)).toBe('1.234M / 2M');
  });
});

describe('provider limits (remaining of limit)', () => {
  it('is null without a header', () => {
    expect(providerLimitProgress(null, NOW)).toBeNull();
    expect(providerLimitProgress({ limit: null, remaining: 5, resetAt: null }, NOW)).toBeNull();
    expect(providerLimitProgress({ limit: 0, remaining: 0, resetAt: null }, NOW)).toBeNull();
  });

  it('shows what is left, turning yellow then red as it runs out', () => {
    expect(providerLimitProgress({ limit: 500, remaining: 499, resetAt: at(8) }, NOW)).toEqual({
      percent: 99.8,
      color: 'teal',
      label: '499 / 500 left',
      reset: 'resets in 8 s',
    });
    expect(providerLimitProgress({ limit: 100, remaining: 10, resetAt: null }, NOW)).toMatchObject({
      percent: 10,
      color: 'yellow',
      reset: null,
    });
    expect(providerLimitProgress({ limit: 100, remaining: -3, resetAt: null }, NOW)).toMatchObject({
      percent: 0,
      color: 'red',
      label: '0 / 100 left',
    });
  });
});

describe('model usage (used of limit)', () => {
  it('stays gray without a limit', () => {
    expect(modelUsageProgress({ used: 3, limit: null, resetAt: at(30) }, NOW)).toEqual({
      percent: 0,
      color: 'gray',
      label: '3 / no limit',
      reset: null,
    });
    expect(modelUsageProgress(undefined, NOW).label).toBe('0 / no limit');
  });

  it('fills up to the limit and clamps beyond it', () => {
    expect(modelUsageProgress({ used: 1, limit: 4, resetAt: at(30) }, NOW)).toEqual({
      percent: 25,
      color: 'teal',
      label: '1 / 4',
      reset: 'resets in 30 s',
    });
    expect(modelUsageProgress({ used: 9, limit: 10, resetAt: at(30) }, NOW).color).toBe('yellow');
    expect(modelUsageProgress({ used: 3, limit: 1, resetAt: at(30) }, NOW, true).label).toBe(
      '1 / 1 · 2 refused',
    );
    expect(modelUsageProgress({ used: 3, limit: 1, resetAt: at(30) }, NOW).label).toBe('3 / 1');
    expect(modelUsageProgress({ used: 12, limit: 10, resetAt: at(30) }, NOW)).toMatchObject({
      percent: 100,
      color: 'red',
    });
  });
});

describe('recentChecks', () => {
  it('keeps the newest checks, oldest first', () => {
    const items = [at(-10), at(-20), at(-30)].map((checkedAt) => ({ checkedAt }));
    expect(recentChecks(items, 2).map((c) => c.checkedAt)).toEqual([at(-20), at(-10)]);
    expect(recentChecks([], 5)).toEqual([]);
  });
});
