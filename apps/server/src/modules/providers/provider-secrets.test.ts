import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, masterKeyFromBase64 } from '../../platform/crypto.js';
import { releaseAuditSigner, useAuditSigner } from '../audit/audit-checkpoint.js';
import { rotateProviderKeys, upgradeStoredSecrets } from '../keys/keys.service.js';
import {
  api,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { secretHint } from './provider-secrets.js';

/** Custom header values are credentials: encrypted at rest, never returned, hinted like keys. */
let s: TestServer;
let admin: Session;
let viewer: Session;
let upstream: Server;
let upstreamUrl: string;
let seen: IncomingHttpHeaders[] = [];
const HEADER_SECRET = 'hdr-secret-0123456789-abcd';

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(req.headers);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ object: 'list', data: [] }));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  s = await startTestServer();
  admin = await signup(s.app, 'Header Org');
  viewer = await memberWithRole(s.app, admin, 'viewer');
}, 60_000);
afterAll(async () => {
  await s?.close();
  await new Promise((r) => upstream.close(r));
});

const get = (who: Session, path: string) =>
  api(s.app, { method: 'GET', url: `/api/v1/orgs/${admin.orgId}/${path}`, token: who.accessToken });

async function sentHeaders(providerId: string) {
  seen = [];
  const res = await api(s.app, {
    method: 'POST',
    url: `/api/v1/orgs/${admin.orgId}/providers/${providerId}/health-check`,
    token: admin.accessToken,
  });
  expect(res.body.health.status).not.toBe('down');
  return seen.at(-1)!;
}

describe('provider secrets', () => {
  it('hints only keys of 16 characters or more', () => {
    expect(secretHint('short-key')).toBeNull();
    expect(secretHint('0123456789abcdef')).toBe('…cdef');
  });

  it('encrypts header values, returns names with hints only, and still sends them', async () => {
    const created = await api(s.app, {
      method: 'POST',
      url: `/api/v1/orgs/${admin.orgId}/providers`,
      token: admin.accessToken,
      payload: {
        name: 'Gateway',
        type: 'openai-compatible',
        baseUrl: upstreamUrl,
        apiKey: 'short-key',
        settings: { maxRetries: 1, headers: { 'api-key': HEADER_SECRET, 'X-Team': 'abc' } },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      keyHint: null,
      settings: { maxRetries: 1 },
      headers: [
        { name: 'api-key', hint: '…abcd' },
        { name: 'X-Team', hint: null },
      ],
    });
    expect(created.body.settings.headers).toBeUndefined();
    for (const who of [viewer, admin]) {
      for (const path of ['providers', `providers/${created.body.id}`]) {
        const text = JSON.stringify((await get(who, path)).body);
        expect(text).toContain('api-key');
        expect(text).not.toContain(HEADER_SECRET);
        expect(text).not.toContain('short-key');
      }
    }
    const [row] = await sql<{ settings: object; headers_ciphertext: string }>(
      s.ctx,
      'SELECT settings, headers_ciphertext FROM providers WHERE id = $1',
      [created.body.id],
    );
    expect(row!.settings).toEqual({ maxRetries: 1 });
    expect(row!.headers_ciphertext).toMatch(/^v1\./);
    expect(row!.headers_ciphertext).not.toContain(HEADER_SECRET);
    const audit = await get(admin, 'audit-logs?resourceType=provider');
    expect(JSON.stringify(audit.body)).not.toContain(HEADER_SECRET);

    const sent = await sentHeaders(created.body.id);
    expect(sent['api-key']).toBe(HEADER_SECRET);
    expect(sent['x-team']).toBe('abc');

    // Update merges: null removes, a value replaces or adds, absent names are kept.
    const patched = await api(s.app, {
      method: 'PATCH',
      url: `/api/v1/orgs/${admin.orgId}/providers/${created.body.id}`,
      token: admin.accessToken,
      payload: { settings: { maxRetries: 0, headers: { 'x-team': null, 'X-New': 'new-value' } } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.headers.map((h: { name: string }) => h.name)).toEqual(['api-key', 'X-New']);
    const after = await sentHeaders(created.body.id);
    expect(after['api-key']).toBe(HEADER_SECRET);
    expect(after['x-new']).toBe('new-value');
    expect(after['x-team']).toBeUndefined();
  });

  it('seals plain header values stored before encryption, and recomputes short key hints', async () => {
    const [p] = await sql<{ id: string }>(
      s.ctx,
      `INSERT INTO providers (org_id, name, type, base_url, api_key_ciphertext, key_hint, settings)
       VALUES ($1, 'Legacy', 'openai-compatible', $2, $3, '…-key', $4) RETURNING id`,
      [
        admin.orgId,
        upstreamUrl,
        s.ctx.secrets.encrypt('short-key'),
        JSON.stringify({ maxRetries: 0, headers: { Authorization: `Bearer ${HEADER_SECRET}` } }),
      ],
    );
    // Before the upgrade runs, nothing reveals the plain value either.
    const before = JSON.stringify((await get(viewer, `providers/${p!.id}`)).body);
    expect(before).toContain('Authorization');
    expect(before).not.toContain(HEADER_SECRET);

    const done = await upgradeStoredSecrets(s.ctx);
    expect(done.providers).toBeGreaterThanOrEqual(1);
    const [row] = await sql<{ settings: object; headers_ciphertext: string; key_hint: string | null }>(
      s.ctx,
      'SELECT settings, headers_ciphertext, key_hint FROM providers WHERE id = $1',
      [p!.id],
    );
    expect(row).toMatchObject({ settings: { maxRetries: 0 }, key_hint: null });
    expect(row!.headers_ciphertext).not.toContain(HEADER_SECRET);
    expect((await get(viewer, `providers/${p!.id}`)).body.headers).toEqual([
      { name: 'Authorization', hint: '…abcd' },
    ]);
    expect((await sentHeaders(p!.id)).authorization).toBe(`Bearer ${HEADER_SECRET}`);
    expect((await upgradeStoredSecrets(s.ctx)).providers).toBe(0);
  });

  it('keys rotate re-encrypts header values too', async () => {
    const next = masterKeyFromBase64(randomBytes(32).toString('base64'));
    const box = new SecretBox(next, [masterKeyFromBase64(s.ctx.config.PROMPTOPS_MASTER_KEY!)]);
    useAuditSigner(box);
    try {
      await rotateProviderKeys({ ...s.ctx, secrets: box });
      const rows = await sql<{ headers_ciphertext: string }>(
        s.ctx,
        'SELECT headers_ciphertext FROM providers WHERE org_id = $1 AND headers_ciphertext IS NOT NULL',
        [admin.orgId],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) expect(box.keyIdOf(r.headers_ciphertext)).toBe(next.id);
      expect(JSON.parse(box.decrypt(rows[0]!.headers_ciphertext))).toHaveProperty(['api-key'], HEADER_SECRET);
    } finally {
      releaseAuditSigner(box);
    }
  });
});
