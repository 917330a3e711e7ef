import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, hasPermission, type Permission, type Role } from '@promptops/contracts';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { ApiRoute } from '../src/app.js';
import * as schema from '../src/platform/db/schema.js';
import {
  api,
  apiStatus,
  apiKey,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from './harness.js';

/**
 * Walks EVERY /api/v1 route (read from the running app, so a new route is covered the moment
 * it exists) with every kind of caller, and checks both the status and that nothing was
 * written: unauthenticated → 401, another organization → 404, missing permission → 403,
 * allowed → gets past authorization.
 */
let s: TestServer;
let owner: Session;
let foreign: Session;
const callers: { name: string; token?: string; role?: Role; foreign?: boolean }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  owner = await signup(s.app, 'Matrix Org');
  foreign = await signup(s.app, 'Foreign Org');
  callers.push({ name: 'anonymous' });
  for (const role of ROLES) {
    const member = role === 'admin' ? owner : await memberWithRole(s.app, owner, role);
    callers.push({ name: `user:${role}`, token: member.accessToken, role });
    callers.push({ name: `key:${role}`, token: await apiKey(s.app, owner, role), role });
  }
  callers.push({ name: 'foreign user (admin elsewhere)', token: foreign.accessToken, foreign: true });
  callers.push({
    name: 'foreign key (admin elsewhere)',
    token: await apiKey(s.app, foreign, 'admin'),
    foreign: true,
  });
}, 120_000);
afterAll(async () => s?.close());

// Every table of the schema, read from it, so a new module's tables are watched the moment they exist.
const TABLES = Object.values(schema as Record<string, unknown>)
  .filter((t): t is PgTable => is(t, PgTable))
  .map((t) => getTableName(t))
  .sort();
// Columns that legitimately change on reads (a key's last use is recorded when it authenticates).
const TOUCHED_ON_READ: Record<string, string[]> = { api_keys: ['last_used_at'] };

/** Every row of every table, hashed: any insert, update or delete changes it. */
async function snapshot(): Promise<string> {
  const rows = await sql<{ t: string; h: string }>(
    s.ctx,
    TABLES.map((t) => {
      const row = (TOUCHED_ON_READ[t] ?? []).reduce((expr, c) => `${expr} - '${c}'`, 'to_jsonb(r)');
      return `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(md5(string_agg((${row})::text, ',' ORDER BY (${row})::text)), '') AS h FROM ${t} r`;
    }).join(' UNION ALL '),
  );
  return JSON.stringify(rows.sort((a, b) => a.t.localeCompare(b.t)));
}

function fillPath(route: ApiRoute, orgId: string): string {
  return route.url
    .replace(':orgId', orgId)
    .replace(/:name/g, 'matrix-prompt')
    .replace(/:label/g, 'production')
    .replace(/:token/g, 'inv_unknown')
    .replace(/:[A-Za-z]+/g, () => randomUUID());
}

