import { describe, expect, it } from 'vitest';
import {
  densityAt,
  formatInterval,
  formatLoss,
  formatMetric,
  formatProbability,
  posteriorChart,
  samplesProgress,
} from './results-view';
import { promptFetchUrl, trafficSnippets } from './traffic-snippets';

describe('formatting results', () => {
  it('writes binary metrics as rates and continuous ones as numbers', () => {
    expect(formatMetric('binary', 0.2)).toBe('20.0 %');
    expect(formatMetric('binary', 0.4525)).toBe('45.3 %');
    expect(formatMetric('binary', 0.0123)).toBe('1.2 %');
    expect(formatMetric('binary', 0)).toBe('0.0 %');
    expect(formatMetric('continuous', 12.3456)).toBe('12.35');
    expect(formatMetric('continuous', 0.012345)).toBe('0.0123');
    expect(formatMetric('continuous', 12345.6)).toBe('12,346');
    expect(formatMetric('binary', null)).toBe('—');
  });

  it('writes intervals, probabilities and losses', () => {
    expect(formatInterval('binary', [0.161, 0.242])).toBe('16.1 % – 24.2 %');
    expect(formatInterval('binary', null)).toBe('—');
    expect(formatProbability(0.9734)).toBe('97.3 %');
    expect(formatProbability(0.99999)).toBe('> 99.9 %');
    expect(formatProbability(0.00001)).toBe('< 0.1 %');
    expect(formatLoss('binary', 0.0023)).toBe('0.23 pp');
    expect(formatLoss('binary', 0.00000001)).toBe('< 0.01 pp');
    expect(formatLoss('binary', 0)).toBe('0 pp');
    expect(formatLoss('continuous', 0.5)).toBe('0.5');
  });
});

describe('posteriorChart', () => {
  const a = {
    name: 'control',
    curve: [
      { x: 0.1, density: 0 },
      { x: 0.2, density: 10 },
      { x: 0.3, density: 0 },
    ],
  };
  const b = {
    name: 'treatment',
    curve: [
      { x: 0.4, density: 0 },
      { x: 0.5, density: 8 },
      { x: 0.6, density: 0 },
    ],
  };

  it('interpolates a curve and is zero outside it', () => {
    expect(densityAt(a.curve, 0.15)).toBeCloseTo(5, 9);
    expect(densityAt(a.curve, 0.2)).toBe(10);
    expect(densityAt(a.curve, 0.05)).toBe(0);
    expect(densityAt(a.curve, 0.35)).toBe(0);
    expect(densityAt([], 0.1)).toBe(0);
  });

  it('puts every variant on one grid from the smallest to the largest x', () => {
    const chart = posteriorChart([a, b], 11);
    expect(chart.lines).toEqual([
      { name: 'v0', label: 'control' },
      { name: 'v1', label: 'treatment' },
    ]);
    expect(chart.rows).toHaveLength(11);
    expect(chart.rows[0]!.x).toBeCloseTo(0.1, 12);
    expect(chart.rows[10]!.x).toBe(0.6);
    expect(chart.rows[2]!.v0).toBeCloseTo(10, 9);
    expect(chart.rows[2]!.v1).toBe(0);
    expect(chart.rows[8]!.v1).toBeCloseTo(8, 9);
  });

  it('leaves out variants without a posterior and copes with unsorted curves', () => {
    const chart = posteriorChart(
      [
        { name: 'empty', curve: [] },
        { name: 'b', curve: [...b.curve].reverse() },
      ],
      3,
    );
    expect(chart.lines).toEqual([{ name: 'v1', label: 'b' }]);
    expect(chart.rows.map((r) => r.v1)).toEqual([0, 8, 0]);
    expect(posteriorChart([{ name: 'x', curve: [] }])).toEqual({ rows: [], lines: [] });
  });
});

describe('samplesProgress', () => {
  it('follows the variant with the fewest outcomes', () => {
    expect(samplesProgress([{ n: 40 }, { n: 80 }], 100)).toEqual({ fewest: 40, percent: 40 });
    expect(samplesProgress([{ n: 400 }, { n: 300 }], 100)).toEqual({ fewest: 300, percent: 100 });
    expect(samplesProgress([], 100)).toEqual({ fewest: 0, percent: 0 });
  });
});

describe('trafficSnippets', () => {
  const experiment = {
    id: 'e1',
    promptName: 'support/reply it',
    metric: { name: 'conversion', kind: 'binary' as const, higherIsBetter: true },
  };

  it('fetches the prompt by name with the subject, the folder slash encoded as the route expects', () => {
    expect(promptFetchUrl('https://po.example', 'o1', 'support/reply it', 'user 1')).toBe(
      'https://po.example/api/v1/orgs/o1/prompts/support%2Freply%20it?subject=user%201',
    );
  });

  it('shows curl calls a shell runs as they are', () => {
    const snippets = trafficSnippets('https://po.example', 'o1', experiment);
    expect(snippets.fetchPrompt).toContain(
      `'https://po.example/api/v1/orgs/o1/prompts/support%2Freply%20it?subject=user-123'`,
    );
    expect(snippets.recordOutcome).toContain(`-d '{"subject":"user-123","value":1}'`);
    expect(snippets.recordOutcome).toContain(`'https://po.example/api/v1/orgs/o1/experiments/e1/outcomes'`);
    expect(snippets.javascript).toContain('converted ? 1 : 0');
  });

  it('reports a number for continuous metrics', () => {
    const snippets = trafficSnippets('https://po.example', 'o1', {
      ...experiment,
      metric: { name: 'revenue', kind: 'continuous', higherIsBetter: true },
    });
    expect(snippets.recordOutcome).toContain(`"value":4.5`);
    expect(snippets.recordOutcome).toContain(`the subject's revenue`);
  });
});
