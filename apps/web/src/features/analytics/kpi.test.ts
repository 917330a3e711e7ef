import { describe, expect, it } from 'vitest';
import type { AnalyticsTotals } from '@promptops/contracts';
import {
  buildKpis,
  formatQuality,
  formatRegressionValue,
  pointChange,
  relativeChange,
  scoreDirection,
} from './kpi';

function totals(patch: Partial<AnalyticsTotals> = {}): AnalyticsTotals {
  return {
    executions: 0,
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

describe('relativeChange', () => {
  it('says how much a figure moved and whether that is good', () => {
    expect(relativeChange(120, 100, 'neutral')).toEqual({ text: '▲ 20 %', tone: 'neutral' });
    expect(relativeChange(120, 100, 'down-is-good')).toEqual({ text: '▲ 20 %', tone: 'bad' });
    expect(relativeChange(95, 100, 'down-is-good')).toEqual({ text: '▼ 5 %', tone: 'good' });
    expect(relativeChange(0.8, 0.75, 'up-is-good')).toEqual({ text: '▲ 6.7 %', tone: 'good' });
    expect(relativeChange(50, 100, 'up-is-good')).toEqual({ text: '▼ 50 %', tone: 'bad' });
  });

  it('handles growth from nothing and figures that did not exist', () => {
    expect(relativeChange(5, 0, 'neutral')).toEqual({ text: 'new', tone: 'neutral' });
    expect(relativeChange(0, 0, 'neutral')).toEqual({ text: 'no change', tone: 'neutral' });
    expect(relativeChange(null, 100, 'down-is-good')).toBeNull();
    expect(relativeChange(100, null, 'down-is-good')).toBeNull();
    expect(relativeChange(100.01, 100, 'down-is-good')).toEqual({ text: 'no change', tone: 'neutral' });
  });

  it('reads negative scores by their size', () => {
    expect(relativeChange(-1, -2, 'up-is-good')).toEqual({ text: '▲ 50 %', tone: 'good' });
  });
});

describe('pointChange', () => {
  it('gives a rate change in percentage points', () => {
    expect(pointChange(0.02, 0.01, 'down-is-good')).toEqual({ text: '▲ 1 pp', tone: 'bad' });
    expect(pointChange(0.05, 0.2, 'down-is-good')).toEqual({ text: '▼ 15 pp', tone: 'good' });
    expect(pointChange(0.1, 0.1, 'down-is-good')).toEqual({ text: 'no change', tone: 'neutral' });
  });
});

describe('buildKpis', () => {
  it('compares every headline figure with the period before', () => {
    const current = totals({
      executions: 200,
      failed: 10,
      errorRate: 0.05,
      inputTokens: 1000,
      outputTokens: 500,
      costUsd: '0.123456789',
      latencyMs: { p50: 400, p95: 1500, mean: 600 },
      evaluationScore: 0.82,
    });
    const previous = totals({
      executions: 100,
      failed: 2,
      errorRate: 0.02,
      costUsd: '0.1',
      latencyMs: { p50: 300, p95: 2000, mean: 500 },
      evaluationScore: 0.8,
    });
    const kpis = buildKpis(current, previous, 'exact_match');
    expect(kpis.map((k) => [k.key, k.value, k.change?.text, k.change?.tone])).toEqual([
      ['runs', '200', '▲ 100 %', 'neutral'],
      // The exact decimal goes to the page as it is.
      ['cost', '0.123456789', '▲ 23 %', 'bad'],
      ['latency', '1.50 s', '▼ 25 %', 'good'],
      ['errors', '5 %', '▲ 3 pp', 'bad'],
      ['quality', '0.820', '▲ 2.5 %', 'good'],
    ]);
    expect(kpis.find((k) => k.key === 'runs')?.note).toBe('10 failed');
    expect(kpis.find((k) => k.key === 'latency')?.note).toBe('p50 400 ms');
    expect(kpis.find((k) => k.key === 'quality')?.note).toBe('mean exact_match');
  });

  it('shows dashes, not zeros, for figures a period without runs does not have', () => {
    const kpis = buildKpis(totals(), totals(), null);
    expect(kpis.map((k) => k.value)).toEqual(['0', '0', '—', '—', '—']);
    expect(kpis.find((k) => k.key === 'errors')?.change).toBeNull();
    expect(kpis.find((k) => k.key === 'quality')?.note).toBe('no evaluation scores');
  });

  it('reads lower-is-better scores the other way round', () => {
    expect(scoreDirection('ter')).toBe('down-is-good');
    expect(scoreDirection('bleu')).toBe('up-is-good');
    const kpis = buildKpis(totals({ evaluationScore: 40 }), totals({ evaluationScore: 50 }), 'ter');
    expect(kpis.find((k) => k.key === 'quality')?.change).toEqual({ text: '▼ 20 %', tone: 'good' });
  });

  it('formats scores on both scales', () => {
    expect(formatQuality(0.81234)).toBe('0.812');
    expect(formatQuality(153.25)).toBe('153.3');
    expect(formatQuality(null)).toBe('—');
  });
});

describe('formatRegressionValue', () => {
  it('writes each metric in its unit', () => {
    expect(formatRegressionValue('failure_rate', 0.125)).toBe('13 %');
    expect(formatRegressionValue('failure_rate', 0.034)).toBe('3.4 %');
    expect(formatRegressionValue('latency_p95', 2400)).toBe('2.40 s');
    expect(formatRegressionValue('evaluation_score', 0.71)).toBe('0.710');
  });
});
