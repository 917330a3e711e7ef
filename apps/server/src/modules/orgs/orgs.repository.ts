import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Role } from '@promptops/contracts';
import type { Executor } from '../../platform/db/database.js';
import { invitations, memberships, organizations, users } from '../../platform/db/schema.js';
import { tenantFilter } from '../../platform/db/tenant.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export async function slugExists(db: Executor, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  return Boolean(row);
}

/** Inserts the organization, or returns undefined when its slug was taken (also by a concurrent insert). */
export async function insertOrganization(
  db: Executor,
  values: { name: string; slug: string },
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .insert(organizations)
    .values(values)
    .onConflictDoNothing({ target: organizations.slug })
    .returning();
  return row;
}

export async function findOrganization(db: Executor, orgId: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return row;
}

export async function insertMembership(
  db: Executor,
  orgId: string,
  userId: string,
  role: Role,
): Promise<Date> {
  const [row] = await db
    .insert(memberships)
    .values({ orgId, userId, role })
    .returning({ createdAt: memberships.createdAt });
  return row!.createdAt;
}

const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

export async function listMembers(db: Executor, orgId: string) {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(tenantFilter(memberships, orgId))
    .orderBy(users.email);
}

export async function findMember(db: Executor, orgId: string, userId: string) {
  const [row] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(tenantFilter(memberships, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

export async function updateMemberRole(
  db: Executor,
  orgId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(tenantFilter(memberships, orgId), eq(memberships.userId, userId)));
}

export async function deleteMember(db: Executor, orgId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(and(tenantFilter(memberships, orgId), eq(memberships.userId, userId)));
}

/**
 * Serialises membership changes within one organization (one lock, taken first, so two
 * concurrent demotions can neither both pass the last-admin check nor deadlock).
 */
export async function lockMemberships(db: Executor, orgId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`members:${orgId}`}))`);
}

export async function countAdmins(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(tenantFilter(memberships, orgId), eq(memberships.role, 'admin')));
  return row?.n ?? 0;
}

export async function listOpenInvitations(db: Executor, orgId: string): Promise<InvitationRow[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        tenantFilter(invitations, orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(invitations.createdAt);
}

export async function findOpenInvitationByEmail(db: Executor, orgId: string, email: string) {
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        tenantFilter(invitations, orgId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .limit(1);
  return row;
}

export async function insertInvitation(
  db: Executor,
  values: {
    orgId: string;
    email: string;
    role: Role;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  },
): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(values).returning();
  return row!;
}

export async function revokeInvitation(
  db: Executor,
  orgId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        tenantFilter(invitations, orgId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning();
  return row;
}

/** Invitation lookup by its secret; not tenant-scoped because the token itself is the credential. */
export async function findInvitationByTokenHash(db: Executor, tokenHash: string, forUpdate = false) {
  const q = db
    .select({ invitation: invitations, organization: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  const [row] = forUpdate ? await q.for('update', { of: invitations }) : await q;
  return row;
}

export async function markInvitationAccepted(db: Executor, id: string): Promise<void> {
  await db.update(invitations).set({ acceptedAt: new Date() }).where(eq(invitations.id, id));
}

/**
 * Open invitations addressed to an email, in any organization. Not tenant-scoped on purpose: the
 * invitee is the one asking, identified by the email of their own account.
 */
export async function listOpenInvitationsForEmail(db: Executor, email: string) {
  return db
    .select({ invitation: invitations, organization: organizations, invitedByEmail: users.email })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(invitations.createdAt);
}

/** One invitation addressed to `email`, locked for the accept/decline transaction. */
export async function findInvitationForInvitee(db: Executor, id: string, email: string) {
  const [row] = await db
    .select({ invitation: invitations, organization: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(and(eq(invitations.id, id), eq(invitations.email, email)))
    .limit(1)
    .for('update', { of: invitations });
  return row;
}

export async function listOrganizationIds(db: Executor): Promise<string[]> {
  const rows = await db.select({ id: organizations.id }).from(organizations).orderBy(organizations.id);
  return rows.map((r) => r.id);
}
