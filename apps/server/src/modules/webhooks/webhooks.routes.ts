import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  EmptyBody,
  CreateWebhookRequest,
  Id,
  OrgParams,
  UpdateWebhookRequest,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookList,
  WebhookParams,
  WebhookWithSecret,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import * as service from './webhooks.service.js';

const DeliveryParams = WebhookParams.extend({ deliveryId: Id });

export function webhooksRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['webhooks'];

    r.get('/orgs/:orgId/webhooks', {
      config: { access: { permission: 'webhooks:read' } },
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: "The organization's webhooks, newest first, each with its last delivery",
        params: OrgParams,
        response: { 200: WebhookList, ...problems(403, 404) },
      },
      handler: async (req) => service.listWebhooks(app, orgContext(req)),
    });

    r.post('/orgs/:orgId/webhooks', {
      config: { access: { permission: 'webhooks:write' } },
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Add a webhook; its signing secret (generated when omitted) is returned this once',
        params: OrgParams,
        body: CreateWebhookRequest,
        response: { 201: WebhookWithSecret, ...problems(400, 403, 404) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.createWebhook(app, orgContext(req), req.body)),
    });

    r.get('/orgs/:orgId/webhooks/:id', {
      config: { access: { permission: 'webhooks:read' } },
      schema: {
        operationId: 'getWebhook',
        tags,
        summary: 'A webhook (never its secret)',
        params: WebhookParams,
        response: { 200: Webhook, ...problems(403, 404) },
      },
      handler: async (req) => service.getWebhook(app, orgContext(req), req.params.id),
    });

    r.patch('/orgs/:orgId/webhooks/:id', {
      config: { access: { permission: 'webhooks:write' } },
      schema: {
        operationId: 'updateWebhook',
        tags,
        summary: 'Change URL, events, format, description or active; rotateSecret returns a new secret once',
        params: WebhookParams,
        body: UpdateWebhookRequest,
        response: { 200: WebhookWithSecret, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.updateWebhook(app, orgContext(req), req.params.id, req.body),
    });

    r.delete('/orgs/:orgId/webhooks/:id', {
      config: { access: { permission: 'webhooks:write' } },
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Delete a webhook and its delivery log',
        params: WebhookParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.deleteWebhook(app, orgContext(req), req.params.id);
        return reply.status(204).send(null);
      },
    });

    r.post('/orgs/:orgId/webhooks/:id/test', {
      config: { access: { permission: 'webhooks:write' } },
      schema: {
        operationId: 'testWebhook',
        tags,
        summary: 'Send a webhook.test delivery now and answer with its outcome',
        params: WebhookParams,
        body: EmptyBody,
        response: { 200: WebhookDelivery, ...problems(403, 404) },
      },
      handler: async (req) => service.sendTest(app, orgContext(req), req.params.id),
    });

    r.get('/orgs/:orgId/webhooks/:id/deliveries', {
      config: { access: { permission: 'webhooks:read' } },
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'The delivery log, newest first (cursor pagination); filter by status',
        params: WebhookParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: WebhookDeliveryList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listDeliveries(app, orgContext(req), req.params.id, req.query),
    });

    r.post('/orgs/:orgId/webhooks/:id/deliveries/:deliveryId/redeliver', {
      config: { access: { permission: 'webhooks:write' } },
      schema: {
        operationId: 'redeliverWebhookDelivery',
        tags,
        summary: 'Send a delivery again now (same id and body) and answer with its outcome',
        params: DeliveryParams,
        body: EmptyBody,
        response: { 200: WebhookDelivery, ...problems(403, 404) },
      },
      handler: async (req) => service.redeliver(app, orgContext(req), req.params.id, req.params.deliveryId),
    });
  };
}
