import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreateModelRequest,
  CreateProviderRequest,
  Model,
  ModelList,
  ModelParams,
  OrgParams,
  Provider,
  ProviderList,
  ProviderParams,
  TokenizeRequest,
  TokenizeResponse,
  UpdateModelRequest,
  UpdateProviderRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import * as service from './providers.service.js';
import { tokenize } from './tokenize.service.js';

export function providersRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['providers and models'];
    r.get('/orgs/:orgId/providers', {
      config: { access: { permission: 'providers:read' } },
      schema: {
        operationId: 'listProviders',
        tags,
        summary: 'Providers (API keys are never returned, only a hint)',
        params: OrgParams,
        response: { 200: ProviderList, ...problems(403, 404) },
      },
      handler: async (req) => service.listProviders(app, orgContext(req)),
    });
    r.post('/orgs/:orgId/providers', {
      config: { access: { permission: 'providers:write' } },
      schema: {
        operationId: 'createProvider',
        tags,
        summary: 'Add a provider; its default models are added with editable prices',
        params: OrgParams,
        body: CreateProviderRequest,
        response: { 201: Provider, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createProvider(app, orgContext(req), req.body)),
    });
    r.get('/orgs/:orgId/providers/:id', {
      config: { access: { permission: 'providers:read' } },
      schema: {
        operationId: 'getProvider',
        tags,
        summary: 'One provider',
        params: ProviderParams,
        response: { 200: Provider, ...problems(403, 404) },
      },
      handler: async (req) => service.getProvider(app, orgContext(req), req.params.id),
    });
    r.patch('/orgs/:orgId/providers/:id', {
      config: { access: { permission: 'providers:write' } },
      schema: {
        operationId: 'updateProvider',
        tags,
        summary: 'Rename a provider, change its base URL or replace/remove its key',
        params: ProviderParams,
        body: UpdateProviderRequest,
        response: { 200: Provider, ...problems(403, 404, 409) },
      },
      handler: async (req) => service.updateProvider(app, orgContext(req), req.params.id, req.body),
    });
    r.delete('/orgs/:orgId/providers/:id', {
      config: { access: { permission: 'providers:write' } },
      schema: {
        operationId: 'deleteProvider',
        tags,
        summary: 'Delete a provider and its models',
        params: ProviderParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.deleteProvider(app, orgContext(req), req.params.id);
        return reply.status(204).send(null);
      },
    });
    r.get('/orgs/:orgId/models', {
      config: { access: { permission: 'models:read' } },
      schema: {
        operationId: 'listModels',
        tags,
        summary: 'The model registry with prices',
        params: OrgParams,
        response: { 200: ModelList, ...problems(403, 404) },
      },
      handler: async (req) => service.listModels(app, orgContext(req)),
    });
    r.post('/orgs/:orgId/models', {
      config: { access: { permission: 'models:write' } },
      schema: {
        operationId: 'createModel',
        tags,
        summary: 'Register a model of a provider',
        params: OrgParams,
        body: CreateModelRequest,
        response: { 201: Model, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createModel(app, orgContext(req), req.body)),
    });
    r.patch('/orgs/:orgId/models/:id', {
      config: { access: { permission: 'models:write' } },
      schema: {
        operationId: 'updateModel',
        tags,
        summary: "Edit a model's name, prices, context window or active flag",
        params: ModelParams,
        body: UpdateModelRequest,
        response: { 200: Model, ...problems(403, 404) },
      },
      handler: async (req) => service.updateModel(app, orgContext(req), req.params.id, req.body),
    });
    r.post('/orgs/:orgId/tokenize', {
      config: { access: { permission: 'models:read' } },
      schema: {
        operationId: 'tokenize',
        tags,
        summary: 'Count tokens of a text or chat for a model (exact where the tokenizer is known)',
        params: OrgParams,
        body: TokenizeRequest,
        response: { 200: TokenizeResponse, ...problems(403, 404) },
      },
      handler: async (req) => tokenize(app, orgContext(req), req.body),
    });
  };
}
