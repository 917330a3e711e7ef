import { describe, expect, it } from 'vitest';
import { formatRate } from './overview-api';

describe('formatRate', () => {
  it('shows small failure rates with a decimal and larger ones whole', () => {
    expect(formatRate(0)).toBe('0 %');
    expect(formatRate(0.2)).toBe('20 %');
    expect(formatRate(0.0125)).toBe('1.3 %');
    expect(formatRate(0.05)).toBe('5 %');
    expect(formatRate(1)).toBe('100 %');
  });
});
