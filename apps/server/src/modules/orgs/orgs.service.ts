import { randomBytes } from 'node:crypto';
import type {
  AcceptInvitationResponse,
  AddMemberResponse,
  Member,
  MemberList,
  Organization,
  PendingInvitationList,
  Role,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Db, Executor } from '../../platform/db/database.js';
import type { OrgContext, RequestMeta } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import { emitEvent } from '../../platform/events/events.js';
import { membershipCacheKey } from '../../platform/http/access.js';
import { revokeKeysOfMember } from '../api-keys/api-keys.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { findUserByEmail, findUserById } from '../auth/auth.service.js';
import { seedBuiltInProviderTx } from '../providers/providers.service.js';
import * as repo from './orgs.repository.js';
import { toInvitation, toMember, toOrganization } from './orgs.mappers.js';

const INVITATION_TTL_DAYS = 7;

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return base || 'org';
}

/**
 * Inserts the organization under the first free slug. ON CONFLICT DO NOTHING waits for a
 * concurrent insert of the same slug and then skips, so ten simultaneous "Acme" orgs all succeed
 * (acme, acme-3f2a1c, …) instead of nine failing on the unique index.
 */
async function insertWithUniqueSlug(tx: Executor, name: string) {
  const base = slugify(name);
  let candidate = base;
  for (;;) {
    if (!(await repo.slugExists(tx, candidate))) {
      const org = await repo.insertOrganization(tx, { name, slug: candidate });
      if (org) return org;
    }
    candidate = `${base}-${randomBytes(3).toString('hex')}`;
  }
}

/** Creates an organization with `userId` as its first admin; runs inside the caller's transaction. */
export async function createOrganizationTx(
  tx: Executor,
  meta: RequestMeta,
  userId: string,
  name: string,
): Promise<Organization> {
  const org = await insertWithUniqueSlug(tx, name);
  await repo.insertMembership(tx, org.id, userId, 'admin');
  await recordAudit(tx, meta, {
    orgId: org.id,
    action: 'organization.created',
    resourceType: 'organization',
    resourceId: org.id,
    details: { name: org.name, slug: org.slug },
  });
  await seedBuiltInProviderTx(tx, meta, org.id);
  return toOrganization(org);
}

export async function createOrganization(db: Db, meta: RequestMeta, userId: string, name: string) {
  return db.transaction((tx) => createOrganizationTx(tx, meta, userId, name));
}

export async function listMembers(db: Db, ctx: OrgContext): Promise<MemberList> {
  const [members, invites] = await Promise.all([
    repo.listMembers(db, ctx.orgId),
    repo.listOpenInvitations(db, ctx.orgId),
  ]);
  return { items: members.map(toMember), invitations: invites.map(toInvitation) };
}

export async function addMember(
  db: Db,
  ctx: OrgContext,
  email: string,
  role: Role,
): Promise<AddMemberResponse> {
  // SECURITY: never a membership without the person's consent. Whether or not they have an
  // account, they get an invitation: a user accepts it from their pending invitations, someone
  // new signs up with the token.
  return db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (user && (await repo.findMember(tx, ctx.orgId, user.id))) {
      throw conflict(`${email} is already a member`, [{ path: 'email', message: 'Already a member' }]);
    }
    if (await repo.findOpenInvitationByEmail(tx, ctx.orgId, email)) {
      throw conflict(`${email} already has a pending invitation; revoke it to send a new one`, [
        { path: 'email', message: 'Already invited' },
      ]);
    }
    const token = randomToken('inv_');
    const invitation = await repo.insertInvitation(tx, {
      orgId: ctx.orgId,
      email,
      role,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    });
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'invitation.created',
      resourceType: 'invitation',
      resourceId: invitation.id,
      details: { email, role },
    });
    return { status: 'invited' as const, invitation: toInvitation(invitation), invitationToken: token };
  });
}

/** The last admin can be neither demoted nor removed: an organization must stay manageable. */
async function assertNotLastAdmin(tx: Executor, orgId: string, current: Role, next: Role | null) {
  if (current !== 'admin' || next === 'admin') return;
  if ((await repo.countAdmins(tx, orgId)) <= 1) {
    throw conflict('An organization needs at least one admin; promote someone else first');
  }
}

