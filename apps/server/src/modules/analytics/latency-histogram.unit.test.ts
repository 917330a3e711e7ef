import { describe, expect, it } from 'vitest';
import { LATENCY_BUCKETS_MS } from '../../platform/db/schema.js';
import { latencyBucket } from '../executions/executions.repository.js';
import { bucketRange, countAbove, HISTOGRAM_SIZE, histogramPercentile } from './latency-histogram.js';

function histogramOf(latencies: number[]): number[] {
  const counts = new Array<number>(HISTOGRAM_SIZE).fill(0);
  for (const ms of latencies) counts[latencyBucket(ms)]! += 1;
  return counts;
}

describe('latency histogram', () => {
  it('names each bucket by the latencies the rollup trigger puts in it', () => {
    expect(bucketRange(0)).toEqual({ lower: 0, upper: 2 });
    expect(bucketRange(1)).toEqual({ lower: 2, upper: 5 });
    expect(bucketRange(HISTOGRAM_SIZE - 1)).toEqual({ lower: 680_000, upper: null });
    for (const ms of [0, 1, 2, 3, 999, 1000, 1001, 680_000, 680_001, 5_000_000]) {
      const { lower, upper } = bucketRange(latencyBucket(ms));
      expect(ms === 0 || ms > lower).toBe(true);
      expect(upper === null || ms <= upper).toBe(true);
    }
  });

  it('interpolates a percentile inside the bucket of the nearest-rank percentile', () => {
    expect(histogramPercentile(new Array(HISTOGRAM_SIZE).fill(0), 50)).toBeNull();
    // 100 runs evenly over (100, 120]: the percentiles are where they would be exactly.
    const even = histogramOf(Array.from({ length: 100 }, (_, i) => 100 + (i + 1) * 0.2));
    expect(histogramPercentile(even, 50)).toBe(110);
    expect(histogramPercentile(even, 95)).toBe(119);
    // The overflow bucket has no upper bound: its lower bound is the answer.
    expect(histogramPercentile(histogramOf([700_000, 800_000]), 50)).toBe(680_000);
    let seed = 1;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 50; trial++) {
      const latencies = Array.from({ length: 1 + Math.floor(rand() * 500) }, () =>
        Math.floor(Math.exp(rand() * Math.log(900_000))),
      ).sort((a, b) => a - b);
      const counts = histogramOf(latencies);
      for (const p of [1, 50, 90, 95, 99, 100]) {
        const exact = latencies[Math.ceil((p / 100) * latencies.length) - 1]!;
        const { lower, upper } = bucketRange(latencyBucket(exact));
        const estimate = histogramPercentile(counts, p)!;
        expect(estimate).toBeGreaterThanOrEqual(lower);
        expect(estimate).toBeLessThanOrEqual(upper ?? lower);
        // Above 10 ms a bucket's upper bound is at most 1.25 × its lower bound.
        if (lower >= 10 && upper !== null)
          expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.25);
      }
    }
  });

  it('counts runs above a point, a share of the bucket that holds it', () => {
    const counts = histogramOf([1, 50, 110, 115, 119, 2000]);
    expect(countAbove(counts, 0)).toBe(6);
    expect(countAbove(counts, 100)).toBe(4);
    // (100, 120] holds 3 runs; 110 is halfway.
    expect(countAbove(counts, 110)).toBeCloseTo(2.5, 10);
    expect(countAbove(counts, 1_000_000)).toBe(0);
    // A histogram's own p95 has 5 % of its runs above it.
    const many = histogramOf(Array.from({ length: 1000 }, (_, i) => 10 + ((i * 7919) % 5000)));
    expect(countAbove(many, histogramPercentile(many, 95)!)).toBeCloseTo(50, 1);
    expect(LATENCY_BUCKETS_MS.length + 1).toBe(HISTOGRAM_SIZE);
  });
});
