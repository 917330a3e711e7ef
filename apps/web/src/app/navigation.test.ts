import { describe, expect, it } from 'vitest';
import { activeNavPath, orgPath, visibleNavItems, type NavEntry } from './navigation';

const items: NavEntry[] = [
  { label: 'Overview', path: '', permission: 'org:read', testId: 'nav-overview' },
  { label: 'Members', path: 'members', permission: 'members:read', testId: 'nav-members' },
  { label: 'API keys', path: 'api-keys', permission: 'api-keys:read', testId: 'nav-api-keys' },
  { label: 'Audit log', path: 'audit', permission: 'audit:read', testId: 'nav-audit' },
];

describe('visibleNavItems', () => {
  it('shows admins everything', () => {
    expect(visibleNavItems(items, 'admin').map((i) => i.path)).toEqual(['', 'members', 'api-keys', 'audit']);
  });

  it('hides pages a viewer or editor cannot open', () => {
    expect(visibleNavItems(items, 'viewer').map((i) => i.path)).toEqual(['', 'members']);
    expect(visibleNavItems(items, 'editor').map((i) => i.path)).toEqual(['', 'members']);
  });
});

describe('activeNavPath', () => {
  it('matches the overview only exactly and sections by prefix', () => {
    expect(activeNavPath(items, 'o1', '/orgs/o1')).toBe('');
    expect(activeNavPath(items, 'o1', '/orgs/o1/members')).toBe('members');
    expect(activeNavPath(items, 'o1', '/orgs/o1/audit/anything')).toBe('audit');
    expect(activeNavPath(items, 'o1', '/orgs/o1/unknown')).toBeNull();
    expect(activeNavPath(items, 'o1', '/orgs/o1/members-old')).toBeNull();
  });

  it('builds org paths', () => {
    expect(orgPath('o1', '')).toBe('/orgs/o1');
    expect(orgPath('o1', 'members')).toBe('/orgs/o1/members');
  });
});
