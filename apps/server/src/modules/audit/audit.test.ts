import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { csvCell } from './audit.service.js';

let s: TestServer;
let admin: Session;
beforeAll(async () => {
  s = await startTestServer();
  admin = await signup(s.app, 'Audited Org');
  await memberWithRole(s.app, admin, 'viewer');
  await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/api-keys`,
    token: admin.accessToken,
    payload: { name: 'k', role: 'editor' },
  });
});
afterAll(async () => s?.close());

const logs = (query = '') =>
  api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${admin.orgId}/audit-logs${query}`,
    token: admin.accessToken,
  });

describe('audit trail', () => {
  it('records every mutation with actor, resource, IP and user agent', async () => {
    const res = await logs();
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'api_key.created',
      'invitation.accepted',
      'invitation.created',
      'user.signup',
      'organization.created',
    ]);
    const keyEvent = res.body.items[0];
    expect(keyEvent).toMatchObject({
      actor: { type: 'user', id: admin.userId, email: admin.email },
      resourceType: 'api_key',
      ip: '127.0.0.1',
      userAgent: 'lightMyRequest',
      details: { name: 'k', role: 'editor' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/po_[A-Za-z0-9_-]{40}/);
  });

  it('writes no event when the mutation fails (same transaction)', async () => {
    const before = (await sql(s.ctx, 'SELECT 1 FROM audit_events WHERE org_id = $1', [admin.orgId])).length;
    const res = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/members/${admin.userId}`,
      token: admin.accessToken,
      payload: { role: 'viewer' },
    });
    expect(res.status).toBe(409);
    expect((await sql(s.ctx, 'SELECT 1 FROM audit_events WHERE org_id = $1', [admin.orgId])).length).toBe(
      before,
    );
  });

  it('filters by action, resource type, actor and date range, with cursor pagination', async () => {
    expect((await logs('?action=invitation.accepted')).body.items).toHaveLength(1);
    expect((await logs('?resourceType=api_key')).body.items).toHaveLength(1);
    expect((await logs(`?actorId=${admin.userId}`)).body.items.length).toBeGreaterThanOrEqual(4);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await logs(`?from=${encodeURIComponent(future)}`)).body.items).toHaveLength(0);
    const bad = await logs('?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.from');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await logs(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = (await logs('?limit=200')).body.items.map((e: { id: string }) => e.id);
    expect(seen).toEqual(all);
    expect((await logs('?cursor=%%%')).status).toBe(400);
  });

  it('exports CSV with the same filters', async () => {
    const res = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/audit-logs/export.csv?resourceType=api_key`,
      token: admin.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.raw.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor_type,actor_id,actor_email,action,resource_type,resource_id,ip,user_agent,details',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('api_key.created');
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('is append-only in the database: raw UPDATE, DELETE and TRUNCATE fail', async () => {
    await expect(
      sql(s.ctx, `UPDATE audit_events SET action = 'x' WHERE org_id = $1`, [admin.orgId]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(s.ctx, `DELETE FROM audit_events WHERE org_id = $1`, [admin.orgId])).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(s.ctx, `TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('verifies the hash chain and pinpoints the first tampered row', async () => {
    const ok = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/audit-logs/verify`,
      token: admin.accessToken,
    });
    expect(ok.body).toMatchObject({ ok: true, firstBrokenId: null });
    expect(ok.body.checked).toBeGreaterThanOrEqual(4);

    const victim = await logs('?action=invitation.accepted');
    const id = victim.body.items[0].id;
    const client = await s.ctx.database.pool.connect();
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await client.query(
        `UPDATE audit_events SET details = '{"email":"someone-else@example.test","role":"viewer"}' WHERE id = $1`,
        [id],
      );
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    } finally {
      client.release();
    }
    const broken = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${admin.orgId}/audit-logs/verify`,
      token: admin.accessToken,
    });
    expect(broken.body).toMatchObject({ ok: false, firstBrokenId: id });
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const org = await signup(s.app);
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api(s.app, {
          method: 'POST',
          url: `/api/v1/orgs/${org.orgId}/api-keys`,
          token: org.accessToken,
          payload: { name: `k${i}`, role: 'viewer' },
        }),
      ),
    );
    expect(created.map((r) => r.body?.detail ?? r.status)).toEqual(Array(8).fill(201));
    const v = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/audit-logs/verify`,
      token: org.accessToken,
    });
    expect(v.body).toMatchObject({ ok: true, checked: 10 });
  });
});
