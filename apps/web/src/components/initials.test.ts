import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('initials', () => {
  it('takes the first and last name’s initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials(' grace  brewster murray hopper ')).toBe('GH');
    expect(initials('ada')).toBe('A');
    expect(initials('')).toBe('?');
  });
});
