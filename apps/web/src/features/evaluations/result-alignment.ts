import type { EvaluationResult } from '@promptops/contracts';
import { improvement, type MetricInfo } from './metrics-view';

/** One dataset item (and repetition) with each variant's result side by side. */
export interface AlignedRow {
  key: string;
  itemId: string;
  repetition: number;
  input: EvaluationResult['input'];
  expected: string | null;
  /** Indexed by variant; undefined where that variant has no result (yet). */
  results: (EvaluationResult | undefined)[];
}

/** Results of every variant grouped by item and repetition, in the order items first appear. */
export function alignResults(results: readonly EvaluationResult[], variantCount: number): AlignedRow[] {
  const rows = new Map<string, AlignedRow>();
  for (const result of results) {
    const key = `${result.itemId}#${result.repetition}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        itemId: result.itemId,
        repetition: result.repetition,
        input: result.input,
        expected: result.expected,
        results: Array.from({ length: variantCount }, () => undefined),
      };
      rows.set(key, row);
    }
    if (result.variant >= 0 && result.variant < variantCount) row.results[result.variant] = result;
  }
  return [...rows.values()];
}

/** A variant's score change against the baseline (variant 0) on one row; null when either lacks it. */
export function scoreDelta(row: AlignedRow, variant: number, metric: string): number | null {
  const base = row.results[0]?.scores[metric];
  const other = row.results[variant]?.scores[metric];
  if (base === undefined || other === undefined) return null;
  return other - base;
}

/**
 * How much the row regresses on a metric: the worst change of any variant against the baseline,
 * signed so that negative is worse whatever the metric's direction. null without a comparison.
 */
export function worstChange(row: AlignedRow, info: MetricInfo): number | null {
  let worst: number | null = null;
  for (let v = 1; v < row.results.length; v++) {
    const delta = scoreDelta(row, v, info.key);
    if (delta === null) continue;
    const change = improvement(info, delta);
    if (worst === null || change < worst) worst = change;
  }
  return worst;
}

export interface RowFilter {
  /** Only rows where some variant's call or an evaluator failed. */
  failedOnly: boolean;
  /** Only rows where some variant scores worse than `threshold` on `metric`. */
  below: { metric: MetricInfo; threshold: number } | null;
}

export function rowFailed(row: AlignedRow): boolean {
  return row.results.some(
    (r) => r !== undefined && (r.error !== null || Object.keys(r.scoreErrors).length > 0),
  );
}

export function rowBelow(row: AlignedRow, metric: MetricInfo, threshold: number): boolean {
  return row.results.some((r) => {
    const score = r?.scores[metric.key];
    if (score === undefined) return false;
    return metric.lowerIsBetter ? score > threshold : score < threshold;
  });
}

export function filterRows(rows: readonly AlignedRow[], filter: RowFilter): AlignedRow[] {
  return rows.filter(
    (row) =>
      (!filter.failedOnly || rowFailed(row)) &&
      (filter.below === null || rowBelow(row, filter.below.metric, filter.below.threshold)),
  );
}

/** Largest regression first; rows without a comparison keep their order at the end. */
export function sortByRegression(rows: readonly AlignedRow[], metric: MetricInfo): AlignedRow[] {
  return rows
    .map((row, index) => ({ row, index, change: worstChange(row, metric) }))
    .sort((a, b) => {
      if (a.change === null || b.change === null)
        return a.change === null && b.change === null ? a.index - b.index : a.change === null ? 1 : -1;
      return a.change - b.change || a.index - b.index;
    })
    .map((entry) => entry.row);
}
