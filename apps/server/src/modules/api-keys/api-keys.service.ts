import type { ApiKey, CreateApiKeyRequest, CreateApiKeyResponse, Role } from '@promptops/contracts';
import type { Executor } from '../../platform/db/database.js';
import type { Db } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/events.js';
import { recordAudit } from '../audit/audit.service.js';
import * as repo from './api-keys.repository.js';

export const API_KEY_PREFIX = 'po_';

export async function listApiKeys(db: Db, ctx: OrgContext): Promise<{ items: ApiKey[] }> {
  const rows = await repo.listApiKeys(db, ctx.orgId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      prefix: r.prefix,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      createdBy: r.creatorId && r.creatorEmail ? { id: r.creatorId, email: r.creatorEmail } : null,
    })),
  };
}

export async function createApiKey(
  db: Db,
  ctx: OrgContext,
  input: CreateApiKeyRequest,
): Promise<CreateApiKeyResponse> {
  // A key may not carry more power than its creator: admins only today, but keep the rule explicit.
  if (ctx.role !== 'admin' && input.role === 'admin') throw forbidden('Only admins can create admin keys');
  const key = randomToken(API_KEY_PREFIX);
  return db.transaction(async (tx) => {
    const row = await repo.insertApiKey(tx, {
      orgId: ctx.orgId,
      name: input.name,
      role: input.role,
      prefix: key.slice(0, 10),
      keyHash: hashToken(key),
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'api_key.created',
      resourceType: 'api_key',
      resourceId: row.id,
      details: { name: row.name, role: row.role, prefix: row.prefix },
    });
    return { id: row.id, name: row.name, role: row.role, key };
  });
}

export async function revokeApiKey(app: AppContext, ctx: OrgContext, id: string): Promise<void> {
  const row = await app.db.transaction(async (tx) => {
    const revoked = await repo.revokeApiKey(tx, ctx.orgId, id);
    if (!revoked) throw notFound('API key');
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'api_key.revoked',
      resourceType: 'api_key',
      resourceId: id,
      details: { name: revoked.name },
    });
    // Other API processes drop their cached copy when this event reaches them.
    await emitEvent(tx, { orgId: ctx.orgId, type: 'access.api_key_revoked', payload: { keyId: id } });
    return revoked;
  });
  // Effective at once here.
  app.caches.apiKeys.delete(row.keyHash);
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/**
 * SECURITY: a key must not outlive its creator's access. When a member leaves or is removed, the
 * keys they created in the organization are revoked; when they are demoted, the keys they created
 * with a role above their new one are. Runs in the caller's transaction (so it is all or nothing
 * with the membership change) and is audited; returns the key hashes to drop from the cache after
 * commit.
 */
export async function revokeKeysOfMember(
  tx: Executor,
  ctx: OrgContext,
  member: { userId: string; email: string },
  newRole: Role | null,
): Promise<string[]> {
  const roles = (Object.keys(ROLE_RANK) as Role[]).filter(
    (r) => newRole === null || ROLE_RANK[r] > ROLE_RANK[newRole],
  );
  const revoked = await repo.revokeApiKeysCreatedBy(tx, ctx.orgId, member.userId, roles);
  for (const key of revoked) {
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'api_key.revoked',
      resourceType: 'api_key',
      resourceId: key.id,
      details: {
        name: key.name,
        role: key.role,
        reason: newRole === null ? 'creator_left' : 'creator_demoted',
        creator: member.email,
      },
    });
    await emitEvent(tx, { orgId: ctx.orgId, type: 'access.api_key_revoked', payload: { keyId: key.id } });
  }
  return revoked.map((k) => k.keyHash);
}
