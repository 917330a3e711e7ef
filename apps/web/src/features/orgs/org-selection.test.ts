import { describe, expect, it } from 'vitest';
import type { Membership } from '@promptops/contracts';
import { findMembership, pickDefaultOrgId, switchOrgPath } from './org-selection';

const memberships: Membership[] = [
  { organization: { id: 'o1', name: 'One', slug: 'one' }, role: 'admin' },
  { organization: { id: 'o2', name: 'Two', slug: 'two' }, role: 'viewer' },
];

describe('pickDefaultOrgId', () => {
  it('reopens the last organization while the user is still a member', () => {
    expect(pickDefaultOrgId(memberships, 'o2')).toBe('o2');
  });

  it('falls back to the first membership, or none', () => {
    expect(pickDefaultOrgId(memberships, 'gone')).toBe('o1');
    expect(pickDefaultOrgId(memberships, null)).toBe('o1');
    expect(pickDefaultOrgId([], 'o1')).toBeNull();
  });
});

describe('findMembership', () => {
  it('finds the membership for the URL’s org id', () => {
    expect(findMembership(memberships, 'o2')?.role).toBe('viewer');
    expect(findMembership(memberships, 'o3')).toBeNull();
    expect(findMembership(memberships, undefined)).toBeNull();
  });
});

describe('switchOrgPath', () => {
  it('keeps the section but not deeper resource paths', () => {
    expect(switchOrgPath('/orgs/o1/members', 'o1', 'o2')).toBe('/orgs/o2/members');
    expect(switchOrgPath('/orgs/o1/prompts/a%2Fb', 'o1', 'o2')).toBe('/orgs/o2/prompts');
    expect(switchOrgPath('/orgs/o1', 'o1', 'o2')).toBe('/orgs/o2');
    expect(switchOrgPath('/elsewhere', 'o1', 'o2')).toBe('/orgs/o2');
  });
});
