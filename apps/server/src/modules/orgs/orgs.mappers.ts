import type { Invitation, Member, Organization, User } from '@promptops/contracts';
import type { UserRow } from '../auth/auth.repository.js';
import type { InvitationRow, OrganizationRow } from './orgs.repository.js';

export const toUser = (u: UserRow): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  emailVerified: u.emailVerifiedAt !== null,
  createdAt: u.createdAt.toISOString(),
});

export const toOrganization = (o: OrganizationRow): Organization => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  createdAt: o.createdAt.toISOString(),
});

export const toMember = (m: {
  userId: string;
  email: string;
  name: string;
  role: Member['role'];
  joinedAt: Date;
}): Member => ({
  ...m,
  joinedAt: m.joinedAt.toISOString(),
});

export const toInvitation = (i: InvitationRow): Invitation => ({
  id: i.id,
  email: i.email,
  role: i.role,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});
