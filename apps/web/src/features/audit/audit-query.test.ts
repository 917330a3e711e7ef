import { describe, expect, it } from 'vitest';
import {
  actorOptions,
  actionColor,
  auditExportFileName,
  auditQueryParams,
  EMPTY_AUDIT_FILTERS,
  fileNameFromDisposition,
  formatActor,
  hasActiveFilters,
  localDateTimeToIso,
  shortId,
  summarizeDetails,
  validateAuditFilters,
} from './audit-query';

describe('localDateTimeToIso', () => {
  it('reads a datetime-local value in the local zone and returns UTC', () => {
    const iso = localDateTimeToIso('2025-03-04T05:06');
    expect(iso).not.toBeNull();
    const date = new Date(iso ?? '');
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual(
      [2025, 2, 4, 5, 6],
    );
    expect(iso).toMatch(/Z$/);
  });

  it('extends a minute-precision upper bound to the end of that minute', () => {
    const iso = localDateTimeToIso('2025-03-04T05:06', true) ?? '';
    expect(new Date(iso).getSeconds()).toBe(59);
    expect(new Date(iso).getMilliseconds()).toBe(999);
    expect(new Date(localDateTimeToIso('2025-03-04T05:06:07', true) ?? '').getSeconds()).toBe(7);
  });

  it('rejects values that are not date-times', () => {
    expect(localDateTimeToIso('')).toBeNull();
    expect(localDateTimeToIso('yesterday')).toBeNull();
    expect(localDateTimeToIso('2025-13-45T99:99')).toBeNull();
  });
});

describe('auditQueryParams', () => {
  it('is empty without filters or paging', () => {
    expect(auditQueryParams(EMPTY_AUDIT_FILTERS)).toEqual({});
  });

  it('includes trimmed filters, the cursor and the limit', () => {
    const params = auditQueryParams(
      { ...EMPTY_AUDIT_FILTERS, action: ' member.added ', resourceType: 'member', actorId: 'u-1' },
      { cursor: 'abc==', limit: 50 },
    );
    expect(params).toEqual({
      actorId: 'u-1',
      action: 'member.added',
      resourceType: 'member',
      cursor: 'abc==',
      limit: 50,
    });
  });

  it('converts the date range to ISO timestamps', () => {
    const params = auditQueryParams({
      ...EMPTY_AUDIT_FILTERS,
      from: '2025-01-01T00:00',
      to: '2025-01-31T23:59',
    });
    expect(params.from).toBe(localDateTimeToIso('2025-01-01T00:00'));
    expect(params.to).toBe(localDateTimeToIso('2025-01-31T23:59', true));
  });

  it('leaves out a null cursor and invalid dates', () => {
    expect(auditQueryParams({ ...EMPTY_AUDIT_FILTERS, from: 'garbage' }, { cursor: null })).toEqual({});
  });
});

describe('validateAuditFilters', () => {
  it('accepts an empty or ordered range', () => {
    expect(validateAuditFilters(EMPTY_AUDIT_FILTERS)).toEqual({});
    expect(
      validateAuditFilters({ ...EMPTY_AUDIT_FILTERS, from: '2025-01-01T00:00', to: '2025-01-01T00:00' }),
    ).toEqual({});
  });

  it('rejects a reversed range and invalid dates', () => {
    expect(
      validateAuditFilters({ ...EMPTY_AUDIT_FILTERS, from: '2025-02-01T00:00', to: '2025-01-01T00:00' }),
    ).toEqual({
      to: 'Must be after “From”',
    });
    expect(validateAuditFilters({ ...EMPTY_AUDIT_FILTERS, from: 'x' }).from).toBeDefined();
  });

  it('knows when filters are active', () => {
    expect(hasActiveFilters(EMPTY_AUDIT_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_AUDIT_FILTERS, action: '  ' })).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_AUDIT_FILTERS, action: 'x' })).toBe(true);
  });
});

describe('formatting', () => {
  it('names the actor by email, then id, then kind', () => {
    expect(formatActor({ type: 'user', id: 'u1', email: 'ada@example.com' })).toEqual({
      label: 'ada@example.com',
      kind: 'User',
    });
    expect(formatActor({ type: 'api_key', id: 'k1', email: null })).toEqual({ label: 'k1', kind: 'API key' });
    expect(formatActor({ type: 'anonymous', id: null, email: null })).toEqual({
      label: 'Anonymous',
      kind: 'Anonymous',
    });
  });

  it('colours actions by effect', () => {
    expect(actionColor('auth.login_failed')).toBe('red');
    expect(actionColor('auth.refresh_reuse_detected')).toBe('red');
    expect(actionColor('member.removed')).toBe('orange');
    expect(actionColor('api_key.created')).toBe('teal');
    expect(actionColor('member.role_changed')).toBe('blue');
    expect(actionColor('invitation.accepted')).toBe('teal');
    expect(actionColor('auth.login')).toBe('gray');
  });

  it('summarises details on one line and truncates', () => {
    expect(summarizeDetails({})).toBe('');
    expect(summarizeDetails({ role: 'viewer', from: { role: 'admin' } })).toBe(
      'role: viewer, from: {"role":"admin"}',
    );
    const long = summarizeDetails({ text: 'x'.repeat(200) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it('shortens long ids only', () => {
    expect(shortId('0b6f4c1e-7d8a-4a6b-9c3e-2f1a5b7c9d0e')).toBe('0b6f4c1e…');
    expect(shortId('k-12')).toBe('k-12');
  });
});

describe('CSV file names', () => {
  it('reads Content-Disposition, preferring filename*', () => {
    expect(fileNameFromDisposition('attachment; filename="audit.csv"', 'x.csv')).toBe('audit.csv');
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''audit%20log.csv", 'x.csv')).toBe(
      'audit log.csv',
    );
    expect(fileNameFromDisposition(null, 'x.csv')).toBe('x.csv');
    expect(fileNameFromDisposition('attachment', 'x.csv')).toBe('x.csv');
  });

  it('falls back to a dated name', () => {
    expect(auditExportFileName('acme', new Date('2025-06-07T12:00:00Z'))).toBe('audit-acme-2025-06-07.csv');
  });
});

describe('actorOptions', () => {
  it('offers members by name and email, then API keys, and keeps an unknown id selectable', () => {
    const groups = actorOptions(
      [
        { userId: 'u2', name: 'Zoe', email: 'zoe@example.com' },
        { userId: 'u1', name: 'Ada', email: 'ada@example.com' },
      ],
      [{ id: 'k1', name: 'CI', prefix: 'po_ab12' }],
      'gone-user',
    );
    expect(groups).toEqual([
      {
        group: 'Members',
        items: [
          { value: 'u1', label: 'Ada <ada@example.com>' },
          { value: 'u2', label: 'Zoe <zoe@example.com>' },
        ],
      },
      { group: 'API keys', items: [{ value: 'k1', label: 'CI (API key po_ab12…)' }] },
      { group: 'Other', items: [{ value: 'gone-user', label: 'gone-user' }] },
    ]);
    expect(actorOptions([], [], '')).toEqual([]);
  });
});
