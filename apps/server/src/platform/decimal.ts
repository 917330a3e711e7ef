/**
 * Exact decimal arithmetic for money: values are scaled integers (BigInt), never floats.
 * Prices have at most 6 decimals; a cost is tokens × price / 1e6, so 12 decimals are exact.
 */
const PRICE_SCALE = 6;

function toScaled(value: string, scale: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`Not a non-negative decimal: ${value}`);
  const frac = (m[2] ?? '').padEnd(scale, '0');
  if (frac.length > scale) throw new Error(`More than ${scale} decimals: ${value}`);
  return BigInt(m[1]! + frac);
}

function fromScaled(n: bigint, scale: number): string {
  const s = n.toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Canonical form of a decimal string: no trailing zeros ("1.500000" → "1.5"). */
export function normalizeDecimal(value: string): string {
  const [int = '0', frac = ''] = value.split('.');
  const f = frac.replace(/0+$/, '');
  const i = int.replace(/^0+(?=\d)/, '');
  return f ? `${i}.${f}` : i;
}

/** USD for a call: (inputTokens × inputPrice + outputTokens × outputPrice) / 1,000,000, exact. */
export function costUsd(
  inputTokens: number,
  outputTokens: number,
  inputPricePerMTok: string,
  outputPricePerMTok: string,
): string {
  const total =
    BigInt(inputTokens) * toScaled(inputPricePerMTok, PRICE_SCALE) +
    BigInt(outputTokens) * toScaled(outputPricePerMTok, PRICE_SCALE);
  // price is scaled by 1e6 and divided by 1e6 tokens: the result has 12 decimal places.
  return fromScaled(total, PRICE_SCALE + 6);
}

/** Exact sum of non-negative decimal strings with at most 12 decimals (costs). */
export function addDecimals(...values: string[]): string {
  let total = 0n;
  for (const v of values) total += toScaled(v, PRICE_SCALE + 6);
  return fromScaled(total, PRICE_SCALE + 6);
}
