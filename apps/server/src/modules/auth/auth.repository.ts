import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  memberships,
  organizations,
  refreshTokens,
  userSecurityEvents,
  users,
} from '../../platform/db/schema.js';

export type UserRow = typeof users.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function insertUser(
  db: Executor,
  values: { email: string; name: string; passwordHash: string },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function listMembershipsOfUser(db: Executor, userId: string) {
  return db
    .select({
      organization: { id: organizations.id, name: organizations.name, slug: organizations.slug },
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);
}

export async function insertRefreshToken(
  db: Executor,
  values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values(values);
}

/** Locks the row so two concurrent refreshes with the same token cannot both succeed. */
export async function findRefreshTokenForUpdate(
  db: Executor,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, tokenHash))
    .for('update')
    .limit(1);
  return row;
}

export async function markRefreshTokenUsed(db: Executor, id: string): Promise<void> {
  await db.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.id, id));
}

export async function revokeRefreshFamily(db: Executor, familyId: string): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}

export type SecurityEventRow = typeof userSecurityEvents.$inferSelect;

export async function insertSecurityEvent(db: Executor, values: typeof userSecurityEvents.$inferInsert) {
  await db.insert(userSecurityEvents).values(values);
}

/** A user's own security log, newest first; `userId` is the only key (the log is per user). */
export async function listSecurityEvents(
  db: Executor,
  userId: string,
  before: { at: Date; id: string } | undefined,
  limit: number,
): Promise<SecurityEventRow[]> {
  const conds = [eq(userSecurityEvents.userId, userId)];
  if (before) {
    conds.push(
      or(
        lt(userSecurityEvents.at, before.at),
        and(eq(userSecurityEvents.at, before.at), lt(userSecurityEvents.id, before.id)),
      )!,
    );
  }
  return db
    .select()
    .from(userSecurityEvents)
    .where(and(...conds))
    .orderBy(desc(userSecurityEvents.at), desc(userSecurityEvents.id))
    .limit(limit);
}
