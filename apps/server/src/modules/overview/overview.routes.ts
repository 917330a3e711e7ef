import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OrgParams, Overview } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import * as service from './overview.service.js';

export function overviewRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    r.get('/orgs/:orgId/overview', {
      config: { access: { permission: 'executions:read' } },
      schema: {
        operationId: 'getOverview',
        tags: ['overview'],
        summary: "This month's runs, cost, failure rate and most-run prompts",
        params: OrgParams,
        response: { 200: Overview, ...problems(403, 404) },
      },
      handler: async (req) => service.getOverview(app, orgContext(req)),
    });
  };
}
