import type { ExperimentMetric, ExperimentResults, VariantResult } from '@promptops/contracts';

/** How the results page writes a metric value: binary metrics as rates, continuous as numbers. */
export function formatMetric(kind: ExperimentMetric['kind'], value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (kind === 'binary') {
    const percent = value * 100;
    return `${percent >= 10 || percent === 0 ? percent.toFixed(1) : percent.toPrecision(2)} %`;
  }
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (abs >= 1) return String(Number(value.toFixed(2)));
  return String(Number(value.toPrecision(3)));
}

/** "[18.2 %, 24.1 %]" */
export function formatInterval(kind: ExperimentMetric['kind'], ci: readonly [number, number] | null): string {
  if (ci === null) return '—';
  return `${formatMetric(kind, ci[0])} – ${formatMetric(kind, ci[1])}`;
}

/** A probability as people read it: "97.3 %", "> 99.9 %", "< 0.1 %". */
export function formatProbability(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  if (p > 0.999) return '> 99.9 %';
  if (p < 0.001) return '< 0.1 %';
  return `${(p * 100).toFixed(1)} %`;
}

/** The expected loss in the metric's units: percentage points for binary metrics. */
export function formatLoss(kind: ExperimentMetric['kind'], loss: number | null): string {
  if (loss === null || !Number.isFinite(loss)) return '—';
  if (kind === 'binary') {
    const points = loss * 100;
    if (points === 0) return '0 pp';
    return `${points < 0.01 ? '< 0.01' : points.toPrecision(2)} pp`;
  }
  return formatMetric('continuous', loss);
}

export const DECISION_COLORS: Record<ExperimentResults['decision']['state'], string> = {
  collecting: 'blue',
  undecided: 'yellow',
  winner: 'teal',
};

export const DECISION_LABELS: Record<ExperimentResults['decision']['state'], string> = {
  collecting: 'Collecting data',
  undecided: 'No winner yet',
  winner: 'Winner',
};

export interface PosteriorChart {
  rows: Record<string, number>[];
  /** The data key of each drawn variant (`v0`, `v1`, …) and its name. */
  lines: { name: string; label: string }[];
}

/** Linear interpolation of a curve at x; zero outside the range it covers. */
export function densityAt(curve: readonly { x: number; density: number }[], x: number): number {
  if (curve.length === 0) return 0;
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  if (x < first.x || x > last.x) return 0;
  let lo = 0;
  let hi = curve.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (curve[mid]!.x <= x) lo = mid;
    else hi = mid;
  }
  const a = curve[lo]!;
  const b = curve[hi]!;
  if (b.x === a.x) return a.density;
  return a.density + ((b.density - a.density) * (x - a.x)) / (b.x - a.x);
}

/**
 * The variants' posterior densities on one shared x grid, so the chart can overlay them (each
 * variant's curve comes with its own x values). Variants without a posterior are left out.
 */
export function posteriorChart(
  variants: readonly Pick<VariantResult, 'name' | 'curve'>[],
  points = 121,
): PosteriorChart {
  const drawn = variants
    .map((v, i) => ({ ...v, key: `v${i}`, curve: [...v.curve].sort((a, b) => a.x - b.x) }))
    .filter((v) => v.curve.length > 1);
  if (drawn.length === 0) return { rows: [], lines: [] };
  const min = Math.min(...drawn.map((v) => v.curve[0]!.x));
  const max = Math.max(...drawn.map((v) => v.curve[v.curve.length - 1]!.x));
  const step = (max - min) / (points - 1);
  const rows = Array.from({ length: points }, (_, i) => {
    // The last point exactly at max, free of rounding drift.
    const x = i === points - 1 ? max : min + i * step;
    const row: Record<string, number> = { x };
    for (const v of drawn) row[v.key] = densityAt(v.curve, x);
    return row;
  });
  return { rows, lines: drawn.map((v) => ({ name: v.key, label: v.name })) };
}

/**
 * How far the collection has come: the fewest outcomes any variant has against minSamples
 * (the server waits for every variant to reach it before declaring a winner).
 */
export function samplesProgress(
  variants: readonly Pick<VariantResult, 'n'>[],
  minSamples: number,
): { fewest: number; percent: number } {
  const fewest = variants.length === 0 ? 0 : Math.min(...variants.map((v) => v.n));
  const percent = minSamples <= 0 ? 100 : Math.min(100, (fewest / minSamples) * 100);
  return { fewest, percent };
}
