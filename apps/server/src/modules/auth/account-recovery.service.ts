import { hash } from '@node-rs/argon2';
import type { PasswordResetLink } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Executor } from '../../platform/db/database.js';
import type { OrgContext, RequestMeta } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { AppError, conflict, forbidden, notFound, tooManyRequests } from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { findMember } from '../orgs/orgs.service.js';
import * as repo from './auth.repository.js';
import { checkPasswordPolicy, recordAuthEvent } from './auth.service.js';

/** Reset links are short-lived: whoever reads the mailbox or the admin's screen later gets nothing. */
export const PASSWORD_RESET_TTL_MINUTES = 60;
export const EMAIL_VERIFICATION_TTL_HOURS = 48;
const RESET_REQUESTS_PER_HOUR = 5;
const VERIFICATION_RESENDS_PER_HOUR = 5;

const emailUnavailable = () =>
  new AppError(
    503,
    'Service Unavailable',
    'This server cannot send email. Ask an admin of your organization for a password reset link.',
  );

function appUrl(app: AppContext, path: string, token: string): string {
  const base = app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;
  // The token rides in the fragment, so it never reaches a server log or a Referer header.
  return `${base}${path}#token=${encodeURIComponent(token)}`;
}

async function createToken(
  tx: Executor,
  userId: string,
  purpose: repo.UserTokenPurpose,
  ttlMs: number,
  issuedBy: string | null = null,
) {
  const token = randomToken(purpose === 'password_reset' ? 'pr_' : 'ev_');
  const row = await repo.insertUserToken(tx, {
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlMs),
    issuedBy,
  });
  return { token, expiresAt: row.expiresAt };
}

/**
 * Emails a reset link when the account exists. The answer never says whether it does; requests
 * are limited per address and per client so the endpoint cannot flood a mailbox.
 */
export async function requestPasswordReset(app: AppContext, meta: RequestMeta, email: string): Promise<void> {
  if (!app.mailer.configured) throw emailUnavailable();
  const byEmail = await app.rateLimiter.hit(`reset:acct:${email}`, RESET_REQUESTS_PER_HOUR, 3600);
  const byIp = await app.rateLimiter.hit(
    `reset:ip:${meta.ip ?? 'unknown'}`,
    RESET_REQUESTS_PER_HOUR * 4,
    3600,
  );
  if (!byEmail.allowed || !byIp.allowed) {
    const retry = Math.max(byEmail.retryAfterSeconds, byIp.retryAfterSeconds);
    throw tooManyRequests('Too many password reset requests', retry);
  }
  const user = await repo.findUserByEmail(app.db, email);
  if (!user) return;
  const { token } = await app.db.transaction(async (tx) => {
    const created = await createToken(tx, user.id, 'password_reset', PASSWORD_RESET_TTL_MINUTES * 60_000);
    await recordAuthEvent(
      tx,
      { ...meta, actor: { type: 'anonymous', email } },
      user.id,
      'auth.password_reset_requested',
      { email, via: 'email' },
    );
    return created;
  });
  // Sent after the commit: no transaction is held across the SMTP conversation. A failure is
  // logged by the mailer but not reported, or the answer would tell which accounts exist.
  await app.mailer
    .send({
      to: user.email,
      subject: 'Reset your PromptOps password',
      text: [
        `Hello ${user.name},`,
        '',
        'Someone asked to reset the password of your PromptOps account. Open this link to choose a new one:',
        '',
        appUrl(app, '/reset-password', token),
        '',
        `The link works once and expires in ${PASSWORD_RESET_TTL_MINUTES} minutes. If you did not ask for it, ignore this email.`,
      ].join('\n'),
    })
    .catch(() => undefined);
}

/**
 * Sets a new password from a one-time link and ends every session of the account. A link sent
 * by email also proves the address, so it verifies it.
 */
export async function confirmPasswordReset(
  app: AppContext,
  meta: RequestMeta,
  token: string,
  password: string,
): Promise<void> {
  const invalid = () =>
    new AppError(400, 'Validation Failed', 'This reset link is invalid, expired or already used', {
      errors: [{ path: 'token', message: 'This reset link is invalid, expired or already used' }],
    });
  // Cheap checks first, the argon2 hash outside the transaction.
  const found = await repo.findUserTokenForUpdate(app.db, hashToken(token), 'password_reset');
  if (!found || found.usedAt || found.expiresAt.getTime() <= Date.now()) throw invalid();
  const user = await repo.findUserById(app.db, found.userId);
  if (!user) throw invalid();
  checkPasswordPolicy(password, user.email);
  const passwordHash = await hash(password);
  await app.db.transaction(async (tx) => {
    const row = await repo.findUserTokenForUpdate(tx, hashToken(token), 'password_reset');
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) throw invalid();
    const now = new Date();
    await repo.consumeUserTokens(tx, row.userId, 'password_reset', now);
    await repo.updatePasswordHash(tx, row.userId, passwordHash);
    if (row.issuedBy === null) await repo.markEmailVerified(tx, row.userId, now);
    const revokedSessions = await repo.revokeAllRefreshTokens(tx, row.userId);
    await recordAuthEvent(
      tx,
      { ...meta, actor: { type: 'user', id: user.id, email: user.email } },
      user.id,
      'auth.password_reset',
      { email: user.email, via: row.issuedBy === null ? 'email' : 'admin_link', revokedSessions },
    );
  });
  await app.rateLimiter.reset(`login:acct:${user.email}`);
}

