/** Score distributions per variant on one shared axis, for the small SVG histograms. */
export interface Histogram {
  min: number;
  max: number;
  /** counts[variant][bin] */
  counts: number[][];
  /** The tallest bar over all variants, so every chart uses one scale. */
  maxCount: number;
  binWidth: number;
}

/**
 * Bins every variant's scores on one axis. Scores inside [0, 1] use that axis (most metrics);
 * others span the observed range. A single value gets a unit-wide axis around it.
 */
export function buildHistogram(valuesByVariant: readonly (readonly number[])[], bins = 10): Histogram {
  // A loop, not Math.min(...values): large evaluations would overflow the argument list.
  let min = Infinity;
  let max = -Infinity;
  for (const values of valuesByVariant)
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  if (min === Infinity) {
    min = 0;
    max = 1;
  }
  if (min >= 0 && max <= 1) {
    min = 0;
    max = 1;
  } else if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const binWidth = (max - min) / bins;
  const counts = valuesByVariant.map((values) => {
    const row = new Array<number>(bins).fill(0);
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      // The top edge belongs to the last bin.
      const index = Math.min(bins - 1, Math.max(0, Math.floor((v - min) / binWidth)));
      row[index]! += 1;
    }
    return row;
  });
  let maxCount = 0;
  for (const row of counts) for (const c of row) if (c > maxCount) maxCount = c;
  return { min, max, counts, maxCount, binWidth };
}
