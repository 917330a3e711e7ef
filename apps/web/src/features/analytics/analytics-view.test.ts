import { describe, expect, it } from 'vitest';
import {
  analyticsFileName,
  analyticsQuery,
  DEFAULT_VIEW,
  parseView,
  resolvePeriod,
  viewToSearch,
  type AnalyticsView,
} from './analytics-view';

const NOW = Date.parse('2026-03-10T14:25:00.000Z');

describe('resolvePeriod', () => {
  it('counts the last 24 hours per hour, ending with the current hour', () => {
    expect(resolvePeriod({ period: '24h', from: '', to: '' }, NOW)).toEqual({
      ok: true,
      period: { from: '2026-03-09T15:00:00.000Z', to: '2026-03-10T15:00:00.000Z', interval: 'hour' },
    });
  });

  it('counts longer presets per day, ending with today (UTC)', () => {
    expect(resolvePeriod({ period: '7d', from: '', to: '' }, NOW)).toEqual({
      ok: true,
      period: { from: '2026-03-04T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', interval: 'day' },
    });
    const ninety = resolvePeriod({ period: '90d', from: '', to: '' }, NOW);
    expect(ninety.ok && ninety.period.from).toBe('2025-12-11T00:00:00.000Z');
  });

  it('keeps the same range while the hour lasts, so the query is not refetched on every render', () => {
    const a = resolvePeriod({ period: '24h', from: '', to: '' }, NOW);
    const b = resolvePeriod({ period: '24h', from: '', to: '' }, NOW + 30 * 60_000);
    expect(a).toEqual(b);
  });

  it('takes a custom period as whole days, hourly up to two days', () => {
    expect(resolvePeriod({ period: 'custom', from: '2026-03-01', to: '2026-03-02' }, NOW)).toEqual({
      ok: true,
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', interval: 'hour' },
    });
    expect(resolvePeriod({ period: 'custom', from: '2026-03-01', to: '2026-03-03' }, NOW)).toEqual({
      ok: true,
      period: { from: '2026-03-01T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z', interval: 'day' },
    });
  });

  it('says what is wrong with a custom period', () => {
    expect(resolvePeriod({ period: 'custom', from: '', to: '2026-03-02' }, NOW)).toEqual({
      ok: false,
      error: 'Pick the first day',
    });
    expect(resolvePeriod({ period: 'custom', from: '2026-03-05', to: '2026-03-02' }, NOW)).toEqual({
      ok: false,
      error: 'The last day is before the first',
    });
    expect(resolvePeriod({ period: 'custom', from: '2024-01-01', to: '2026-03-02' }, NOW)).toEqual({
      ok: false,
      error: 'Pick at most 400 days',
    });
    expect(resolvePeriod({ period: 'custom', from: '2026-02-31', to: 'x' }, NOW).ok).toBe(false);
  });
});

describe('view in the URL', () => {
  it('round-trips a full view and leaves the defaults out', () => {
    const view: AnalyticsView = {
      period: 'custom',
      from: '2026-03-01',
      to: '2026-03-07',
      promptName: 'support/reply',
      promptVersion: 3,
      modelId: 'm1',
      source: 'api',
      groupBy: 'version',
      scoreKey: 'exact_match',
    };
    const search = viewToSearch(view);
    expect(parseView(new URLSearchParams(search))).toEqual(view);
    expect(viewToSearch(DEFAULT_VIEW)).toEqual({});
  });

  it('ignores values it cannot use', () => {
    const view = parseView(new URLSearchParams('period=1y&source=fax&groupBy=user&version=2'));
    // A version without its prompt is dropped, like an unknown period, source and grouping.
    expect(view).toEqual(DEFAULT_VIEW);
  });
});

describe('analyticsQuery', () => {
  const period = {
    from: '2026-03-04T00:00:00.000Z',
    to: '2026-03-11T00:00:00.000Z',
    interval: 'day' as const,
  };

  it('sends only the filters that are set', () => {
    expect(analyticsQuery(DEFAULT_VIEW, period)).toEqual(period);
    expect(
      analyticsQuery(
        { ...DEFAULT_VIEW, promptName: 'a', promptVersion: 2, groupBy: 'model', source: 'api' },
        period,
      ),
    ).toEqual({ ...period, promptName: 'a', promptVersion: 2, groupBy: 'model', source: 'api' });
  });

  it('names the download after the days it covers', () => {
    expect(analyticsFileName(period)).toBe('analytics-2026-03-04-to-2026-03-10.csv');
    expect(
      analyticsFileName(
        { from: '2026-03-10T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z', interval: 'hour' },
        '-series',
      ),
    ).toBe('analytics-2026-03-10-series.csv');
  });
});
