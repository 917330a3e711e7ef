import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Role } from '@promptops/contracts';
import type { Executor } from '../../platform/db/database.js';
import { apiKeys, users } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export async function listApiKeys(db: Executor, orgId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      role: apiKeys.role,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      creatorId: users.id,
      creatorEmail: users.email,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(tenantFilter(apiKeys, orgId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}

export async function insertApiKey(
  db: Executor,
  values: {
    orgId: string;
    name: string;
    role: Role;
    prefix: string;
    keyHash: string;
    createdBy: string | null;
  },
) {
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row!;
}

export async function revokeApiKey(db: Executor, orgId: string, id: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(tenantFilter(apiKeys, orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, keyHash: apiKeys.keyHash });
  return row;
}

/** Revokes the organization's active keys created by one user (limited to the given roles). */
export async function revokeApiKeysCreatedBy(db: Executor, orgId: string, userId: string, roles: Role[]) {
  if (roles.length === 0) return [];
  return db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        tenantFilter(apiKeys, orgId),
        eq(apiKeys.createdBy, userId),
        inArray(apiKeys.role, roles),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, keyHash: apiKeys.keyHash });
}
