import type { Permission } from '@promptops/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission } from '@promptops/contracts';
import type { AppContext } from '../app-context.js';
import type { OrgContext, RequestMeta } from '../context.js';
import { verifyAccessToken } from '../access-token.js';
import { hashToken } from '../crypto.js';
import { forbidden, notFound, unauthorized } from '../errors.js';
import type { EventListener } from '../events/event-bus.js';
import * as accessRepo from './access.repository.js';

/**
 * What a route requires. Every /api/v1 route must declare one (the server refuses to start
 * otherwise), so no route can be exposed by forgetting a check.
 */
export type Access =
  | { public: true }
  /** A signed-in user; `orApiKey`: an API key is let in too (the route answers for either). */
  | { user: true; orApiKey?: true }
  /**
   * `orSelf`: a member acting on their own user id (that path parameter) needs no permission.
   * `usersOnly`: API keys are refused even with the permission (actions a person must take).
   */
  | { permission: Permission; orSelf?: string; usersOnly?: true }
  /**
   * Organization API keys only, acting in the key's own organization (no orgId in the path: the
   * OpenAI-compatible endpoint, where the key is all an OpenAI SDK sends).
   */
  | { keyPermission: Permission };

export type Principal =
  | { kind: 'user'; userId: string; email: string }
  | { kind: 'api_key'; keyId: string; name: string; orgId: string; role: OrgContext['role'] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal?: Principal;
    orgContext?: OrgContext;
  }
}

const API_KEY_TOUCH_INTERVAL_MS = 60_000;

async function resolvePrincipal(app: AppContext, header: string | undefined): Promise<Principal | undefined> {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized('Authorization header must be "Bearer <token>"');
  const token = match[1]!;
  if (token.startsWith('po_')) {
    const hash = hashToken(token);
    let key = app.caches.apiKeys.get(hash);
    if (key === undefined) {
      const row = await accessRepo.findActiveApiKeyByHash(app.db, hash);
      key = row
        ? { id: row.id, name: row.name, orgId: row.orgId, role: row.role, lastUsedAt: row.lastUsedAt }
        : null;
      app.caches.apiKeys.set(hash, key);
    }
    if (!key) throw unauthorized('API key is invalid or revoked');
    const now = new Date();
    // last-used is informational; writing it at most once a minute keeps hot keys off the write path.
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > API_KEY_TOUCH_INTERVAL_MS) {
      key.lastUsedAt = now;
      await accessRepo.touchApiKey(app.db, key.id, now);
    }
    return { kind: 'api_key', keyId: key.id, name: key.name, orgId: key.orgId, role: key.role };
  }
  const claims = await verifiedAccessToken(app, token);
  if (!claims) throw unauthorized('Access token is invalid or expired');
  return { kind: 'user', userId: claims.userId, email: claims.email };
}

/**
 * SECURITY-CRITICAL. Checking a token's HMAC is the largest cost of a cached request; a token
 * that verified is remembered (only valid ones are, and never past its own expiry). Access tokens
 * are stateless: nothing revokes one before it expires, so remembering the check changes nothing.
 */
async function verifiedAccessToken(app: AppContext, token: string) {
  const cached = app.caches.accessTokens.get(token);
  if (cached && cached.expiresAt > Date.now()) return cached;
  const claims = await verifyAccessToken(app.jwtKey, token);
  if (claims) app.caches.accessTokens.set(token, claims);
  return claims;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const p = request.principal;
  return {
    actor: !p
      ? { type: 'anonymous' }
      : p.kind === 'user'
        ? { type: 'user', id: p.userId, email: p.email }
        : { type: 'api_key', id: p.keyId, name: p.name },
    ip: request.ip ?? null,
    userAgent: (request.headers['user-agent'] as string | undefined) ?? null,
  };
}

/** onRequest: authenticate (401 before anything else is looked at). */
export function authenticate(app: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const principal = await resolvePrincipal(app, request.headers.authorization);
    if (!principal) throw unauthorized();
    request.principal = principal;
  };
}

/** Cache key of a member's role; the orgs service drops it when it changes the membership. */
export const membershipCacheKey = (orgId: string, userId: string) => `${orgId}:${userId}`;

// Only members are cached: someone who joins needs no invalidation to be let in.
async function memberRole(app: AppContext, orgId: string, userId: string) {
  const key = membershipCacheKey(orgId, userId);
  const cached = app.caches.memberships.get(key);
  if (cached) return cached;
  const role = await accessRepo.findMembershipRole(app.db, orgId, userId);
  if (role) app.caches.memberships.set(key, role);
  return role;
}

/**
 * Event-bus listener of every API process: a key revoked or a membership changed on another
 * process stops working here as soon as its event arrives. SECURITY-CRITICAL.
 */
export function dropRevokedAccess(app: AppContext): EventListener {
  return (event) => {
    if (event.type === 'access.api_key_revoked') {
      const { keyId } = event.payload;
      app.caches.apiKeys.deleteWhere((key) => key?.id === keyId);
    } else if (event.type === 'access.membership_changed') {
      app.caches.memberships.delete(membershipCacheKey(event.orgId, event.payload.userId));
    }
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * preValidation: authorise before the body is even looked at, so a caller without access
 * learns nothing from validation errors. SECURITY-CRITICAL. A caller outside the
 * organization gets 404 (its existence is not revealed); a member whose role lacks the
 * permission gets 403.
 */
export function authorize(app: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    const principal = request.principal!;
    if ('user' in access) {
      if (principal.kind !== 'user' && !access.orApiKey)
        throw forbidden('This endpoint needs a user session, not an API key');
      return;
    }
    if ('keyPermission' in access) {
      if (principal.kind !== 'api_key')
        throw unauthorized('This endpoint takes an organization API key (po_…), not a user session');
      if (!hasPermission(principal.role, access.keyPermission)) throw forbidden();
      request.orgContext = { ...requestMeta(request), orgId: principal.orgId, role: principal.role };
      return;
    }
    const orgId = (request.params as { orgId?: string }).orgId;
    if (orgId === undefined)
      throw new Error(`Route ${request.routeOptions.url} declares a permission but has no orgId`);
    if (!UUID.test(orgId)) throw notFound('Organization');
    let role: OrgContext['role'] | undefined;
    if (principal.kind === 'api_key') role = principal.orgId === orgId ? principal.role : undefined;
    else role = await memberRole(app, orgId, principal.userId);
    if (!role) throw notFound('Organization');
    const self =
      access.orSelf !== undefined &&
      principal.kind === 'user' &&
      (request.params as Record<string, string | undefined>)[access.orSelf] === principal.userId;
    if (!self && !hasPermission(role, access.permission)) throw forbidden();
    if (access.usersOnly && principal.kind !== 'user')
      throw forbidden('This endpoint needs a user session, not an API key');
    request.orgContext = { ...requestMeta(request), orgId, role };
  };
}

export function orgContext(request: FastifyRequest): OrgContext {
  if (!request.orgContext) throw new Error('orgContext used on a route without a permission');
  return request.orgContext;
}

export function userId(request: FastifyRequest): string {
  const p = request.principal;
  if (!p || p.kind !== 'user') throw new Error('userId used on a route without user access');
  return p.userId;
}
