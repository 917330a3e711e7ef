import { logBeta } from '../../src/stats/special-functions.js';

/** Evan Miller's closed form for P(p_B > p_A) with integer Beta parameters. */
export function millerProbability(aA: number, bA: number, aB: number, bB: number): number {
  let total = 0;
  for (let i = 0; i < aB; i++) {
    total += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
  }
  return total;
}
