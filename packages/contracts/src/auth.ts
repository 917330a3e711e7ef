import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Role } from './permissions.js';

export const PASSWORD_MIN_LENGTH = 12;

export const Email = z
  .email()
  .max(254)
  .transform((s) => s.trim().toLowerCase());

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    emailVerified: z
      .boolean()
      .describe(
        'Whether the user confirmed their address through an emailed link (only sent when SMTP is set up)',
      ),
    createdAt: Timestamp,
  })
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

/**
 * Browser sessions keep the refresh token in an httpOnly cookie that page scripts cannot read.
 * A client opts in per request with this header (value `cookie`) on signup, login, refresh and
 * logout; without it, the refresh token travels in JSON bodies exactly as for SDKs and the CLI.
 */
export const SESSION_TRANSPORT_HEADER = 'x-promptops-session';
/** The cookie holding a browser session's refresh token (path-scoped to /api/v1/auth). */
export const REFRESH_TOKEN_COOKIE = 'promptops_refresh';

/** Request headers of the auth routes; other headers pass through untouched. */
export const SessionTransportHeaders = z.looseObject({
  [SESSION_TRANSPORT_HEADER]: z
    .literal('cookie')
    .optional()
    .describe(
      "Browser sessions: keep the refresh token in an httpOnly cookie (set, read and cleared by the server) instead of JSON bodies. Only accepted from the server's own origin.",
    ),
});

const RefreshTokenOut = z
  .string()
  .optional()
  .describe('Always present, except when the X-PromptOps-Session: cookie header asked for it in a cookie');

export const SignupResponse = z.object({
  user: User,
  organization: Organization,
  accessToken: z.string(),
  refreshToken: RefreshTokenOut,
});
export type SignupResponse = z.infer<typeof SignupResponse>;

export const LoginRequest = z.object({ email: Email, password: z.string().min(1).max(256) });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ user: User, accessToken: z.string(), refreshToken: RefreshTokenOut });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const RefreshRequest = z.object({
  refreshToken: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Required, except with the X-PromptOps-Session: cookie header (the cookie carries it)'),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const TokenPair = z.object({ accessToken: z.string(), refreshToken: RefreshTokenOut });
export type TokenPair = z.infer<typeof TokenPair>;

export const Membership = z.object({
  organization: z.object({ id: Id, name: z.string(), slug: z.string() }),
  role: Role,
});
export type Membership = z.infer<typeof Membership>;

export const MeResponse = z.object({
  user: User,
  memberships: z.array(Membership),
  emailVerificationAvailable: z
    .boolean()
    .describe('The server can send email (SMTP is configured), so unverified users are asked to verify'),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** `GET /me` with an API key: the key itself and its organization (a key belongs to one). */
export const ApiKeyMeResponse = z.object({
  apiKey: z.object({ id: Id, name: z.string(), role: Role }),
  organization: z.object({ id: Id, name: z.string(), slug: z.string() }),
});
export type ApiKeyMeResponse = z.infer<typeof ApiKeyMeResponse>;

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

const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password must have at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256);

export const PasswordResetRequest = z.object({ email: Email });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const PasswordResetAccepted = z.object({
  emailSent: z
    .literal(true)
    .describe('Sent when the account exists; the answer is the same when it does not'),
});

export const PasswordResetConfirm = z.object({
  token: z.string().min(1).max(200),
  password: NewPassword,
});
export type PasswordResetConfirm = z.infer<typeof PasswordResetConfirm>;

export const VerifyEmailRequest = z.object({ token: z.string().min(1).max(200) });
export type VerifyEmailRequest = z.infer<typeof VerifyEmailRequest>;

export const PasswordResetLink = z.object({
  resetUrl: z.string().describe('One-time link; shown once, valid until expiresAt'),
  expiresAt: Timestamp,
});
export type PasswordResetLink = z.infer<typeof PasswordResetLink>;
