import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiKeyList,
  ApiKeyParams,
  CreateApiKeyRequest,
  CreateApiKeyResponse,
  OrgParams,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import * as service from './api-keys.service.js';

export function apiKeysRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['api-keys'];
    r.get('/orgs/:orgId/api-keys', {
      config: { access: { permission: 'api-keys:read' } },
      schema: {
        operationId: 'listApiKeys',
        tags,
        summary: 'Active API keys (secrets are never returned)',
        params: OrgParams,
        response: { 200: ApiKeyList, ...problems(403, 404) },
      },
      handler: async (req) => service.listApiKeys(app.db, orgContext(req)),
    });
    r.post('/orgs/:orgId/api-keys', {
      config: { access: { permission: 'api-keys:write' } },
      schema: {
        operationId: 'createApiKey',
        tags,
        summary: 'Create an API key; the key is shown only in this response',
        params: OrgParams,
        body: CreateApiKeyRequest,
        response: { 201: CreateApiKeyResponse, ...problems(403, 404) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createApiKey(app.db, orgContext(req), req.body)),
    });
    r.delete('/orgs/:orgId/api-keys/:id', {
      config: { access: { permission: 'api-keys:write' } },
      schema: {
        operationId: 'revokeApiKey',
        tags,
        summary: 'Revoke an API key',
        params: ApiKeyParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.revokeApiKey(app, orgContext(req), req.params.id);
        return reply.status(204).send(null);
      },
    });
  };
}
