import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreatedShareLink,
  CreateShareLinkRequest,
  PromptNameParams,
  SharedPromptVersion,
  SharedTokenParams,
  ShareLinkList,
  ShareLinkParams,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext, requestMeta } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import * as service from './sharing.service.js';

export function sharingRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['sharing'];
    r.post('/orgs/:orgId/prompts/:name/share-links', {
      config: { access: { permission: 'share-links:write' } },
      schema: {
        operationId: 'createShareLink',
        tags,
        summary: 'Create a read-only link to a version (default latest, 30 days); the token is shown once',
        params: PromptNameParams,
        body: CreateShareLinkRequest,
        response: { 201: CreatedShareLink, ...problems(403, 404) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .header('cache-control', 'no-store')
          .send(await service.createShareLink(app, orgContext(req), req.params.name, req.body)),
    });
    r.get('/orgs/:orgId/prompts/:name/share-links', {
      config: { access: { permission: 'share-links:read' } },
      schema: {
        operationId: 'listShareLinks',
        tags,
        summary: 'Share links of a prompt, newest first, revoked and expired ones included',
        params: PromptNameParams,
        response: { 200: ShareLinkList, ...problems(403, 404) },
      },
      handler: async (req) => service.listShareLinks(app, orgContext(req), req.params.name),
    });
    r.delete('/orgs/:orgId/prompts/:name/share-links/:id', {
      config: { access: { permission: 'share-links:write' } },
      schema: {
        operationId: 'revokeShareLink',
        tags,
        summary: 'Revoke a share link: it stops working at once',
        params: ShareLinkParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.revokeShareLink(app, orgContext(req), req.params.name, req.params.id);
        return reply.status(204).send(null);
      },
    });
    r.get('/shared/:token', {
      // Anyone holding the link may read it: the token is the credential.
      config: { access: { public: true } },
      schema: {
        operationId: 'getSharedPromptVersion',
        tags,
        summary: 'The version a share link points at, without signing in (404 once revoked or expired)',
        security: [],
        params: SharedTokenParams,
        response: { 200: SharedPromptVersion, ...problems(404, 429) },
      },
      handler: async (req, reply) => {
        // Set first so the 404 is not stored by a cache either.
        reply.header('cache-control', 'no-store');
        return service.viewSharedVersion(app, requestMeta(req), req.params.token);
      },
    });
  };
}
