import { describe, expect, it } from 'vitest';
import { costUsd, normalizeDecimal } from './decimal.js';

describe('exact cost arithmetic', () => {
  it('multiplies tokens by per-million prices without floating-point error', () => {
    expect(costUsd(1_000_000, 0, '2.5', '10')).toBe('2.5');
    expect(costUsd(1234, 567, '0.15', '0.6')).toBe('0.0005253');
    // 0.1 + 0.2 style: floats would give 0.30000000000000004
    expect(costUsd(100_000, 200_000, '1', '1')).toBe('0.3');
    expect(costUsd(1, 1, '0.000001', '0.000001')).toBe('0.000000000002');
    expect(costUsd(0, 0, '3', '15')).toBe('0');
    // Checked with Python's decimal module.
    expect(costUsd(987_654_321, 123_456_789, '123456.123456', '0.000001')).toBe('121931973.785351310165');
  });

  it('rejects malformed prices', () => {
    expect(() => costUsd(1, 1, '-1', '1')).toThrow();
    expect(() => costUsd(1, 1, '1.1234567', '1')).toThrow();
  });

  it('normalises decimals read back from numeric columns', () => {
    expect(normalizeDecimal('0.000525300000')).toBe('0.0005253');
    expect(normalizeDecimal('2.500000')).toBe('2.5');
    expect(normalizeDecimal('10.000000')).toBe('10');
    expect(normalizeDecimal('0')).toBe('0');
  });
});
