import { describe, expect, it } from 'vitest';
import type { Analytics, AnalyticsPoint, AnalyticsTotals } from '@promptops/contracts';
import { bucketLabel, buildChart, MAX_LINES } from './chart-data';
import { seriesTotalsCsv } from './series-csv';

function point(t: string, patch: Partial<AnalyticsPoint> = {}): AnalyticsPoint {
  return {
    t,
    executions: 0,
    failed: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: '0',
    latencyMs: { p50: null, p95: null },
    evaluationScore: null,
    ...patch,
  };
}

function totals(executions: number, patch: Partial<AnalyticsTotals> = {}): AnalyticsTotals {
  return {
    executions,
    failed: 0,
    cancelled: 0,
    interrupted: 0,
    errorRate: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: '0',
    latencyMs: { p50: null, p95: null, mean: null },
    evaluationScore: null,
    ...patch,
  };
}

const D1 = '2026-03-01T00:00:00.000Z';
const D2 = '2026-03-02T00:00:00.000Z';

type Shape = Pick<Analytics, 'series' | 'interval' | 'groupBy'>;

describe('buildChart', () => {
  const single: Shape = {
    interval: 'day',
    groupBy: null,
    series: [
      {
        key: 'all',
        label: 'All runs',
        totals: totals(7),
        points: [
          point(D2, { executions: 4, failed: 1, latencyMs: { p50: 300, p95: 900 }, costUsd: '0.002' }),
          point(D1, { executions: 3, inputTokens: 10, outputTokens: 5 }),
        ],
      },
    ],
  };

  it('draws two lines for one series: runs and failures, p50 and p95, input and output', () => {
    const runs = buildChart(single, 'runs');
    expect(runs.lines.map((l) => [l.label, l.color])).toEqual([
      ['Runs', 'blue.6'],
      ['Failed', 'red.6'],
    ]);
    // Rows come in time order whatever order the points had.
    expect(runs.rows).toEqual([
      { t: D1, label: 'Mar 1', s0: 3, s1: 0 },
      { t: D2, label: 'Mar 2', s0: 4, s1: 1 },
    ]);
    const latency = buildChart(single, 'latency');
    expect(latency.lines.map((l) => l.label)).toEqual(['p50', 'p95']);
    expect(latency.rows.map((r) => [r.s0, r.s1])).toEqual([
      [null, null],
      [300, 900],
    ]);
    expect(buildChart(single, 'cost').rows.map((r) => r.s0)).toEqual([0, 0.002]);
    expect(buildChart(single, 'tokens').rows[0]).toMatchObject({ s0: 10, s1: 5 });
  });

  it('says when there is nothing to draw (no evaluation scores)', () => {
    expect(buildChart(single, 'quality').hasValues).toBe(false);
    expect(buildChart(single, 'runs').hasValues).toBe(true);
  });

  it('draws one line per series when grouped, busiest first, with dotted names kept out of data keys', () => {
    const grouped: Shape = {
      interval: 'hour',
      groupBy: 'model',
      series: [
        { key: 'm-small', label: 'gpt-4.1-mini', totals: totals(1), points: [point(D1, { executions: 1 })] },
        {
          key: 'm-big',
          label: 'gpt-4.1',
          totals: totals(5),
          points: [point(D1, { executions: 2 }), point(D2, { executions: 3, evaluationScore: 0.5 })],
        },
      ],
    };
    const runs = buildChart(grouped, 'runs');
    expect(runs.lines.map((l) => [l.name, l.label])).toEqual([
      ['s0', 'gpt-4.1'],
      ['s1', 'gpt-4.1-mini'],
    ]);
    // A bucket the series has no point for counts zero runs.
    expect(runs.rows.map((r) => [r.s0, r.s1])).toEqual([
      [2, 1],
      [3, 0],
    ]);
    // …but has no score.
    expect(buildChart(grouped, 'quality').rows.map((r) => [r.s0, r.s1])).toEqual([
      [null, null],
      [0.5, null],
    ]);
    expect(buildChart(grouped, 'tokens').lines).toHaveLength(2);
  });

  it('keeps the busiest series and counts the rest as hidden', () => {
    const many: Shape = {
      interval: 'day',
      groupBy: 'prompt',
      series: Array.from({ length: MAX_LINES + 3 }, (_, i) => ({
        key: `p${i}`,
        label: `prompt ${i}`,
        totals: totals(i),
        points: [point(D1, { executions: i })],
      })),
    };
    const chart = buildChart(many, 'runs');
    expect(chart.lines).toHaveLength(MAX_LINES);
    expect(chart.hidden).toBe(3);
    expect(chart.lines[0]?.label).toBe(`prompt ${MAX_LINES + 2}`);
  });

  it('labels hours, and the midnight hour with its day', () => {
    expect(bucketLabel('2026-03-01T13:00:00.000Z', 'hour')).toBe('13:00');
    expect(bucketLabel('2026-03-02T00:00:00.000Z', 'hour')).toBe('Mar 2 00:00');
  });
});

describe('seriesTotalsCsv', () => {
  it('writes one line per series and the total, with exact costs and quoted names', () => {
    const csv = seriesTotalsCsv({
      groupBy: 'prompt',
      series: [
        {
          key: 'support/reply',
          label: 'support, "reply"',
          points: [],
          totals: totals(3, {
            failed: 1,
            errorRate: 1 / 3,
            costUsd: '0.000000123456789',
            latencyMs: { p50: 100, p95: 200, mean: 150 },
          }),
        },
      ],
      totals: totals(3, { failed: 1, errorRate: 1 / 3, costUsd: '0.000000123456789' }),
    });
    expect(csv.split('\r\n')).toEqual([
      'series,label,executions,failed,error_rate,input_tokens,output_tokens,cost_usd,latency_p50_ms,latency_p95_ms,evaluation_score',
      `support/reply,"support, ""reply""",3,1,${1 / 3},0,0,0.000000123456789,100,200,`,
      `total,Total,3,1,${1 / 3},0,0,0.000000123456789,,,`,
      '',
    ]);
  });

  it('writes only the total when the view is not grouped', () => {
    const csv = seriesTotalsCsv({
      groupBy: null,
      series: [{ key: 'all', label: 'All', points: [], totals: totals(2) }],
      totals: totals(2),
    });
    expect(csv.trim().split('\r\n')).toHaveLength(2);
  });
});
