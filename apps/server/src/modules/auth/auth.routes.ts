import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EmptyBody,
  InvitationPreview,
  LoginRequest,
  LoginResponse,
  ApiKeyMeResponse,
  MeResponse,
  PasswordResetAccepted,
  PasswordResetConfirm,
  PasswordResetRequest,
  RefreshRequest,
  SecurityEventList,
  SecurityEventQuery,
  SessionTransportHeaders,
  SignupRequest,
  SignupResponse,
  TokenPair,
  VerifyEmailRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { requestMeta, userId } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import { unauthorized, validationFailed } from '../../platform/errors.js';
import { previewInvitation } from '../orgs/orgs.service.js';
import * as recovery from './account-recovery.service.js';
import * as service from './auth.service.js';
import {
  assertSameOrigin,
  clearRefreshCookie,
  deliverRefreshToken,
  readRefreshCookie,
  wantsCookieSession,
} from './session-cookie.js';

export function authRoutes(app: AppContext): FastifyPluginAsyncZod {
  /**
   * The body's token (API clients) or, for a browser session, the cookie's. Browser sessions are
   * checked to come from this origin first (CSRF).
   */
  const resolveRefreshToken = (req: FastifyRequest, bodyToken: string | undefined): string => {
    if (wantsCookieSession(req)) assertSameOrigin(app, req);
    if (bodyToken !== undefined) return bodyToken;
    if (!wantsCookieSession(req)) throw refreshTokenRequired();
    const token = readRefreshCookie(req);
    if (token === undefined) throw unauthorized('No session cookie; sign in again');
    return token;
  };

  return async (r) => {
    const tags = ['auth'];
    r.post('/auth/signup', {
      config: { access: { public: true } },
      schema: {
        operationId: 'signup',
        tags,
        summary: 'Create an account and its first organization',
        headers: SessionTransportHeaders,
        body: SignupRequest,
        response: { 201: SignupResponse, ...problems(403, 409) },
      },
      handler: async (req, reply) => {
        if (wantsCookieSession(req)) assertSameOrigin(app, req);
        const created = await service.signup(app, requestMeta(req), req.body);
        return reply.status(201).send(deliverRefreshToken(app, req, reply, created));
      },
    });
    r.post('/auth/login', {
      config: { access: { public: true } },
      schema: {
        operationId: 'login',
        tags,
        summary: 'Log in with email and password',
        headers: SessionTransportHeaders,
        body: LoginRequest,
        response: { 200: LoginResponse, ...problems(403, 429) },
      },
      handler: async (req, reply) => {
        if (wantsCookieSession(req)) assertSameOrigin(app, req);
        return deliverRefreshToken(app, req, reply, await service.login(app, requestMeta(req), req.body));
      },
    });
    r.post('/auth/refresh', {
      config: { access: { public: true } },
      schema: {
        operationId: 'refreshSession',
        tags,
        summary: 'Rotate a refresh token (single use; reuse revokes the whole family)',
        description:
          'A token presented again within a few seconds by the same client (two tabs refreshing at once) gets a fresh token of the same session instead; see docs/security.md.',
        headers: SessionTransportHeaders,
        body: RefreshRequest,
        response: { 200: TokenPair, ...problems(403) },
      },
      handler: async (req, reply) => {
        const refreshToken = resolveRefreshToken(req, req.body.refreshToken);
        try {
          return deliverRefreshToken(
            app,
            req,
            reply,
            await service.refresh(app, requestMeta(req), refreshToken),
          );
        } catch (error) {
          // A refused cookie is dead: drop it so the browser stops sending it.
          if (wantsCookieSession(req)) clearRefreshCookie(req, reply);
          throw error;
        }
      },
    });
    r.post('/auth/logout', {
      config: { access: { public: true } },
      schema: {
        operationId: 'logout',
        tags,
        summary: 'Revoke the refresh token and its family',
        headers: SessionTransportHeaders,
        body: RefreshRequest,
        response: { 204: NoContent, ...problems(403) },
      },
      handler: async (req, reply) => {
        const cookieSession = wantsCookieSession(req);
        if (cookieSession) assertSameOrigin(app, req);
        const token = req.body.refreshToken ?? (cookieSession ? readRefreshCookie(req) : undefined);
        if (token === undefined && !cookieSession) throw refreshTokenRequired();
        // Signing out works even when the cookie is already gone (expired, other tab signed out).
        if (token !== undefined) await service.logout(app, requestMeta(req), token);
        if (cookieSession) clearRefreshCookie(req, reply);
        return reply.status(204).send(null);
      },
    });
    r.get('/me', {
      config: { access: { user: true, orApiKey: true } },
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'The current user and their organizations, or the calling API key and its organization',
        description:
          'With a user token: `{user, memberships, …}`. With an API key: `{apiKey: {id, name, role}, organization: {id, name, slug}}` — how the SDK and CLI learn their organization from the key alone.',
        response: { 200: z.union([MeResponse, ApiKeyMeResponse]), ...problems(403) },
      },
      handler: async (req) => {
        const principal = req.principal!;
        return principal.kind === 'api_key'
          ? service.apiKeyMe(app, principal)
          : service.me(app, principal.userId);
      },
    });
    r.get('/me/security-events', {
      config: { access: { user: true } },
      schema: {
        tags,
        operationId: 'listMySecurityEvents',
        summary:
          'Your own security log: sign-ins, failed sign-ins and session events (never shown to organizations)',
        querystring: SecurityEventQuery,
        response: { 200: SecurityEventList, ...problems(403) },
      },
      handler: async (req) => service.listSecurityEvents(app, userId(req), req.query),
    });
    r.get('/invitations/:token', {
      config: { access: { public: true } },
      schema: {
        operationId: 'getInvitation',
        tags,
        summary: 'Preview an invitation before signing up with it',
        params: z.object({ token: z.string().min(1).max(200) }),
        response: { 200: InvitationPreview, ...problems(404) },
      },
      handler: async (req) => previewInvitation(app.db, req.params.token),
    });
    r.post('/auth/password-reset', {
      config: { access: { public: true } },
      schema: {
        operationId: 'requestPasswordReset',
        tags,
        summary: 'Email a one-time password reset link (same answer whether the account exists or not)',
        description:
          'Answers 503 when the server has no SMTP settings: an organization admin can then issue a reset link from the members page.',
        body: PasswordResetRequest,
        response: { 202: PasswordResetAccepted, ...problems(429, 503) },
      },
      handler: async (req, reply) => {
        await recovery.requestPasswordReset(app, requestMeta(req), req.body.email);
        return reply.status(202).send({ emailSent: true as const });
      },
    });
    r.post('/auth/password-reset/confirm', {
      config: { access: { public: true } },
      schema: {
        operationId: 'confirmPasswordReset',
        tags,
        summary: 'Set a new password with a reset link; ends every session of the account',
        body: PasswordResetConfirm,
        response: { 204: NoContent, ...problems() },
      },
      handler: async (req, reply) => {
        await recovery.confirmPasswordReset(app, requestMeta(req), req.body.token, req.body.password);
        return reply.status(204).send(null);
      },
    });
    r.post('/auth/verify-email', {
      config: { access: { public: true } },
      schema: {
        operationId: 'verifyEmail',
        tags,
        summary: 'Confirm an email address with the link sent at sign-up',
        body: VerifyEmailRequest,
        response: { 204: NoContent, ...problems(404) },
      },
      handler: async (req, reply) => {
        await recovery.verifyEmail(app, requestMeta(req), req.body.token);
        return reply.status(204).send(null);
      },
    });
    r.post('/me/verification-email', {
      config: { access: { user: true } },
      schema: {
        operationId: 'sendVerificationEmail',
        tags,
        summary: 'Send the email verification link again',
        body: EmptyBody,
        response: { 202: z.object({ emailSent: z.literal(true) }), ...problems(403, 409, 429, 503) },
      },
      handler: async (req, reply) => {
        await recovery.resendVerificationEmail(app, userId(req));
        return reply.status(202).send({ emailSent: true as const });
      },
    });
  };
}

const refreshTokenRequired = () =>
  validationFailed([{ path: 'refreshToken', message: 'Required (or send X-PromptOps-Session: cookie)' }]);