export async function changeMemberRole(
  app: AppContext,
  ctx: OrgContext,
  userId: string,
  role: Role,
): Promise<Member> {
  let revokedKeys: string[] = [];
  const result = await app.db.transaction(async (tx) => {
    await repo.lockMemberships(tx, ctx.orgId);
    const member = await repo.findMember(tx, ctx.orgId, userId);
    if (!member) throw notFound('Member');
    if (member.role === role) return toMember(member);
    await assertNotLastAdmin(tx, ctx.orgId, member.role, role);
    await repo.updateMemberRole(tx, ctx.orgId, userId, role);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'member.role_changed',
      resourceType: 'member',
      resourceId: userId,
      details: { email: member.email, from: member.role, to: role },
    });
    revokedKeys = await revokeKeysOfMember(tx, ctx, { userId, email: member.email }, role);
    await emitEvent(tx, { orgId: ctx.orgId, type: 'access.membership_changed', payload: { userId, role } });
    return toMember({ ...member, role });
  });
  for (const hash of revokedKeys) app.caches.apiKeys.delete(hash);
  app.caches.memberships.delete(membershipCacheKey(ctx.orgId, userId));
  return result;
}

/**
 * Removes a member, or lets a member leave (`userId` is the caller). The last admin can do
 * neither. The API keys the member created are revoked in the same transaction.
 */
export async function removeMember(app: AppContext, ctx: OrgContext, userId: string): Promise<void> {
  const leaving = ctx.actor.type === 'user' && ctx.actor.id === userId;
  const revokedKeys = await app.db.transaction(async (tx) => {
    await repo.lockMemberships(tx, ctx.orgId);
    const member = await repo.findMember(tx, ctx.orgId, userId);
    if (!member) throw notFound('Member');
    await assertNotLastAdmin(tx, ctx.orgId, member.role, null);
    await repo.deleteMember(tx, ctx.orgId, userId);
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: leaving ? 'member.left' : 'member.removed',
      resourceType: 'member',
      resourceId: userId,
      details: { email: member.email, role: member.role },
    });
    const revoked = await revokeKeysOfMember(tx, ctx, { userId, email: member.email }, null);
    await emitEvent(tx, {
      orgId: ctx.orgId,
      type: 'access.membership_changed',
      payload: { userId, role: null },
    });
    return revoked;
  });
  for (const hash of revokedKeys) app.caches.apiKeys.delete(hash);
  app.caches.memberships.delete(membershipCacheKey(ctx.orgId, userId));
}

export async function revokeInvitation(db: Db, ctx: OrgContext, invitationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const inv = await repo.revokeInvitation(tx, ctx.orgId, invitationId);
    if (!inv) throw notFound('Invitation');
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'invitation.revoked',
      resourceType: 'invitation',
      resourceId: inv.id,
      details: { email: inv.email },
    });
  });
}

export async function previewInvitation(db: Db, token: string) {
  const row = await repo.findInvitationByTokenHash(db, hashToken(token));
  if (!row || !isOpen(row.invitation)) throw notFound('Invitation');
  const o = row.organization;
  return {
    email: row.invitation.email,
    role: row.invitation.role,
    organization: { id: o.id, name: o.name, slug: o.slug },
  };
}

export function isOpen(inv: repo.InvitationRow): boolean {
  return !inv.acceptedAt && !inv.revokedAt && inv.expiresAt.getTime() > Date.now();
}

/** Invitations addressed to the caller's email, in any organization. */
export async function listPendingInvitations(db: Db, userId: string): Promise<PendingInvitationList> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound('User');
  const rows = await repo.listOpenInvitationsForEmail(db, user.email);
  return {
    items: rows.map((r) => ({
      id: r.invitation.id,
      organization: { id: r.organization.id, name: r.organization.name, slug: r.organization.slug },
      role: r.invitation.role,
      invitedBy: r.invitedByEmail,
      createdAt: r.invitation.createdAt.toISOString(),
      expiresAt: r.invitation.expiresAt.toISOString(),
    })),
  };
}

