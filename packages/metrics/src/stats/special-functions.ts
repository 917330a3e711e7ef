// Special functions for the posterior computations, written from the standard series and
// continued fractions (Lanczos log-gamma, Lentz's method for the incomplete beta).

const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, ~1e-15 relative accuracy). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (x < 0.5) {
    // Reflection keeps accuracy for small arguments.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0]!;
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS_COEFFICIENTS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

// ln Γ(x) - ((x - ½) ln x - x + ½ ln 2π): the Stirling series, to ~1e-15 for x ≥ 10.
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - (r * 691) / 360360))))) / x;
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/**
 * ln B(a, b). For large arguments ln Γ(a) + ln Γ(b) - ln Γ(a + b) would subtract numbers of
 * order a·ln a (6e6 for a million trials) and keep only ~1e-9 of absolute accuracy; the Stirling
 * form below groups the large terms into logarithms of ratios instead.
 */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = a + b;
  // ln Γ(large) - ln Γ(sum) = (large - ½) ln(large/sum) - small·ln(sum) + small + corrections
  const largeMinusSum =
    (large - 0.5) * Math.log1p(-small / sum) -
    small * Math.log(sum) +
    small +
    stirlingCorrection(large) -
    stirlingCorrection(sum);
  if (small < 10) return logGamma(small) + largeMinusSum;
  // ln Γ(small) in the same form, its small·ln(sum) folded into a ratio with the term above.
  return (
    HALF_LOG_TWO_PI +
    (small - 0.5) * Math.log(small / sum) -
    0.5 * Math.log(sum) +
    (large - 0.5) * Math.log1p(-small / sum) +
    stirlingCorrection(small) +
    stirlingCorrection(large) -
    stirlingCorrection(sum)
  );
}

const TINY = 1e-300;
const EPS = 1e-15;

// Continued fraction for I_x(a, b) (modified Lentz), converging fast for x < (a + 1) / (a + b + 2).
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`Beta parameters must be > 0, got ${a}, ${b}`);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Density of Beta(a, b) at x. */
export function betaPdf(x: number, a: number, b: number): number {
  if (x < 0 || x > 1) return 0;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 1 / Math.exp(logBeta(a, b)) : 0;
  if (x === 1) return b < 1 ? Infinity : b === 1 ? 1 / Math.exp(logBeta(a, b)) : 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/**
 * Inverse of I_x(a, b) in x: the p-quantile of Beta(a, b). Newton steps on the CDF, kept
 * inside a shrinking bisection bracket so it always converges.
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`Beta parameters must be > 0, got ${a}, ${b}`);
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let lo = 0;
  let hi = 1;
  // Start from the mean: a decent guess for moderate shapes; the bracket handles the rest.
  let x = a / (a + b);
  const logB = logBeta(a, b);
  for (let iter = 0; iter < 200; iter++) {
    const f = regularizedIncompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const logPdf = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logB;
    const pdf = Math.exp(logPdf);
    let next = pdf > 0 && Number.isFinite(pdf) ? x - f / pdf : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo < 1e-300) return next;
    x = next;
  }
  return x;
}

/** CDF of Student's t with `df` degrees of freedom (df may be non-integer). */
export function studentTCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be > 0, got ${df}`);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Density of Student's t. */
export function studentTPdf(t: number, df: number): number {
  return Math.exp(
    logGamma((df + 1) / 2) -
      logGamma(df / 2) -
      0.5 * Math.log(df * Math.PI) -
      ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** p-quantile of Student's t with `df` degrees of freedom. */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`Degrees of freedom must be > 0, got ${df}`);
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2): invert for the two-sided tail, then take the sign.
  const twoSided = 2 * Math.min(p, 1 - p);
  const x = inverseRegularizedIncompleteBeta(twoSided, df / 2, 0.5);
  const magnitude = x > 0 ? Math.sqrt((df * (1 - x)) / x) : Infinity;
  return p < 0.5 ? -magnitude : magnitude;
}

/** The logistic function 1 / (1 + e^(-y)), without overflow for large |y|. */
export function logistic(y: number): number {
  if (y >= 0) return 1 / (1 + Math.exp(-y));
  const e = Math.exp(y);
  return e / (1 + e);
}

/** ln(logistic(y)), accurate in both tails. */
export function logLogistic(y: number): number {
  return y >= 0 ? -Math.log1p(Math.exp(-y)) : y - Math.log1p(Math.exp(y));
}

/** ln(x / (1 - x)), the inverse of `logistic`. */
export function logit(x: number): number {
  return Math.log(x) - Math.log1p(-x);
}