describe('route × caller access matrix', () => {
  it('every API route declares its access and org-scoped routes are covered', () => {
    const routes = s.app.apiRoutes;
    expect(routes.length).toBeGreaterThan(10);
    for (const r of routes) {
      if ('permission' in r.access) expect(r.url).toContain(':orgId');
    }
  });

  it('org-scoped routes: 401 anonymous, 404 foreign, 403 missing permission, nothing written', async () => {
    const routes = s.app.apiRoutes.filter(
      (r): r is ApiRoute & { access: { permission: Permission; usersOnly?: true } } =>
        'permission' in r.access,
    );
    const failures: string[] = [];
    let cells = 0;
    for (const route of routes) {
      for (const caller of callers) {
        cells += 1;
        const allowed =
          caller.role !== undefined &&
          !caller.foreign &&
          hasPermission(caller.role, route.access.permission) &&
          !(route.access.usersOnly && caller.name.startsWith('key:'));
        const expected = !caller.token ? 401 : caller.foreign ? 404 : allowed ? 'allowed' : 403;
        // Only a denied call must leave the state as it was: snapshot just around those.
        const before = expected === 'allowed' ? '' : await snapshot();
        // Status and headers are what counts here; a stream that never ends (the change feed) is dropped.
        const res = await apiStatus(s.app, {
          method: route.method as 'GET',
          url: fillPath(route, owner.orgId),
          ...(caller.token ? { token: caller.token } : {}),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const ok =
          expected === 'allowed'
            ? ![401, 403].includes(res.status) &&
              !(res.status === 404 && /Organization not found/.test(res.body?.detail ?? ''))
            : res.status === expected;
        if (!ok)
          failures.push(
            `${route.method} ${route.url} as ${caller.name}: got ${res.status}, expected ${expected}`,
          );
        if (expected !== 'allowed') {
          expect(res.headers['content-type']).toContain('application/problem+json');
          const after = await snapshot();
          if (after !== before)
            failures.push(`${route.method} ${route.url} as ${caller.name}: state changed on a denied call`);
        }
      }
    }
    expect(failures).toEqual([]);
    console.log(
      `access matrix: ${routes.length} org-scoped routes × ${callers.length} callers = ${cells} cells`,
    );
  });

  it('API-key routes (the OpenAI-compatible endpoint): 401 without a key, 403 missing permission, nothing written', async () => {
    const routes = s.app.apiRoutes.filter(
      (r): r is ApiRoute & { access: { keyPermission: Permission } } => 'keyPermission' in r.access,
    );
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/openai/models',
      'POST /api/v1/openai/chat/completions',
    ]);
    const failures: string[] = [];
    for (const route of routes) {
      for (const caller of callers) {
        const before = await snapshot();
        const res = await api(s.app, {
          method: route.method as 'GET',
          url: route.url,
          ...(caller.token ? { token: caller.token } : {}),
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        // The org is the key's own: a foreign org's key acts in its org, and a user session is no key.
        const isKey = caller.name.startsWith('key:') || caller.name.startsWith('foreign key');
        const role = caller.foreign ? 'admin' : caller.role;
        const expected = !isKey
          ? 401
          : role && hasPermission(role, route.access.keyPermission)
            ? 'allowed'
            : 403;
        const ok = expected === 'allowed' ? ![401, 403].includes(res.status) : res.status === expected;
        if (!ok)
          failures.push(
            `${route.method} ${route.url} as ${caller.name}: got ${res.status}, expected ${expected}`,
          );
        if (expected !== 'allowed') {
          expect(res.body.error.type).toBeTypeOf('string');
          if ((await snapshot()) !== before)
            failures.push(`${route.method} ${route.url} as ${caller.name}: state changed on a denied call`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a foreign caller gets 404 even with a well-formed body for a write route', async () => {
    const before = await snapshot();
    const res = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/members`,
      token: foreign.accessToken,
      payload: { email: foreign.email, role: 'admin' },
    });
    expect(res.status).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('user-only routes refuse API keys and anonymous callers', async () => {
    // Routes that also answer an API key are few and listed here, so a new one is a conscious choice.
    const eitherRoutes = s.app.apiRoutes.filter((r) => 'user' in r.access && r.access.orApiKey);
    expect(eitherRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/me']);
    const userRoutes = s.app.apiRoutes.filter((r) => 'user' in r.access && !r.access.orApiKey);
    expect(userRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/me/invitations',
      'GET /api/v1/me/security-events',
      'POST /api/v1/me/invitations/:invitationId/accept',
      'POST /api/v1/me/invitations/:invitationId/decline',
      'POST /api/v1/me/verification-email',
      'POST /api/v1/orgs',
    ]);
    for (const route of userRoutes) {
      expect(
        (
          await api(s.app, {
            method: route.method as 'GET',
            url: route.url,
            payload: route.method === 'GET' ? undefined : {},
          })
        ).status,
      ).toBe(401);
      const key = callers.find((c) => c.name === 'key:admin')!.token!;
      const before = await snapshot();
      const res = await api(s.app, {
        method: route.method as 'GET',
        url: route.url,
        token: key,
        ...(route.method === 'GET' ? {} : { payload: { name: 'x' } }),
      });
      expect(res.status).toBe(403);
      expect(await snapshot()).toBe(before);
    }
  });

  it('the streamed dataset import authorises before it reads the file', async () => {
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${owner.orgId}/datasets`,
      token: owner.accessToken,
      payload: { name: `matrix-import-${randomUUID()}` },
    });
    const url = `/api/v1/orgs/${owner.orgId}/datasets/${created.body.dataset.id}/import?format=csv`;
    const csv = 'question,expected\nWhat is 2+2?,4\n';
    const before = await snapshot();
    for (const caller of callers) {
      const res = await api(s.app, {
        method: 'POST',
        url,
        payload: csv,
        headers: { 'content-type': 'text/csv' },
        ...(caller.token ? { token: caller.token } : {}),
      });
      const expected = !caller.token
        ? 401
        : caller.foreign
          ? 404
          : hasPermission(caller.role!, 'datasets:write')
            ? 201
            : 403;
      expect(res.status, caller.name).toBe(expected);
      if (expected !== 201) expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const [row] = await sql<{ version: number; item_count: number }>(
      s.ctx,
      'SELECT version, item_count FROM datasets WHERE id = $1',
      [created.body.dataset.id],
    );
    // Only the admin and editor users and keys imported: four versions of one row each.
    expect(row).toEqual({ version: 4, item_count: 4 });
    expect(await snapshot()).not.toBe(before);
  });

  it('ids of another organization are not found even for an admin', async () => {
    const key = await apiKey(s.app, foreign, 'viewer');
    const keys = await api(s.app, {
      method: 'GET',
      url: `/api/v1/orgs/${foreign.orgId}/api-keys`,
      token: foreign.accessToken,
    });
    const foreignKeyId = keys.body.items.find((k: { name: string }) => k.name === 'viewer key').id;
    expect(key).toMatch(/^po_/);
    const before = await snapshot();
    const del = await api(s.app, {
      method: 'DELETE',
      url: `/api/v1/orgs/${owner.orgId}/api-keys/${foreignKeyId}`,
      token: owner.accessToken,
    });
    expect(del.status).toBe(404);
    const member = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${owner.orgId}/members/${foreign.userId}`,
      token: owner.accessToken,
      payload: { role: 'viewer' },
    });
    expect(member.status).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});
