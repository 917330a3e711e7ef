import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './account-recovery-api';

describe('tokenFromHash', () => {
  it('reads the one-time token from the link fragment', () => {
    expect(tokenFromHash('#token=pr_abc-123')).toBe('pr_abc-123');
    expect(tokenFromHash('#token=pr_a%2Bb')).toBe('pr_a+b');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });
});
