import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { apiKeys, memberships } from '../db/schema.js';

// The lookups behind authentication and authorization of every request. SECURITY-CRITICAL:
// a revoked key must not be found, and a role is only ever read for the given organization.

export async function findMembershipRole(db: Executor, orgId: string, userId: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.role;
}

export async function findActiveApiKeyByHash(db: Executor, keyHash: string) {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export async function touchApiKey(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
