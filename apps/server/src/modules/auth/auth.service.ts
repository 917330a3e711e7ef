import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type {
  ApiKeyMeResponse,
  LoginResponse,
  MeResponse,
  SignupRequest,
  SignupResponse,
  TokenPair,
  Role,
  SecurityEventList,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { Executor } from '../../platform/db/database.js';
import type { RequestMeta } from '../../platform/context.js';
import { signAccessToken } from '../../platform/access-token.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import {
  AppError,
  conflict,
  notFound,
  tooManyRequests,
  unauthorized,
  validationFailed,
} from '../../platform/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { createOrganizationTx, findOrganizationSummary, joinByInvitationTx } from '../orgs/orgs.service.js';
import { toUser } from '../orgs/orgs.mappers.js';
import { sendVerificationEmail } from './account-recovery.service.js';
import * as repo from './auth.repository.js';

/** "15 minutes", "1 minute", "40 seconds": a wait people read at a glance. */
export function describeWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? '1 second' : `${whole} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

// A real argon2id hash of a random string: verifying against it when the account doesn't exist
// makes a login for an unknown email take as long as one with a wrong password.
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hash(randomUUID()));

export function checkPasswordPolicy(password: string, email: string): void {
  const lower = password.toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (lower === email || lower === local) {
    throw validationFailed([{ path: 'password', message: 'Password must not be your email address' }]);
  }
  if (new Set(password).size < 4) {
    throw validationFailed([{ path: 'password', message: 'Password is too repetitive' }]);
  }
}

async function issueTokens(
  app: AppContext,
  tx: Executor,
  user: { id: string; email: string },
  familyId: string,
) {
  const refreshToken = randomToken('rt_');
  await repo.insertRefreshToken(tx, {
    userId: user.id,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: new Date(Date.now() + app.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  const accessToken = await signAccessToken(
    app.jwtKey,
    { userId: user.id, email: user.email },
    app.config.ACCESS_TOKEN_TTL_SECONDS,
  );
  return { accessToken, refreshToken };
}

export async function signup(
  app: AppContext,
  meta: RequestMeta,
  input: SignupRequest,
): Promise<SignupResponse> {
  // Accounts are free to create: without a limit one client can make thousands (and an org each).
  const byIp = await app.rateLimiter.hit(
    `signup:ip:${meta.ip ?? 'unknown'}`,
    app.config.SIGNUP_MAX_PER_IP,
    app.config.SIGNUP_WINDOW_SECONDS,
  );
  if (!byIp.allowed)
    throw tooManyRequests('Too many sign-ups from this address; try again later', byIp.retryAfterSeconds);
  checkPasswordPolicy(input.password, input.email);
  const passwordHash = await hash(input.password);
  const result = await app.db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, input.email)) {
      throw conflict('An account with this email already exists', [
        { path: 'email', message: 'Already registered' },
      ]);
    }
    const user = await repo.insertUser(tx, { email: input.email, name: input.name, passwordHash });
    const actorMeta: RequestMeta = { ...meta, actor: { type: 'user', id: user.id, email: user.email } };
    let organization;
    if (input.invitationToken) {
      organization = await joinByInvitationTx(tx, actorMeta, user, input.invitationToken);
    } else {
      if (!input.organizationName) {
        throw validationFailed([{ path: 'organizationName', message: 'Organization name is required' }]);
      }
      organization = await createOrganizationTx(tx, actorMeta, user.id, input.organizationName);
      await recordAudit(tx, actorMeta, {
        orgId: organization.id,
        action: 'user.signup',
        resourceType: 'user',
        resourceId: user.id,
        details: { email: user.email },
      });
    }
    const tokens = await issueTokens(app, tx, user, randomUUID());
    return { user: toUser(user), organization, ...tokens };
  });
  // After the commit and without waiting: a slow or failing mail server must neither delay nor undo
  // the sign-up (the mailer logs the failure; the banner offers a resend).
  void sendVerificationEmail(app, result.user.id).catch(() => undefined);
  return result;
}

/**
 * Records an auth event in the user's own security log: never in the organizations they belong
 * to (an org admin must not be able to watch a member's sign-ins, IPs and devices). Events for
 * unknown accounts go to the org-less audit chain.
 */
export async function recordAuthEvent(
  tx: Executor,
  meta: RequestMeta,
  userId: string | null,
  action: string,
  details: Record<string, unknown>,
) {
  if (!userId) {
    await recordAudit(tx, meta, { orgId: null, action, resourceType: 'user', resourceId: null, details });
    return;
  }
  await repo.insertSecurityEvent(tx, {
    userId,
    at: new Date(),
    action,
    ip: meta.ip,
    userAgent: meta.userAgent ? meta.userAgent.slice(0, 512) : null,
    details,
  });
}

/** The caller's own security log, newest first, with a cursor. */
export async function listSecurityEvents(
  app: AppContext,
  userId: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<SecurityEventList> {
  let before: { at: Date; id: string } | undefined;
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    const date = new Date(at ?? '');
    if (!id || Number.isNaN(date.getTime()))
      throw validationFailed([{ path: 'query.cursor', message: 'Invalid cursor' }]);
    before = { at: date, id };
  }
  const rows = await repo.listSecurityEvents(app.db, userId, before, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      ip: r.ip,
      userAgent: r.userAgent,
      details: r.details,
    })),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(`${last.at.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

export async function login(
  app: AppContext,
  meta: RequestMeta,
  input: { email: string; password: string },
): Promise<LoginResponse> {
  const { config, rateLimiter } = app;
  const window = config.LOGIN_WINDOW_SECONDS;
  const byIp = await rateLimiter.hit(
    `login:ip:${meta.ip ?? 'unknown'}`,
    config.LOGIN_MAX_ATTEMPTS_PER_IP,
    window,
  );
  // Per account *and* client address: wrong passwords from one address cannot lock the account
  // for everyone else (the per-address limit above still bounds guessing across accounts).
  const accountKey = `login:acct:${input.email}:${meta.ip ?? 'unknown'}`;
  const byAccount = await rateLimiter.hit(accountKey, config.LOGIN_MAX_ATTEMPTS_PER_ACCOUNT, window);
  if (!byIp.allowed || !byAccount.allowed) {
    const retry = Math.max(
      byIp.allowed ? 0 : byIp.retryAfterSeconds,
      byAccount.allowed ? 0 : byAccount.retryAfterSeconds,
    );
    throw tooManyRequests(`Too many login attempts; try again in ${describeWait(retry)}.`, retry);
  }

  const user = await repo.findUserByEmail(app.db, input.email);
  const ok = await verify(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !ok) {
    const failedMeta: RequestMeta = { ...meta, actor: { type: 'anonymous', email: input.email } };
    await app.db.transaction((tx) =>
      recordAuthEvent(tx, failedMeta, user?.id ?? null, 'auth.login_failed', {
        email: input.email,
        reason: user ? 'wrong_password' : 'unknown_account',
      }),
    );
    throw unauthorized('Email or password is incorrect');
  }
  await rateLimiter.reset(accountKey);
  const userMeta: RequestMeta = { ...meta, actor: { type: 'user', id: user.id, email: user.email } };
  return app.db.transaction(async (tx) => {
    await recordAuthEvent(tx, userMeta, user.id, 'auth.login', { email: user.email });
    const tokens = await issueTokens(app, tx, user, randomUUID());
    return { user: toUser(user), ...tokens };
  });
}

class RefreshReuseDetected extends AppError {
  constructor() {
    super(401, 'Unauthorized', 'Refresh token was already used; all sessions of this login were revoked');
  }
}

/**
 * How long after a refresh token was rotated the same client may still present it once more and
 * get a fresh token of the same family: two tabs (or two processes sharing a token) that refresh
 * at the same moment. A token replayed later, or from another address or user agent, is reuse.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 5;

/** Who presented a token: address and user agent, hashed (only compared, never shown). */
function clientFingerprint(meta: RequestMeta): string {
  return hashToken(`${meta.ip ?? ''}\n${meta.userAgent ?? ''}`);
}

/**
 * SECURITY-CRITICAL: the only exception to "reuse revokes the family". It holds for the client
 * that rotated the token, and only for REFRESH_REUSE_GRACE_SECONDS after it did.
 */
function isConcurrentRefresh(row: repo.RefreshTokenRow, client: string, now: number): boolean {
  if (!row.usedAt || row.usedByClient !== client) return false;
  return now - row.usedAt.getTime() <= REFRESH_REUSE_GRACE_SECONDS * 1000;
}

/**
 * Single-use rotation. Presenting a token that was already rotated means it was copied: the
 * whole family is revoked (legitimate holder and thief alike must log in again), except for a
 * concurrent refresh by the same client within the grace above.
 */
export async function refresh(app: AppContext, meta: RequestMeta, refreshToken: string): Promise<TokenPair> {
  const outcome = await app.db.transaction(async (tx) => {
    const row = await repo.findRefreshTokenForUpdate(tx, hashToken(refreshToken));
    if (!row || row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
    if (row.revokedAt) return { kind: 'invalid' as const };
    const user = await repo.findUserById(tx, row.userId);
    if (!user) return { kind: 'invalid' as const };
    const client = clientFingerprint(meta);
    if (row.usedAt && isConcurrentRefresh(row, client, Date.now())) {
      // The first refresh's successor stays valid too: whichever answer the browser stores last wins.
      return { kind: 'ok' as const, tokens: await issueTokens(app, tx, user, row.familyId) };
    }
    if (row.usedAt) {
      const revoked = await repo.revokeRefreshFamily(tx, row.familyId);
      await recordAuthEvent(
        tx,
        { ...meta, actor: { type: 'anonymous', email: user.email } },
        user.id,
        'auth.refresh_reuse_detected',
        {
          email: user.email,
          familyId: row.familyId,
          revokedTokens: revoked,
        },
      );
      return { kind: 'reused' as const };
    }
    await repo.markRefreshTokenUsed(tx, row.id, client);
    return { kind: 'ok' as const, tokens: await issueTokens(app, tx, user, row.familyId) };
  });
  if (outcome.kind === 'reused') throw new RefreshReuseDetected();
  if (outcome.kind === 'invalid') throw unauthorized('Refresh token is invalid or expired');
  return outcome.tokens;
}

export async function logout(app: AppContext, meta: RequestMeta, refreshToken: string): Promise<void> {
  await app.db.transaction(async (tx) => {
    const row = await repo.findRefreshTokenForUpdate(tx, hashToken(refreshToken));
    if (!row || row.revokedAt) return;
    await repo.revokeRefreshFamily(tx, row.familyId);
    const user = await repo.findUserById(tx, row.userId);
    if (user) {
      await recordAuthEvent(
        tx,
        { ...meta, actor: { type: 'user', id: user.id, email: user.email } },
        user.id,
        'auth.logout',
        {
          email: user.email,
        },
      );
    }
  });
}

export async function me(app: AppContext, userId: string): Promise<MeResponse> {
  const user = await repo.findUserById(app.db, userId);
  if (!user) throw notFound('User');
  const memberships = await repo.listMembershipsOfUser(app.db, userId);
  return { user: toUser(user), memberships, emailVerificationAvailable: app.mailer.configured };
}

/** `GET /me` with an API key: the key and its organization, so tools learn their org from the key alone. */
export async function apiKeyMe(
  app: AppContext,
  key: { keyId: string; name: string; orgId: string; role: Role },
): Promise<ApiKeyMeResponse> {
  const organization = await findOrganizationSummary(app.db, key.orgId);
  if (!organization) throw notFound('Organization');
  return { apiKey: { id: key.keyId, name: key.name, role: key.role }, organization };
}

/** A user by email, for other modules (the repository stays private to this module). */
export function findUserByEmail(db: Executor, email: string) {
  return repo.findUserByEmail(db, email);
}

export function findUserById(db: Executor, id: string) {
  return repo.findUserById(db, id);
}
