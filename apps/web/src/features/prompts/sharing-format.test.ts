import { describe, expect, it } from 'vitest';
import { absoluteShareUrl, expiryFromNow, groupUsages, shareLinkState } from './sharing-format';

describe('share link helpers', () => {
  const now = Date.parse('2026-01-10T12:00:00.000Z');

  it('computes an expiry some days ahead', () => {
    expect(expiryFromNow(30, now)).toBe('2026-02-09T12:00:00.000Z');
  });

  it('tells active, revoked and expired links apart (revoked wins)', () => {
    expect(shareLinkState({ revokedAt: null, expiresAt: '2026-01-11T00:00:00Z' }, now)).toBe('active');
    expect(shareLinkState({ revokedAt: null, expiresAt: '2026-01-10T12:00:00Z' }, now)).toBe('expired');
    expect(
      shareLinkState({ revokedAt: '2026-01-09T00:00:00Z', expiresAt: '2026-01-01T00:00:00Z' }, now),
    ).toBe('revoked');
  });

  it('makes a relative link absolute and leaves an absolute one alone', () => {
    expect(absoluteShareUrl('/shared/abc', 'http://localhost:3000')).toBe('http://localhost:3000/shared/abc');
    expect(absoluteShareUrl('https://p.example/shared/abc', 'http://x')).toBe('https://p.example/shared/abc');
  });
});

describe('groupUsages', () => {
  it('groups the versions of each including prompt, keeping order', () => {
    expect(
      groupUsages([
        { name: 'a', version: 1, labels: ['production'], reference: '{{> t#1}}' },
        { name: 'a', version: 3, labels: ['latest'], reference: '{{> t}}' },
        { name: 'b', version: 2, labels: ['latest'], reference: '{{> t@production}}' },
      ]),
    ).toEqual([
      {
        name: 'a',
        usages: [
          { version: 1, labels: ['production'], reference: '{{> t#1}}' },
          { version: 3, labels: ['latest'], reference: '{{> t}}' },
        ],
      },
      { name: 'b', usages: [{ version: 2, labels: ['latest'], reference: '{{> t@production}}' }] },
    ]);
    expect(groupUsages([])).toEqual([]);
  });
});
