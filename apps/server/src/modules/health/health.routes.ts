import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  HealthCheckRequest,
  HealthCheckResponse,
  HealthHistory,
  HealthHistoryQuery,
  ProviderParams,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import { registerHealthMetrics } from './health.metrics.js';
import * as service from './health.service.js';

export function healthRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    registerHealthMetrics(app);
    const tags = ['providers and models'];
    r.post('/orgs/:orgId/providers/:id/health-check', {
      // A check is a real (billable) provider call, so only those who manage providers may start one.
      config: { access: { permission: 'providers:write' } },
      schema: {
        operationId: 'checkProviderHealth',
        tags,
        summary: "Check a provider's health now (a models list or 1-token completion) and record it",
        params: ProviderParams,
        body: HealthCheckRequest,
        response: { 200: HealthCheckResponse, ...problems(403, 404) },
      },
      handler: async (req) => ({
        health: await service.checkProviderNow(
          app,
          orgContext(req),
          req.params.id,
          req.body?.probe ? { probe: req.body.probe } : {},
        ),
      }),
    });
    r.get('/orgs/:orgId/providers/:id/health', {
      config: { access: { permission: 'providers:read' } },
      schema: {
        operationId: 'getProviderHealth',
        tags,
        summary: "A provider's latest health and its check history (kept 7 days), newest first",
        params: ProviderParams,
        querystring: HealthHistoryQuery,
        response: { 200: HealthHistory, ...problems(403, 404) },
      },
      handler: async (req) => service.healthHistory(app, orgContext(req), req.params.id, req.query.hours),
    });
  };
}
