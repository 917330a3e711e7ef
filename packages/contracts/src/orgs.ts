import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Email, Organization } from './auth.js';
import { Role } from './permissions.js';

export const CreateOrganizationRequest = z.object({ name: z.string().trim().min(1).max(120) });
export type CreateOrganizationRequest = z.infer<typeof CreateOrganizationRequest>;
export { Organization };

export const Member = z
  .object({
    userId: Id,
    email: z.string(),
    name: z.string(),
    role: Role,
    joinedAt: Timestamp,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof Member>;

export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    role: Role,
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const MemberList = z.object({ items: z.array(Member), invitations: z.array(Invitation) });
export type MemberList = z.infer<typeof MemberList>;

export const AddMemberRequest = z.object({ email: Email, role: Role });
export type AddMemberRequest = z.infer<typeof AddMemberRequest>;

/**
 * Adding someone always creates a pending invitation: nobody becomes a member without accepting
 * (a user with an account accepts it from their pending invitations; others sign up with the token).
 */
export const AddMemberResponse = z.object({
  status: z.literal('invited'),
  invitation: Invitation,
  invitationToken: z
    .string()
    .describe(
      'Shown once; someone without an account signs up with it, a user accepts from GET /me/invitations',
    ),
});
export type AddMemberResponse = z.infer<typeof AddMemberResponse>;

/** An invitation addressed to the current user's email, waiting for them to accept or decline. */
export const PendingInvitation = z
  .object({
    id: Id,
    organization: z.object({ id: Id, name: z.string(), slug: z.string() }),
    role: Role,
    invitedBy: z.string().nullable().describe('Email of the member who sent it'),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'PendingInvitation' });
export type PendingInvitation = z.infer<typeof PendingInvitation>;
export const PendingInvitationList = z.object({ items: z.array(PendingInvitation) });
export type PendingInvitationList = z.infer<typeof PendingInvitationList>;
export const PendingInvitationParams = z.object({ invitationId: Id });

export const AcceptInvitationResponse = z.object({
  organization: z.object({ id: Id, name: z.string(), slug: z.string() }),
  role: Role,
});
export type AcceptInvitationResponse = z.infer<typeof AcceptInvitationResponse>;

export const MemberParams = z.object({ orgId: Id, userId: Id });
export const UpdateMemberRequest = z.object({ role: Role });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;

export const InvitationParams = z.object({ orgId: Id, invitationId: Id });

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    role: Role,
    prefix: z.string().describe('First characters of the key, to recognise it'),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    createdBy: z.object({ id: Id, email: z.string() }).nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const ApiKeyList = z.object({ items: z.array(ApiKey) });
export const CreateApiKeyRequest = z.object({ name: z.string().trim().min(1).max(100), role: Role });
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;
export const CreateApiKeyResponse = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  key: z.string().describe('The secret; shown only in this response'),
});
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponse>;
export const ApiKeyParams = z.object({ orgId: Id, id: Id });
