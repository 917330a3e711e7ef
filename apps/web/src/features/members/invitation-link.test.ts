import { describe, expect, it } from 'vitest';
import { invitationLink } from './invitation-link';

describe('invitationLink', () => {
  it('points at the signup page with the encoded token', () => {
    expect(invitationLink('https://po.example', 'a+b/c')).toBe(
      'https://po.example/signup?invitation=a%2Bb%2Fc',
    );
  });
});
