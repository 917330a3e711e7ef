import { gaussLegendre, type Distribution, type Posterior } from './posterior.js';
import { logistic } from './special-functions.js';

/**
 * The variable the integrals run over, y, and the metric's value x = toX(y). Rates are
 * integrated in logit space, where a Beta density is smooth and has exponential tails even when
 * a shape parameter is below 1 (a power-law spike at 0 or 1 in x).
 */
export interface IntegrationScale {
  toX(y: number): number;
  /** dx/dy */
  jacobian(y: number): number;
}

export const LINEAR_SCALE: IntegrationScale = { toX: (y) => y, jacobian: () => 1 };

export const LOGIT_SCALE: IntegrationScale = {
  toX: logistic,
  jacobian: (y) => logistic(y) * logistic(-y),
};

/** One variant: its posterior of θ, and the distribution of y that the integrals run over. */
export interface IntegrationVariant {
  /** For means and partial expectations, in the metric's units. */
  posterior: Posterior;
  alongY: Distribution;
}

// Each posterior contributes panel breaks at these probabilities. In the tails they step by
// about 3 (1e-12, 3e-12, 1e-11, …): a t with 1 df has a density ∝ x⁻² there and quantiles ∝ 1/p,
// and 8 Gauss-Legendre nodes integrate x⁻² over [a, 3a] to ~1e-9 relative (over [a, 10a] only
// to 5e-4). In the body they are about half a standard deviation apart for a normal. Only the
// outermost ones bound the integrals (each posterior has 1e-12 of its mass beyond them); the
// rest only need to be roughly where they are.
const LOWER_PROBABILITIES = [
  ...Array.from({ length: 8 }, (_, i) => [10 ** (i - 12), 3 * 10 ** (i - 12)]).flat(),
  1e-4,
  4e-4,
  1.5e-3,
  5e-3,
  0.015,
  0.04,
  0.08,
  0.14,
  0.22,
  0.32,
  0.42,
];
const BREAK_PROBABILITIES = [
  ...LOWER_PROBABILITIES,
  0.5,
  ...[...LOWER_PROBABILITIES].reverse().map((p) => 1 - p),
];
const GL = gaussLegendre(8);

/** Distribution of the best of several independent posteriors. */
export interface ExtremeOfPosteriors {
  /** P(θ_m is the largest, or the smallest, of all), per variant. */
  probabilityExtreme: number[];
  /** E[max_j θ_j], or E[min_j θ_j]; ±Infinity when a posterior has no finite mean. */
  expectedExtreme: number;
}

// A merged break closer than this fraction of the finest posterior's own panel to the previous
// one is dropped: posteriors that overlap then share panels instead of multiplying them.
const THINNING = 0.5;

/**
 * Panel breaks in y: every posterior's quantiles, merged, so that each density and each CDF is
 * smooth inside a panel even when one posterior is much narrower than another. No panel ends up
 * wider than 1 + THINNING times the narrowest posterior's own panel at that place.
 */
function mergedBreaks(distributions: readonly Distribution[]): number[] {
  const own = distributions.map((d) =>
    BREAK_PROBABILITIES.map((p) => d.quantile(p)).filter((y) => Number.isFinite(y)),
  );
  // Width of the narrowest own panel containing y (Infinity outside every posterior's breaks).
  const finestWidth = (y: number): number => {
    let width = Infinity;
    for (const breaks of own) {
      if (!(y >= breaks[0]! && y <= breaks[breaks.length - 1]!)) continue;
      let lo = 0;
      let hi = breaks.length - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (breaks[mid]! <= y) lo = mid;
        else hi = mid;
      }
      width = Math.min(width, breaks[hi]! - breaks[lo]!);
    }
    return width;
  };
  const sorted = own.flat().sort((a, b) => a - b);
  const kept = [sorted[0]!];
  for (let i = 1; i < sorted.length; i++) {
    const y = sorted[i]!;
    const last = kept[kept.length - 1]!;
    const isLast = i === sorted.length - 1;
    if (y > last && (isLast || y - last >= THINNING * Math.min(finestWidth(last), finestWidth(y)))) {
      kept.push(y);
    }
  }
  return kept;
}

