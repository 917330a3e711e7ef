import { LATENCY_BUCKETS_MS } from '../../platform/db/schema.js';

/** Entries of a summed rollup histogram: one per LATENCY_BUCKETS_MS bound, plus the overflow. */
export const HISTOGRAM_SIZE = LATENCY_BUCKETS_MS.length + 1;

/**
 * The latencies (ms) bucket `i` holds: (lower, upper], the first bucket from 0, the overflow
 * bucket (the last) without an upper bound. The rollup trigger puts a run of `ms` into the first
 * bucket whose bound is ≥ `ms`.
 */
export function bucketRange(i: number): { lower: number; upper: number | null } {
  return {
    lower: i === 0 ? 0 : LATENCY_BUCKETS_MS[i - 1]!,
    upper: i < LATENCY_BUCKETS_MS.length ? LATENCY_BUCKETS_MS[i]! : null,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The `p`th percentile (0 < p ≤ 100) of the runs a histogram counts, or null when it counts
 * none. The bucket is the one holding the run of rank ⌈p/100 · n⌉ (the nearest-rank percentile);
 * inside it the runs are taken as evenly spread, so the answer is interpolated linearly between
 * the bucket's bounds. The overflow bucket has no upper bound: its lower bound is reported.
 */
export function histogramPercentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const rank = (p / 100) * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n > 0 && below + n >= rank) {
      const { lower, upper } = bucketRange(i);
      if (upper === null) return lower;
      return round2(lower + ((upper - lower) * (rank - below)) / n);
    }
    below += n;
  }
  return bucketRange(counts.length - 1).lower;
}

/**
 * How many of the runs a histogram counts took longer than `ms`: whole buckets above it, and the
 * share of the bucket containing it that lies above it (runs evenly spread, as in
 * histogramPercentile, so a histogram's own p95 has 5 % of its runs above it). May be fractional.
 */
export function countAbove(counts: readonly number[], ms: number): number {
  let above = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    const { lower, upper } = bucketRange(i);
    if (lower >= ms) above += n;
    else if (upper !== null && upper > ms) above += (n * (upper - ms)) / (upper - lower);
  }
  return above;
}
