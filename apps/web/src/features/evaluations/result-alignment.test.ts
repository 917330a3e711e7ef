import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '@promptops/contracts';
import { alignResults, filterRows, scoreDelta, sortByRegression, worstChange } from './result-alignment';
import type { MetricInfo } from './metrics-view';

const ITEM = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function result(
  item: number,
  variant: number,
  scores: Record<string, number>,
  extra: Partial<EvaluationResult> = {},
) {
  return {
    itemId: ITEM(item),
    variant,
    repetition: 0,
    executionId: null,
    input: { q: `question ${item}` },
    expected: `answer ${item}`,
    output: `output ${item}/${variant}`,
    scores,
    scoreErrors: {},
    latencyMs: 100,
    costUsd: '0',
    error: null,
    ...extra,
  } satisfies EvaluationResult;
}

const EM: MetricInfo = { key: 'em', type: 'exact-match', lowerIsBetter: false };
const LAT: MetricInfo = { key: 'lat', type: 'latency', lowerIsBetter: true };

const results = [
  result(1, 0, { em: 1, lat: 100 }),
  result(2, 0, { em: 1, lat: 100 }),
  result(1, 1, { em: 1, lat: 300 }),
  result(2, 1, { em: 0, lat: 90 }),
  result(3, 1, {}, { error: 'timeout', output: null }),
];

describe('aligned results', () => {
  it('groups results by item with one slot per variant, in first-seen order', () => {
    const rows = alignResults(results, 2);
    expect(rows.map((r) => r.itemId)).toEqual([ITEM(1), ITEM(2), ITEM(3)]);
    expect(rows[2]!.results[0]).toBeUndefined();
    expect(rows[2]!.results[1]?.error).toBe('timeout');
  });

  it('computes deltas against the baseline and the worst change in the metric direction', () => {
    const [one, two, three] = alignResults(results, 2);
    expect(scoreDelta(two!, 1, 'em')).toBe(-1);
    expect(scoreDelta(three!, 1, 'em')).toBeNull();
    expect(worstChange(one!, LAT)).toBe(-200);
    expect(worstChange(two!, LAT)).toBe(10);
  });

  it('sorts the largest regression first, rows without comparison last', () => {
    const rows = alignResults(results, 2);
    expect(sortByRegression(rows, EM).map((r) => r.itemId)).toEqual([ITEM(2), ITEM(1), ITEM(3)]);
    expect(sortByRegression(rows, LAT).map((r) => r.itemId)).toEqual([ITEM(1), ITEM(2), ITEM(3)]);
  });

  it('filters failed rows and rows below a threshold', () => {
    const rows = alignResults(results, 2);
    expect(filterRows(rows, { failedOnly: true, below: null }).map((r) => r.itemId)).toEqual([ITEM(3)]);
    expect(
      filterRows(rows, { failedOnly: false, below: { metric: EM, threshold: 0.5 } }).map((r) => r.itemId),
    ).toEqual([ITEM(2)]);
    expect(
      filterRows(rows, { failedOnly: false, below: { metric: LAT, threshold: 200 } }).map((r) => r.itemId),
    ).toEqual([ITEM(1)]);
  });
});
