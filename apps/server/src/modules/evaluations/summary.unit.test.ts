import { describe, expect, it } from 'vitest';
import { compareVariants, percentile, summarizeVariant, type ScoredResult } from './summary.js';

const result = (
  itemId: string,
  value: number,
  repetition = 0,
  extra: Partial<ScoredResult> = {},
): ScoredResult => ({
  itemId,
  repetition,
  output: 'out',
  scores: { s: value },
  latencyMs: 100,
  costUsd: '0.000000000001',
  error: null,
  ...extra,
});

describe('percentile', () => {
  it('interpolates between closest ranks like numpy', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    // numpy.percentile([1..10], 95) = 9.55
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBeCloseTo(9.55, 12);
  });
});

describe('a variant summary', () => {
  it("averages repetitions per item, then gives the mean with Student's t interval over items", () => {
    // Items a, b, c with two repetitions each; item means 1, 2, 3.
    const results = [
      result('a', 0.5),
      result('a', 1.5, 1),
      result('b', 2),
      result('b', 2, 1),
      result('c', 3),
      result('c', 3, 1),
    ];
    const summary = summarizeVariant(0, results, [], new Map());
    const s = summary.metrics.s!;
    expect(s.mean).toBe(2);
    expect(s.n).toBe(6);
    // mean 2, sd 1, n 3: t(0.975, 2) = 4.302652729911275 → half-width 4.3027 / sqrt(3)
    const half = 4.302652729911275 / Math.sqrt(3);
    expect(s.ci95[0]).toBeCloseTo(2 - half, 8);
    expect(s.ci95[1]).toBeCloseTo(2 + half, 8);
    // Repetition spread: sd of (0.5, 1.5) = 0.7071, of (2, 2) and (3, 3) = 0 → mean 0.2357
    expect(s.itemStd).toBeCloseTo(Math.SQRT1_2 / 3, 12);
    expect(summary.costUsd).toBe('0.000000000006');
  });

  it('counts failures apart and takes latency from successful calls only', () => {
    const summary = summarizeVariant(
      0,
      [
        result('a', 1, 0, { latencyMs: 10 }),
        result('b', 0, 0, { latencyMs: 5000, error: 'boom', scores: {} }),
      ],
      [],
      new Map(),
    );
    expect(summary.failed).toBe(1);
    expect(summary.latencyMs).toEqual({ p50: 10, p95: 10 });
    expect(summary.metrics.s).toMatchObject({ mean: 1, n: 1, ci95: [1, 1] });
  });

  it('adds corpus scores for BLEU over the outputs and expected outputs', () => {
    const summary = summarizeVariant(
      0,
      [result('a', 50, 0, { output: 'the cat sat on the mat', scores: { bleu: 50 } })],
      [{ type: 'bleu' }],
      new Map([['a', 'the cat sat on the mat']]),
    );
    expect(summary.metrics.bleu!.corpus).toBeCloseTo(100, 10);
  });
});

describe('comparisons with the baseline', () => {
  it('gives the posterior difference and the probability of being better, respecting direction', () => {
    const base = ['a', 'b', 'c', 'd'].map((id, i) => result(id, [0.2, 0.3, 0.25, 0.35][i]!));
    const better = ['a', 'b', 'c', 'd'].map((id, i) => result(id, [0.8, 0.9, 0.85, 0.95][i]!));
    const [c] = compareVariants([base, better], new Set());
    expect(c).toMatchObject({ metric: 's', variant: 1, baseline: 0 });
    expect(c!.meanDifference).toBeCloseTo(0.6, 12);
    expect(c!.ci95[0]).toBeLessThan(0.6);
    expect(c!.ci95[1]).toBeGreaterThan(0.6);
    expect(c!.probabilityBetter).toBeGreaterThan(0.99);
    const [lower] = compareVariants([base, better], new Set(['s']));
    expect(lower!.probabilityBetter).toBeLessThan(0.01);
  });

  it('handles constant scores on one or both sides without dividing by zero', () => {
    const ones = ['a', 'b', 'c'].map((id) => result(id, 1));
    const zeros = ['a', 'b', 'c'].map((id) => result(id, 0));
    const mixed = ['a', 'b', 'c'].map((id, i) => result(id, [0, 1, 1][i]!));
    expect(compareVariants([zeros, ones], new Set())[0]).toMatchObject({
      meanDifference: 1,
      ci95: [1, 1],
      probabilityBetter: 1,
    });
    expect(compareVariants([ones, ones], new Set())[0]).toMatchObject({
      meanDifference: 0,
      probabilityBetter: 0.5,
    });
    const oneSided = compareVariants([zeros, mixed], new Set())[0]!;
    expect(oneSided.meanDifference).toBeCloseTo(2 / 3, 12);
    expect(oneSided.probabilityBetter).toBeGreaterThan(0.5);
    expect(Number.isFinite(oneSided.ci95[0])).toBe(true);
  });

  it('skips a metric with fewer than two items on a side', () => {
    expect(compareVariants([[result('a', 1)], [result('a', 0)]], new Set())).toEqual([]);
  });
});
