import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Role } from './permissions.js';

export const PASSWORD_MIN_LENGTH = 12;

export const Email = z
  .email()
  .max(254)
  .transform((s) => s.trim().toLowerCase());

export const User = z
  .object({ id: Id, email: z.string(), name: z.string(), createdAt: Timestamp })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const Organization = z
  .object({ id: Id, name: z.string(), slug: z.string(), createdAt: Timestamp })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const SignupRequest = z
  .object({
    email: Email,
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Password must have at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(256),
    name: z.string().trim().min(1).max(120),
    organizationName: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .describe('Required unless an invitation token is given'),
    invitationToken: z.string().max(200).optional().describe('Accept a pending invitation while signing up'),
  })
  .superRefine((v, ctx) => {
    if (!v.invitationToken && !v.organizationName) {
      ctx.addIssue({ code: 'custom', path: ['organizationName'], message: 'Organization name is required' });
    }
  });
export type SignupRequest = z.infer<typeof SignupRequest>;

export const SignupResponse = z.object({
  user: User,
  organization: Organization,
  accessToken: z.string(),
  refreshToken: z.string(),
});
export type SignupResponse = z.infer<typeof SignupResponse>;

export const LoginRequest = z.object({ email: Email, password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ user: User, accessToken: z.string(), refreshToken: z.string() });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const TokenPair = z.object({ accessToken: z.string(), refreshToken: z.string() });
export type TokenPair = z.infer<typeof TokenPair>;

export const Membership = z.object({
  organization: z.object({ id: Id, name: z.string(), slug: z.string() }),
  role: Role,
});
export type Membership = z.infer<typeof Membership>;

export const MeResponse = z.object({ user: User, memberships: z.array(Membership) });
export type MeResponse = z.infer<typeof MeResponse>;

export const InvitationPreview = z.object({
  email: z.string(),
  role: Role,
  organization: z.object({ id: Id, name: z.string(), slug: z.string() }),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/** One entry of a user's own security log (sign-ins, failed sign-ins, session events). */
export const SecurityEvent = z
  .object({
    id: Id,
    at: Timestamp,
    action: z.string().describe('auth.login, auth.login_failed, auth.logout, auth.refresh_reuse_detected'),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SecurityEvent' });
export type SecurityEvent = z.infer<typeof SecurityEvent>;
export const SecurityEventList = z.object({
  items: z.array(SecurityEvent),
  nextCursor: z.string().nullable(),
});
export type SecurityEventList = z.infer<typeof SecurityEventList>;
export const SecurityEventQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