/**
 * An admin's one-time reset link for a member (for servers without email). A member who also
 * belongs to other organizations could be taken over through them, so the admin must be an
 * admin of every organization the member belongs to.
 */
export async function issuePasswordResetLink(
  app: AppContext,
  ctx: OrgContext,
  memberId: string,
): Promise<PasswordResetLink> {
  if (ctx.actor.type !== 'user') throw forbidden('Only a signed-in admin can issue a reset link');
  const adminId = ctx.actor.id;
  return app.db.transaction(async (tx) => {
    const member = await findMember(tx, ctx.orgId, memberId);
    if (!member) throw notFound('Member');
    if (memberId === adminId) throw conflict('Change your own password by resetting it from the login page');
    const theirOrgs = await repo.listMembershipsOfUser(tx, memberId);
    const adminOf = new Set(
      (await repo.listMembershipsOfUser(tx, adminId))
        .filter((m) => m.role === 'admin')
        .map((m) => m.organization.id),
    );
    for (const { organization } of theirOrgs) {
      if (!adminOf.has(organization.id)) {
        throw forbidden(
          'This member also belongs to an organization you do not administer; they can reset their password by email',
        );
      }
    }
    const { token, expiresAt } = await createToken(
      tx,
      memberId,
      'password_reset',
      PASSWORD_RESET_TTL_MINUTES * 60_000,
      adminId,
    );
    await recordAudit(tx, ctx, {
      orgId: ctx.orgId,
      action: 'member.password_reset_link_issued',
      resourceType: 'user',
      resourceId: memberId,
      details: { email: member.email, expiresAt: expiresAt.toISOString() },
    });
    return { resetUrl: appUrl(app, '/reset-password', token), expiresAt: expiresAt.toISOString() };
  });
}

/** Sends (or re-sends) the verification link; does nothing when the server cannot send email. */
export async function sendVerificationEmail(app: AppContext, userId: string): Promise<void> {
  if (!app.mailer.configured) return;
  const user = await repo.findUserById(app.db, userId);
  if (!user || user.emailVerifiedAt) return;
  const { token } = await app.db.transaction((tx) =>
    createToken(tx, user.id, 'email_verification', EMAIL_VERIFICATION_TTL_HOURS * 3_600_000),
  );
  await app.mailer.send({
    to: user.email,
    subject: 'Confirm your email address for PromptOps',
    text: [
      `Hello ${user.name},`,
      '',
      'Open this link to confirm that this address is yours:',
      '',
      appUrl(app, '/verify-email', token),
      '',
      `The link expires in ${EMAIL_VERIFICATION_TTL_HOURS} hours.`,
    ].join('\n'),
  });
}

export async function resendVerificationEmail(app: AppContext, userId: string): Promise<void> {
  if (!app.mailer.configured) throw new AppError(503, 'Service Unavailable', 'This server cannot send email');
  const user = await repo.findUserById(app.db, userId);
  if (!user) throw notFound('User');
  if (user.emailVerifiedAt) throw conflict('Your email address is already verified');
  const limit = await app.rateLimiter.hit(`verify:acct:${userId}`, VERIFICATION_RESENDS_PER_HOUR, 3600);
  if (!limit.allowed) throw tooManyRequests('Too many verification emails', limit.retryAfterSeconds);
  try {
    await sendVerificationEmail(app, userId);
  } catch {
    throw new AppError(502, 'Bad Gateway', 'The email could not be sent; try again in a few minutes');
  }
}

export async function verifyEmail(app: AppContext, meta: RequestMeta, token: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    const row = await repo.findUserTokenForUpdate(tx, hashToken(token), 'email_verification');
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) {
      throw new AppError(
        400,
        'Validation Failed',
        'This verification link is invalid, expired or already used',
        {
          errors: [{ path: 'token', message: 'This verification link is invalid, expired or already used' }],
        },
      );
    }
    const user = await repo.findUserById(tx, row.userId);
    if (!user) throw notFound('User');
    const now = new Date();
    await repo.consumeUserTokens(tx, row.userId, 'email_verification', now);
    await repo.markEmailVerified(tx, row.userId, now);
    await recordAuthEvent(
      tx,
      { ...meta, actor: { type: 'user', id: user.id, email: user.email } },
      user.id,
      'auth.email_verified',
      { email: user.email },
    );
  });
}
