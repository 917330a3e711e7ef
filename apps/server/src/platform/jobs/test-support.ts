import { expect } from 'vitest';

/**
 * Asserts that a repeatable job ran exactly once in every interval between its first and last
 * run (no interval twice, none skipped) and about as often as the window allows.
 */
export function expectOneRunPerInterval(runs: { slot: number }[], interval: number, windowMs: number) {
  const slots = runs.map((r) => r.slot).sort((a, b) => a - b);
  expect(new Set(slots).size).toBe(slots.length);
  for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBe(interval);
  const expected = Math.floor(windowMs / interval);
  expect(slots.length).toBeGreaterThanOrEqual(expected - 1);
  expect(slots.length).toBeLessThanOrEqual(expected + 1);
}
