import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  apiKey,
  memberWithRole,
  signup,
  sql,
  startTestServer,
  type Session,
  type TestServer,
} from '../../../test/harness.js';
import { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash.js';
import { signCheckpoints } from './audit.service.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

/** An org with a few events: creation, signup, and `n` API keys. */
async function orgWithEvents(n = 4): Promise<Session> {
  const org = await signup(s.app, 'Anchored Org');
  for (let i = 0; i < n; i++) await apiKey(s.app, org, 'viewer');
  return org;
}

const verify = (org: Session, query = '') =>
  api(s.app, {
    method: 'GET',
    url: `/api/v1/orgs/${org.orgId}/audit-logs/verify${query}`,
    token: org.accessToken,
  });

/**
 * Raw SQL as an attacker with database access would run it. `session_replication_role = replica`
 * turns off the append-only triggers for this session: the operator-level bypass the checkpoint
 * exists to catch.
 */
async function tamper(
  statements: (q: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>,
) {
  const client = await s.ctx.database.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await statements(async (text, params = []) => (await client.query(text, params)).rows);
  } finally {
    await client.query('SET session_replication_role = DEFAULT');
    client.release();
  }
}

type RawRow = {
  id: string;
  org_id: string;
  seq: string;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
};

const fields = (r: RawRow): HashedFields => ({
  id: r.id,
  orgId: r.org_id,
  seq: Number(r.seq),
  at: r.at,
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorEmail: r.actor_email,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  ip: r.ip,
  userAgent: r.user_agent,
  details: r.details,
});

describe('audit chain anchored by a signed checkpoint', () => {
  it('verifies an untouched chain against its checkpoint', async () => {
    const org = await orgWithEvents(2);
    const res = await verify(org);
    expect(res.body).toEqual({ ok: true, checked: 4, firstBrokenId: null, reason: null });
    const [cp] = await sql<{ seq: string; head_hash: string; signature: string }>(
      s.ctx,
      'SELECT seq, head_hash, signature FROM audit_checkpoints WHERE chain_id = $1',
      [org.orgId],
    );
    expect(Number(cp!.seq)).toBe(4);
    expect(cp!.signature).toMatch(/^v1\.[0-9a-f]{12}\.[0-9a-f]{64}$/);
  });

  it('detects the newest rows being deleted (the rest of the chain still links up)', async () => {
    const org = await orgWithEvents(4);
    await tamper(async (q) => {
      await q('DELETE FROM audit_events WHERE org_id = $1 AND seq > 3', [org.orgId]);
    });
    const res = await verify(org);
    expect(res.body).toMatchObject({ ok: false, checked: 3, reason: 'rows_missing' });
  });

  it('detects a rewritten row whose successors were all re-hashed', async () => {
    const org = await orgWithEvents(4);
    await tamper(async (q) => {
      const rows = (await q('SELECT * FROM audit_events WHERE org_id = $1 ORDER BY seq', [
        org.orgId,
      ])) as RawRow[];
      let prev = GENESIS_HASH;
      for (const r of rows) {
        const changed =
          r.action === 'api_key.created' && Number(r.seq) === 3 ? { ...r, details: { name: 'innocent' } } : r;
        const hash = auditHash(prev, fields(changed));
        await q('UPDATE audit_events SET details = $2, prev_hash = $3, hash = $4 WHERE id = $1', [
          r.id,
          JSON.stringify(changed.details),
          prev,
          hash,
        ]);
        prev = hash;
      }
    });
    const res = await verify(org);
    // Every row links up; only the head no longer matches what was signed.
    expect(res.body).toMatchObject({ ok: false, checked: 6, firstBrokenId: null, reason: 'head_mismatch' });
  });

  it('an organization whose whole chain was deleted no longer verifies as "ok, checked 0"', async () => {
    const org = await orgWithEvents(1);
    await tamper(async (q) => {
      await q('DELETE FROM audit_events WHERE org_id = $1', [org.orgId]);
    });
    expect((await verify(org)).body).toMatchObject({ ok: false, checked: 0, reason: 'rows_missing' });
  });

  it('detects a deleted checkpoint, and a forged one without the key', async () => {
    const a = await orgWithEvents(1);
    await tamper(async (q) => {
      await q('DELETE FROM audit_checkpoints WHERE chain_id = $1', [a.orgId]);
    });
    expect((await verify(a)).body).toMatchObject({ ok: false, reason: 'checkpoint_missing' });

    const b = await orgWithEvents(3);
    await tamper(async (q) => {
      await q('DELETE FROM audit_events WHERE org_id = $1 AND seq > 2', [b.orgId]);
      const [head] = (await q('SELECT hash FROM audit_events WHERE org_id = $1 AND seq = 2', [b.orgId])) as {
        hash: string;
      }[];
      // Moving the checkpoint back needs a new signature, which needs the master key.
      await q('UPDATE audit_checkpoints SET seq = 2, head_hash = $2 WHERE chain_id = $1', [
        b.orgId,
        head!.hash,
      ]);
    });
    expect((await verify(b)).body).toMatchObject({
      ok: false,
      checked: 2,
      reason: 'checkpoint_signature_invalid',
    });
  });

  it('exports the checkpoint to admins; an exported one catches a replayed older checkpoint', async () => {
    const org = await orgWithEvents(2);
    const viewer = await memberWithRole(s.app, org, 'viewer');
    const url = `/api/v1/orgs/${org.orgId}/audit-logs/checkpoint`;
    expect((await api(s.app, { method: 'GET', url, token: viewer.accessToken })).status).toBe(403);
    const old = await api(s.app, { method: 'GET', url, token: org.accessToken });
    expect(old.status).toBe(200);
    await apiKey(s.app, org, 'viewer');
    const kept = await api(s.app, { method: 'GET', url, token: org.accessToken });
    expect(kept.body).toMatchObject({ orgId: org.orgId, seq: old.body.seq + 1 });
    expect(kept.body.headHash).toMatch(/^[0-9a-f]{64}$/);

    // The attacker deletes the newest row and puts back the older (validly signed) checkpoint.
    await tamper(async (q) => {
      await q('DELETE FROM audit_events WHERE org_id = $1 AND seq > $2', [org.orgId, old.body.seq]);
      await q('UPDATE audit_checkpoints SET seq = $2, head_hash = $3, signature = $4 WHERE chain_id = $1', [
        org.orgId,
        old.body.seq,
        old.body.headHash,
        old.body.signature,
      ]);
    });
    expect((await verify(org)).body).toMatchObject({ ok: true });
    const anchored = await verify(org, `?seq=${kept.body.seq}&headHash=${kept.body.headHash}`);
    expect(anchored.body).toMatchObject({ ok: false, reason: 'anchor_missing' });
    const bad = await verify(org, `?seq=1`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.headHash');
  });

  it('signs migrated (unsigned) checkpoints once, at the first start, and never afterwards', async () => {
    const org = await orgWithEvents(1);
    await tamper(async (q) => {
      await q('UPDATE audit_checkpoints SET signature = NULL WHERE chain_id = $1', [org.orgId]);
    });
    expect((await verify(org)).body).toMatchObject({ ok: false, reason: 'checkpoint_signature_invalid' });
    // Other checkpoints are signed: an unsigned one now means tampering, and stays unverifiable.
    expect(await signCheckpoints(s.ctx.db, s.ctx.secrets)).toBe(0);
    expect((await verify(org)).body).toMatchObject({ ok: false });
    // The first start after the upgrade: every checkpoint is unsigned (as the migration left them).
    await tamper(async (q) => {
      await q('UPDATE audit_checkpoints SET signature = NULL');
    });
    expect(await signCheckpoints(s.ctx.db, s.ctx.secrets)).toBeGreaterThan(1);
    expect((await verify(org)).body).toMatchObject({ ok: true, checked: 3 });
  });
});
