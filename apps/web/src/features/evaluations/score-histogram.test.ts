import { describe, expect, it } from 'vitest';
import { buildHistogram } from './score-histogram';

describe('score histogram', () => {
  it('bins 0–1 scores on a 0–1 axis with the top edge in the last bin', () => {
    const h = buildHistogram(
      [
        [0, 0.05, 0.5, 1],
        [1, 1],
      ],
      10,
    );
    expect(h.min).toBe(0);
    expect(h.max).toBe(1);
    expect(h.counts[0]).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(h.counts[1]![9]).toBe(2);
    expect(h.maxCount).toBe(2);
  });

  it('spans the observed range otherwise, sharing it across variants', () => {
    const h = buildHistogram([[100, 200], [300]], 4);
    expect([h.min, h.max, h.binWidth]).toEqual([100, 300, 50]);
    expect(h.counts).toEqual([
      [1, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('gives a single value and no values an axis', () => {
    expect(buildHistogram([[5, 5]], 2)).toMatchObject({ min: 4.5, max: 5.5, counts: [[0, 2]] });
    expect(buildHistogram([[]], 2)).toMatchObject({ min: 0, max: 1, maxCount: 0 });
  });
});