/**
 * P(θ_m is the largest) = ∫ f_m(x) Π_{j≠m} F_j(x) dx for each m, and E[max] from the CDF of the
 * maximum, G = Π F_j: E[max] = c + ∫_c^∞ (1 - G) dx - ∫_{-∞}^c G dx (with `largest` false, the
 * same for the minimum with survival functions). The integrals run over y: the probabilities are
 * the same in any increasing variable, and E[max] takes dx = jacobian · dy. One composite
 * Gauss-Legendre rule over the merged quantile panels serves every integral, so the k
 * probabilities and the expectation share k CDF and k density evaluations per node.
 */
export function extremeOfPosteriors(
  variants: readonly IntegrationVariant[],
  scale: IntegrationScale,
  largest: boolean,
): ExtremeOfPosteriors {
  const k = variants.length;
  const distributions = variants.map((v) => v.alongY);
  const breaks = mergedBreaks(distributions);
  // The split point c keeps both integrals of E[extreme] small: a break near the middle of the
  // posteriors, so that no large cancellation happens when the tails reach far (t with few df).
  const middle = distributions.reduce((sum, d) => sum + d.quantile(0.5), 0) / k;
  let split = 0;
  for (let i = 1; i < breaks.length; i++) {
    if (Math.abs(breaks[i]! - middle) < Math.abs(breaks[split]! - middle)) split = i;
  }
  const center = breaks[split]!;

  const probability = new Float64Array(k);
  const tailOf = new Float64Array(k); // F_j (largest) or 1 - F_j (smallest) at the node
  const density = new Float64Array(k);
  const prefix = new Float64Array(k + 1);
  let aboveCenter = 0; // ∫_c^U P(extreme > x) dx
  let belowCenter = 0; // ∫_L^c P(extreme ≤ x) dx
  for (let p = 0; p + 1 < breaks.length; p++) {
    const lo = breaks[p]!;
    const hi = breaks[p + 1]!;
    const half = (hi - lo) / 2;
    const mid = (hi + lo) / 2;
    const above = lo >= center;
    for (let n = 0; n < GL.nodes.length; n++) {
      const y = mid + half * GL.nodes[n]!;
      const weight = half * GL.weights[n]!;
      for (let j = 0; j < k; j++) {
        const cdf = distributions[j]!.cdf(y);
        tailOf[j] = largest ? cdf : 1 - cdf;
        density[j] = distributions[j]!.pdf(y);
      }
      prefix[0] = 1;
      for (let j = 0; j < k; j++) prefix[j + 1] = prefix[j]! * tailOf[j]!;
      // Products over j ≠ m from both sides: no division, so a CDF of exactly 0 is fine.
      let suffix = 1;
      for (let m = k - 1; m >= 0; m--) {
        probability[m] = probability[m]! + weight * density[m]! * prefix[m]! * suffix;
        suffix *= tailOf[m]!;
      }
      // prefix[k] is G = P(max ≤ x), or P(min > x).
      const extremeCdf = largest ? prefix[k]! : 1 - prefix[k]!;
      // E[extreme] is in the metric's units: dx = jacobian · dy.
      const dx = weight * scale.jacobian(y);
      if (above) aboveCenter += dx * (1 - extremeCdf);
      else belowCenter += dx * extremeCdf;
    }
  }

  const lower = scale.toX(breaks[0]!);
  const upper = scale.toX(breaks[breaks.length - 1]!);
  let expectedExtreme: number;
  const posteriors = variants.map((v) => v.posterior);
  if (!posteriors.every((posterior) => Number.isFinite(posterior.mean))) {
    expectedExtreme = largest ? Infinity : -Infinity;
  } else {
    // Beyond the outermost breaks every posterior has at most 1e-12 of its mass. The maximum
    // exceeds U when any θ_j does, so ∫_U^∞ (1 - G) is Σ_j E[(θ_j - U)⁺] up to products of two
    // such tails; below L, G is a product of k ≥ 2 tails and is dropped. Mirrored for the minimum.
    let outside = 0;
    for (const posterior of posteriors) {
      outside += largest
        ? posterior.upperPartialExpectation(upper)
        : -(lower - posterior.mean + posterior.upperPartialExpectation(lower));
    }
    expectedExtreme = scale.toX(center) + aboveCenter - belowCenter + outside;
  }
  return { probabilityExtreme: Array.from(probability), expectedExtreme };
}
