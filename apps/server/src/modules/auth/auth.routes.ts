import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InvitationPreview,
  LoginRequest,
  LoginResponse,
  MeResponse,
  RefreshRequest,
  SecurityEventList,
  SecurityEventQuery,
  SignupRequest,
  SignupResponse,
  TokenPair,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { requestMeta, userId } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import { previewInvitation } from '../orgs/orgs.service.js';
import * as service from './auth.service.js';

export function authRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['auth'];
    r.post('/auth/signup', {
      config: { access: { public: true } },
      schema: {
        operationId: 'signup',
        tags,
        summary: 'Create an account and its first organization',
        body: SignupRequest,
        response: { 201: SignupResponse, ...problems(409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.signup(app, requestMeta(req), req.body)),
    });
    r.post('/auth/login', {
      config: { access: { public: true } },
      schema: {
        operationId: 'login',
        tags,
        summary: 'Log in with email and password',
        body: LoginRequest,
        response: { 200: LoginResponse, ...problems(429) },
      },
      handler: async (req) => service.login(app, requestMeta(req), req.body),
    });
    r.post('/auth/refresh', {
      config: { access: { public: true } },
      schema: {
        operationId: 'refreshSession',
        tags,
        summary: 'Rotate a refresh token (single use; reuse revokes the whole family)',
        body: RefreshRequest,
        response: { 200: TokenPair, ...problems() },
      },
      handler: async (req) => service.refresh(app, requestMeta(req), req.body.refreshToken),
    });
    r.post('/auth/logout', {
      config: { access: { public: true } },
      schema: {
        operationId: 'logout',
        tags,
        summary: 'Revoke the refresh token and its family',
        body: RefreshRequest,
        response: { 204: NoContent, ...problems() },
      },
      handler: async (req, reply) => {
        await service.logout(app, requestMeta(req), req.body.refreshToken);
        return reply.status(204).send(null);
      },
    });
    r.get('/me', {
      config: { access: { user: true } },
      schema: {
        operationId: 'getMe',
        tags,
        summary: 'The current user and their organizations',
        response: { 200: MeResponse, ...problems(403) },
      },
      handler: async (req) => service.me(app, userId(req)),
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
  };
}
