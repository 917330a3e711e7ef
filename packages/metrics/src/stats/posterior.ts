import {
  betaPdf,
  inverseRegularizedIncompleteBeta,
  logBeta,
  logistic,
  logit,
  logLogistic,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
} from './special-functions.js';

/** A continuous distribution on the real line, as numerical integration uses it. */
export interface Distribution {
  pdf(x: number): number;
  cdf(x: number): number;
  quantile(p: number): number;
}

/** A one-dimensional posterior: what the A/B comparisons need from each variant. */
export interface Posterior extends Distribution {
  readonly mean: number;
  /** E[(X - x)⁺], the expected amount by which X exceeds x. */
  upperPartialExpectation(x: number): number;
  /** Support lower bound (0 for rates, -Infinity otherwise). */
  readonly lowerBound: number;
}

export function betaPosterior(alpha: number, beta: number): Posterior {
  const mean = alpha / (alpha + beta);
  return {
    mean,
    lowerBound: 0,
    pdf: (x) => betaPdf(x, alpha, beta),
    cdf: (x) => regularizedIncompleteBeta(x, alpha, beta),
    quantile: (p) => inverseRegularizedIncompleteBeta(p, alpha, beta),
    // ∫ₓ¹ (t - x) f(t) dt = μ·(1 - I_x(α+1, β)) - x·(1 - I_x(α, β))
    upperPartialExpectation: (x) => {
      if (x <= 0) return mean - x;
      if (x >= 1) return 0;
      const value =
        mean * (1 - regularizedIncompleteBeta(x, alpha + 1, beta)) -
        x * (1 - regularizedIncompleteBeta(x, alpha, beta));
      return Math.max(0, value);
    },
  };
}

/**
 * The distribution of logit(θ) for θ ~ Beta(α, β). Near θ = 1 everything is computed from
 * 1 - θ = logistic(-y), which stays exact where θ itself rounds to 1: with a shape β below 1
 * (e.g. a Jeffreys prior and no failures) a visible part of the mass lies within 1e-16 of 1.
 */
export function logitBetaDistribution(alpha: number, beta: number): Distribution {
  const logNorm = logBeta(alpha, beta);
  return {
    // x^α (1 - x)^β / B(α, β): the Beta density times dx/dy = x (1 - x).
    pdf: (y) => Math.exp(alpha * logLogistic(y) + beta * logLogistic(-y) - logNorm),
    // I_x(α, β) = 1 - I_{1-x}(β, α)
    cdf: (y) =>
      y <= 0
        ? regularizedIncompleteBeta(logistic(y), alpha, beta)
        : 1 - regularizedIncompleteBeta(logistic(-y), beta, alpha),
    quantile: (p) =>
      p <= 0.5
        ? logit(inverseRegularizedIncompleteBeta(p, alpha, beta))
        : -logit(inverseRegularizedIncompleteBeta(1 - p, beta, alpha)),
  };
}

/** Location-scale Student t: the marginal posterior of a normal mean with unknown variance. */
export function studentTPosterior(location: number, scale: number, df: number): Posterior {
  return {
    mean: df > 1 ? location : NaN,
    lowerBound: -Infinity,
    pdf: (x) => studentTPdf((x - location) / scale, df) / scale,
    cdf: (x) => studentTCdf((x - location) / scale, df),
    quantile: (p) => location + scale * studentTQuantile(p, df),
    // E[(T - c)⁺] = (ν + c²)/(ν - 1)·f(c) - c·(1 - F(c)) for the standard t, ν > 1.
    upperPartialExpectation: (x) => {
      if (!(df > 1)) return Infinity;
      const c = (x - location) / scale;
      const value = ((df + c * c) / (df - 1)) * studentTPdf(c, df) - c * (1 - studentTCdf(c, df));
      return Math.max(0, scale * value);
    },
  };
}

/** Gauss-Legendre nodes and weights on [-1, 1] (Newton on the Legendre recurrence). */
export function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / derivative;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes.push(x);
    weights.push(2 / ((1 - x * x) * derivative * derivative));
  }
  return { nodes, weights };
}

const GL = gaussLegendre(8);

// Panels in probability space: fine near 0 and 1 so thin tails are integrated too.
const TAIL_BREAKS = [1e-14, 1e-12, 1e-10, 1e-8, 1e-6, 1e-5, 1e-4, 1e-3, 4e-3];
const BODY_PANELS = 60;
const PANEL_BREAKS: number[] = (() => {
  const breaks = [0, ...TAIL_BREAKS];
  const start = TAIL_BREAKS[TAIL_BREAKS.length - 1]!;
  for (let i = 1; i < BODY_PANELS; i++) breaks.push(start + ((1 - 2 * start) * i) / BODY_PANELS);
  breaks.push(...[...TAIL_BREAKS].reverse().map((t) => 1 - t), 1);
  return breaks;
})();

/**
 * Quadrature rule for E[g(X)] = ∫₀¹ g(Q(u)) du: the variable is integrated in probability
 * space, where the integrand is bounded even when the density is sharply peaked.
 */
export interface ExpectationRule {
  readonly points: Float64Array;
  readonly weights: Float64Array;
}

export function expectationRule(posterior: Posterior): ExpectationRule {
  const count = (PANEL_BREAKS.length - 1) * GL.nodes.length;
  const points = new Float64Array(count);
  const weights = new Float64Array(count);
  let k = 0;
  for (let p = 0; p + 1 < PANEL_BREAKS.length; p++) {
    const lo = PANEL_BREAKS[p]!;
    const hi = PANEL_BREAKS[p + 1]!;
    const half = (hi - lo) / 2;
    for (let i = 0; i < GL.nodes.length; i++) {
      points[k] = posterior.quantile(lo + half * (1 + GL.nodes[i]!));
      weights[k] = half * GL.weights[i]!;
      k++;
    }
  }
  return { points, weights };
}

export function expectation(rule: ExpectationRule, g: (x: number) => number): number {
  let sum = 0;
  for (let i = 0; i < rule.points.length; i++) sum += rule.weights[i]! * g(rule.points[i]!);
  return sum;
}

/** Finds x with f(x) = target for an increasing f, by bracketing and the Illinois method. */
export function solveIncreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  let fa = f(a) - target;
  let fb = f(b) - target;
  for (let i = 0; i < 200 && fa > 0; i++) {
    const width = b - a;
    b = a;
    fb = fa;
    a -= 2 * Math.max(width, 1e-12);
    fa = f(a) - target;
  }
  for (let i = 0; i < 200 && fb < 0; i++) {
    const width = b - a;
    a = b;
    fa = fb;
    b += 2 * Math.max(width, 1e-12);
    fb = f(b) - target;
  }
  let side = 0;
  for (let iter = 0; iter < 200; iter++) {
    if (fa === 0) return a;
    if (fb === 0) return b;
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > a && c < b)) c = 0.5 * (a + b);
    const fc = f(c) - target;
    if (Math.abs(b - a) <= 1e-12 * Math.max(1, Math.abs(c)) || Math.abs(fc) < 1e-14) return c;
    if (fc < 0) {
      a = c;
      fa = fc;
      if (side === -1) fb /= 2;
      side = -1;
    } else {
      b = c;
      fb = fc;
      if (side === 1) fa /= 2;
      side = 1;
    }
  }
  return 0.5 * (a + b);
}