/**
 * The invitee answers an invitation addressed to their own email (anyone else's id is 404).
 * Accepting makes them a member with the invited role; declining closes the invitation. Both are
 * recorded in the organization's audit log.
 */
async function answerInvitation(
  db: Db,
  meta: RequestMeta,
  userId: string,
  invitationId: string,
  accept: boolean,
): Promise<AcceptInvitationResponse | null> {
  return db.transaction(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw notFound('Invitation');
    const found = await repo.findInvitationForInvitee(tx, invitationId, user.email);
    if (!found || !isOpen(found.invitation)) throw notFound('Invitation');
    const inv = found.invitation;
    const audit = { orgId: inv.orgId, resourceType: 'invitation', resourceId: inv.id };
    if (!accept) {
      await repo.revokeInvitation(tx, inv.orgId, inv.id);
      await recordAudit(tx, meta, {
        ...audit,
        action: 'invitation.declined',
        details: { email: user.email },
      });
      return null;
    }
    if (await repo.findMember(tx, inv.orgId, user.id)) {
      throw conflict('You are already a member of this organization');
    }
    await repo.insertMembership(tx, inv.orgId, user.id, inv.role);
    await repo.markInvitationAccepted(tx, inv.id);
    await recordAudit(tx, meta, {
      ...audit,
      action: 'invitation.accepted',
      details: { email: user.email, role: inv.role },
    });
    const o = found.organization;
    return { organization: { id: o.id, name: o.name, slug: o.slug }, role: inv.role };
  });
}

export async function acceptInvitation(
  db: Db,
  meta: RequestMeta,
  userId: string,
  invitationId: string,
): Promise<AcceptInvitationResponse> {
  return (await answerInvitation(db, meta, userId, invitationId, true))!;
}

export async function declineInvitation(
  db: Db,
  meta: RequestMeta,
  userId: string,
  invitationId: string,
): Promise<void> {
  await answerInvitation(db, meta, userId, invitationId, false);
}

/**
 * Sign-up with an invitation token: the new user joins the invitation's organization in the
 * sign-up's transaction, or the sign-up fails naming the field at fault.
 */
export async function joinByInvitationTx(
  tx: Executor,
  actorMeta: RequestMeta,
  user: { id: string; email: string },
  token: string,
): Promise<Organization> {
  const found = await repo.findInvitationByTokenHash(tx, hashToken(token), true);
  if (!found || !isOpen(found.invitation)) {
    throw validationFailed([
      { path: 'invitationToken', message: 'Invitation is invalid, expired or already used' },
    ]);
  }
  if (found.invitation.email !== user.email) {
    throw validationFailed([
      { path: 'email', message: 'This invitation was sent to a different email address' },
    ]);
  }
  const inv = found.invitation;
  await repo.insertMembership(tx, inv.orgId, user.id, inv.role);
  await repo.markInvitationAccepted(tx, inv.id);
  await recordAudit(tx, actorMeta, {
    orgId: inv.orgId,
    action: 'user.signup',
    resourceType: 'user',
    resourceId: user.id,
    details: { email: user.email },
  });
  await recordAudit(tx, actorMeta, {
    orgId: inv.orgId,
    action: 'invitation.accepted',
    resourceType: 'invitation',
    resourceId: inv.id,
    details: { email: user.email, role: inv.role },
  });
  return toOrganization(found.organization);
}

/** One member of an organization, for other modules. */
export function findMember(db: Executor, orgId: string, userId: string) {
  return repo.findMember(db, orgId, userId);
}

/** An organization's id, name and slug, for other modules (undefined when it does not exist). */
export async function findOrganizationSummary(db: Executor, orgId: string) {
  const org = await repo.findOrganization(db, orgId);
  return org ? { id: org.id, name: org.name, slug: org.slug } : undefined;
}

/** Every organization's id, for jobs that visit each one with queries scoped to it. */
export async function listOrganizationIds(db: Executor): Promise<string[]> {
  return repo.listOrganizationIds(db);
}
