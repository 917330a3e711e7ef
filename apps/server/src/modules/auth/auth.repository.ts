import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import {
  memberships,
  organizations,
  refreshTokens,
  userSecurityEvents,
  userTokens,
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

export async function markRefreshTokenUsed(db: Executor, id: string, usedByClient: string): Promise<void> {
  await db.update(refreshTokens).set({ usedAt: new Date(), usedByClient }).where(eq(refreshTokens.id, id));
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

export type UserTokenRow = typeof userTokens.$inferSelect;
export type UserTokenPurpose = UserTokenRow['purpose'];

export async function insertUserToken(
  db: Executor,
  values: {
    userId: string;
    purpose: UserTokenPurpose;
    tokenHash: string;
    expiresAt: Date;
    issuedBy?: string | null;
  },
): Promise<UserTokenRow> {
  const [row] = await db.insert(userTokens).values(values).returning();
  return row!;
}

/** Locks the token so two concurrent uses cannot both succeed. */
export async function findUserTokenForUpdate(
  db: Executor,
  tokenHash: string,
  purpose: UserTokenPurpose,
): Promise<UserTokenRow | undefined> {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(and(eq(userTokens.tokenHash, tokenHash), eq(userTokens.purpose, purpose)))
    .for('update')
    .limit(1);
  return row;
}

/** Marks this token used and retires the user's other open tokens of the same purpose. */
export async function consumeUserTokens(
  db: Executor,
  userId: string,
  purpose: UserTokenPurpose,
  at: Date,
): Promise<void> {
  await db
    .update(userTokens)
    .set({ usedAt: at })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)));
}

export async function updatePasswordHash(db: Executor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

export async function markEmailVerified(db: Executor, userId: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({ emailVerifiedAt: at })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
}

/** Revokes every refresh token of the user: all their sessions end. */
export async function revokeAllRefreshTokens(db: Executor, userId: string): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
